/**
 * What an export holds: one entry per served file with its size and SHA-256, so a reader can list the
 * files (DuckDB cannot glob over HTTP) and check what it fetched. Also the row counts Settings shows.
 */
import { z } from 'zod';
import { TABLE_NAMES } from './export-schema';
import { WIRE_CHECK } from './wire-check';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const MonthSchema = z.string().regex(MONTH);

export const ExportFileSchema = z.strictObject({
  /** Relative to the export's URL: `issues/2025-01.parquet`, or `issues/2025-01.p2.parquet` for a further part. */
  path: z.string(),
  table: z.enum(TABLE_NAMES),
  month: MonthSchema,
  part: z.number().int().min(1),
  bytes: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  writtenAt: z.string(),
});
export type ExportFile = z.infer<typeof ExportFileSchema>;

/** `issues/2025-01.parquet` for the first part of a month, `issues/2025-01.p2.parquet` for the second. */
export function filePath(table: string, month: string, part: number): string {
  return part === 1 ? `${table}/${month}.parquet` : `${table}/${month}.p${part}.parquet`;
}

export interface ExportManifest {
  project: string;
  schemaVersion: number;
  generatedAt: string;
  tables: Record<string, { rows: number; files: number }>;
  files: ExportFile[];
  /** A file of every byte value and its hash: does this web trigger deliver bytes intact? (wire-check.ts) */
  wireCheck: { path: string; bytes: number; sha256: string };
}

export function buildManifest(
  project: string,
  schemaVersion: number,
  files: readonly ExportFile[],
  now: Date,
): ExportManifest {
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  const tables: ExportManifest['tables'] = {};
  for (const name of TABLE_NAMES) {
    const mine = sorted.filter((f) => f.table === name);
    tables[name] = { rows: mine.reduce((n, f) => n + f.rows, 0), files: mine.length };
  }
  return { project, schemaVersion, generatedAt: now.toISOString(), tables, files: sorted, wireCheck: { ...WIRE_CHECK } };
}
