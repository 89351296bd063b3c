/**
 * One month of a project as Parquet files: the issues created in it, their comments and their history,
 * each table split into files that fit one web trigger response. Deterministic for the same Jira data (rows
 * in key order, no write time inside the files), so a retried export produces the same bytes and hashes.
 */
import { createHash } from 'node:crypto';
import { columnsOf, customFieldColumns, TABLE_NAMES, type TableName } from './export-schema';
import { monthOf, rowsOf } from './export-rows';
import type { ExportSource } from './ports';
import { writeParquetParts } from './write-parquet';

export interface MonthFile {
  table: TableName;
  part: number;
  rows: number;
  bytes: Uint8Array;
  sha256: string;
}

export interface MonthFiles {
  month: string;
  files: MonthFile[];
  /** The issues the month holds, so a deleted issue's month can be found without reading Jira. */
  issueIds: string[];
}

/** The first instant of `2025-01` and of the month after, in UTC. */
export function monthBounds(month: string): { from: Date; to: Date } {
  const [y = NaN, m = NaN] = month.split('-').map(Number);
  return { from: new Date(Date.UTC(y, m - 1, 1)), to: new Date(Date.UTC(y, m, 1)) };
}

/** Every month from `first` to `last`, both included: `2024-11`, `2024-12`, `2025-01`. */
export function monthsBetween(first: Date, last: Date): string[] {
  const out: string[] = [];
  const at = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1));
  while (at.getTime() <= last.getTime()) {
    out.push(at.toISOString().slice(0, 7));
    at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return out;
}

/** Jira reads JQL dates in the searching user's time zone: a day either side, then the UTC month filters. */
const MARGIN_MS = 36 * 3_600_000;

export async function buildMonth(
  source: ExportSource,
  projectKey: string,
  month: string,
  maxFileBytes: number,
): Promise<MonthFiles> {
  const { from, to } = monthBounds(month);
  const custom = customFieldColumns(await source.customFields());
  const found = await source.issuesCreatedBetween(
    projectKey,
    new Date(from.getTime() - MARGIN_MS),
    new Date(to.getTime() + MARGIN_MS),
  );
  const issues = found
    .filter((i) => monthOf(i.issue) === month)
    .sort((a, b) => a.issue.key.localeCompare(b.issue.key, 'en', { numeric: true }));
  const rows = rowsOf(issues, custom);
  const files: MonthFile[] = [];
  for (const table of TABLE_NAMES) {
    const parts = writeParquetParts(table, columnsOf(table, custom), rows[table], maxFileBytes);
    parts.forEach(({ bytes, rows: count }, i) => {
      files.push({
        table,
        part: i + 1,
        rows: count,
        bytes,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
    });
  }
  return { month, files, issueIds: issues.map((i) => i.issue.id) };
}
