/**
 * Where the export's files live: Forge KVS, in chunks. Why KVS and not the Object Store: the Object Store is
 * an EAP (developer.atlassian.com/platform/forge/limits-object-store: "apps using this feature can't be
 * deployed to production", objects have a 90-day TTL and are deleted when the EAP ends), so a paid app
 * cannot keep a customer's export there. KVS is GA, backed up, and its limits fit (limits-kvs-ce):
 *
 * - 240 KiB per value, measured on the stored JSON. A chunk holds CHUNK_BYTES = 176 KiB of a file as base64:
 *   ⌈180,224 / 3⌉ × 4 = 240,300 characters + 2 quotes = 240,302 bytes ≤ 245,760.
 * - A served file is at most MAX_FILE_BYTES = 768 KiB (see serving below), so 5 chunks at most.
 * - 20,000 issues: the demo's month of 20 issues measures 10,825 bytes in all seven tables and an empty month
 *   2,692 (README, "Analytics export"), ≈ 0.4 KB per short demo issue; budgeting 1.5 KB per issue for real
 *   ones with longer text, comments and history, 20,000 × 1.5 KB = 30 MB of Parquet,
 *   40 MB as base64 in ≈ 170 chunks, plus one head per month (36 months of history: 36 heads of a few KB,
 *   most of it the month's issue ids, 20,000 ids × ~8 bytes spread over them). Writes are rounded up to
 *   10 KB units: one chunk costs 24, a full backfill ≈ 4,100, well inside an installation's rate; the
 *   per-key write rate (1 MB/s) is never approached since every chunk has a key of its own.
 *
 * A month is written as a new generation (a hash of its files, so a retry writes the same keys): chunks
 * first, then the month's head names the generation (the switch), then the other generations' chunks are
 * swept. A reader sees the old files or the new ones, never a mix of heads and chunks; a read that spans the
 * switch may miss a swept chunk and fail, and the ETag (the file's SHA-256) says the file changed.
 */
import { kvs } from '@forge/kvs';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ExportConfigSchema, type ExportConfig } from '../../core/analytics/export-config';
import {
  buildManifest,
  ExportFileSchema,
  filePath,
  MonthSchema,
  type ExportFile,
  type ExportManifest,
} from '../../core/analytics/export-manifest';
import { EXPORT_SCHEMA_VERSION } from '../../core/analytics/export-schema';
import type { MonthFiles } from '../../core/analytics/build-month';
import type { ExportReader } from '../../core/analytics/serve-export';
import { keys } from '../kvs/keys';
import { allUnder } from '../kvs/prefix-query';
import { StorageError } from '../kvs/storage-error';
import { parseStored } from '../kvs/stored-records';
import { acceptedExportSecrets } from './export-secrets';

export const CHUNK_BYTES = 176 * 1024;
/**
 * A web trigger's response counts against the invocation payload limit, 5 MB (limits-invocation, "Payload
 * size"; events-reference/web-trigger: "request and response sizes … are subject to the function request and
 * response payload sizes"). The body is a string inside the function's JSON answer, where a byte may take up
 * to 6 bytes (a control byte as `\u00XX`): 768 KiB × 6 = 4.7 MB leaves room for the headers.
 */
export const MAX_FILE_BYTES = 768 * 1024;

const StoredFileSchema = ExportFileSchema.extend({
  /** Position of the file in its month's generation, part of its chunks' keys. */
  index: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
});
type StoredFile = z.infer<typeof StoredFileSchema>;

/** A stored file as the manifest lists it: where its chunks are is the store's business. */
const publicFile = (f: StoredFile): ExportFile => ({
  path: f.path,
  table: f.table,
  month: f.month,
  part: f.part,
  bytes: f.bytes,
  rows: f.rows,
  sha256: f.sha256,
  writtenAt: f.writtenAt,
});

const MonthHeadSchema = z.strictObject({
  month: MonthSchema,
  generation: z.string().min(1),
  writtenAt: z.string(),
  /** When the month's read of Jira began: a change after it may be missing (heads written before: writtenAt). */
  readAt: z.string().optional(),
  issueIds: z.array(z.string()),
  files: z.array(StoredFileSchema),
});
type MonthHead = z.infer<typeof MonthHeadSchema>;

export async function readExportConfig(exportId: string): Promise<ExportConfig | undefined> {
  const key = keys.analyticsExport(exportId);
  const value: unknown = await kvs.get(key);
  return value === undefined ? undefined : parseStored(ExportConfigSchema, value, key);
}

export async function writeExportConfig(config: ExportConfig): Promise<void> {
  await kvs.set(keys.analyticsExport(config.exportId), ExportConfigSchema.parse(config));
}

/** Changes the stored config by `change`; a missing export stays missing. */
export async function updateExportConfig(
  exportId: string,
  change: (config: ExportConfig) => ExportConfig,
): Promise<ExportConfig | undefined> {
  const config = await readExportConfig(exportId);
  if (!config) return undefined;
  const next = change(config);
  await writeExportConfig(next);
  return next;
}

export async function listExportConfigs(): Promise<ExportConfig[]> {
  const rows = await allUnder(keys.analyticsExportPrefix());
  return rows.map((r) => parseStored(ExportConfigSchema, r.value, r.key));
}

export async function readMonthHeads(exportId: string): Promise<MonthHead[]> {
  const rows = await allUnder(keys.analyticsMonthPrefix(exportId));
  return rows.map((r) => parseStored(MonthHeadSchema, r.value, r.key));
}

const generationOf = (month: MonthFiles): string =>
  createHash('sha256')
    .update(month.files.map((f) => `${f.table}/${f.part}/${f.sha256}`).join('\n'))
    .update(month.issueIds.join(','))
    .digest('hex')
    .slice(0, 16);

/**
 * Writes a month's files (chunks, then the head), then sweeps every other generation of that month.
 * `readAt` is when the read of Jira that built them began.
 */
export async function storeMonth(
  exportId: string,
  month: MonthFiles,
  now: Date,
  readAt: Date = now,
): Promise<ExportFile[]> {
  const generation = generationOf(month);
  const files: StoredFile[] = [];
  for (const [index, file] of month.files.entries()) {
    const chunks = Math.ceil(file.bytes.byteLength / CHUNK_BYTES);
    for (let c = 0; c < chunks; c++) {
      const slice = file.bytes.subarray(c * CHUNK_BYTES, (c + 1) * CHUNK_BYTES);
      // One at a time: each chunk is near the value limit, and a batch carries at most 4 MB.
      await kvs.set(
        keys.analyticsChunk(exportId, month.month, generation, index, c),
        Buffer.from(slice).toString('base64'),
      );
    }
    files.push({
      path: filePath(file.table, month.month, file.part),
      table: file.table,
      month: month.month,
      part: file.part,
      bytes: file.bytes.byteLength,
      rows: file.rows,
      sha256: file.sha256,
      writtenAt: now.toISOString(),
      index,
      chunks,
    });
  }
  const head: MonthHead = {
    month: month.month,
    generation,
    writtenAt: now.toISOString(),
    readAt: readAt.toISOString(),
    issueIds: month.issueIds,
    files,
  };
  await kvs.set(keys.analyticsMonth(exportId, month.month), MonthHeadSchema.parse(head));
  await sweepMonth(exportId, month.month, generation);
  return files.map(publicFile);
}

/** Deletes the chunks of every generation but `keep` (undefined: all of them). */
async function sweepMonth(exportId: string, month: string, keep: string | undefined): Promise<void> {
  const prefix = keys.analyticsChunkPrefix(exportId, month);
  const keepPrefix =
    keep === undefined ? undefined : keys.analyticsChunk(exportId, month, keep, 0, 0).replace(/0:0$/, '');
  for (const row of await allUnder(prefix)) {
    if (keepPrefix !== undefined && row.key.startsWith(keepPrefix)) continue;
    await kvs.delete(row.key);
  }
}

/** Removes every file and chunk of the export (turned off and erased, or uninstalled). */
export async function eraseExportFiles(exportId: string): Promise<void> {
  for (const head of await readMonthHeads(exportId)) {
    await sweepMonth(exportId, head.month, undefined);
    await kvs.delete(keys.analyticsMonth(exportId, head.month));
  }
}

export function manifestOf(exportId: string, heads: readonly MonthHead[], now: Date): ExportManifest {
  const files = heads.flatMap((h) => h.files.map(publicFile));
  return buildManifest(exportId, EXPORT_SCHEMA_VERSION, files, now);
}

/** The month that holds an issue, from the heads' issue lists (no Jira call: the issue may be gone). */
export async function monthHolding(exportId: string, issueId: string): Promise<string | undefined> {
  return (await readMonthHeads(exportId)).find((h) => h.issueIds.includes(issueId))?.month;
}

/**
 * The web trigger's view of the store, for one request: the heads read for the manifest are kept, so the
 * bytes read come from the generation the manifest named.
 */
export function kvsExportReader(now: () => Date): ExportReader {
  const heads = new Map<string, MonthHead[]>();
  return {
    async acceptedSecrets(exportId) {
      const config = await readExportConfig(exportId).catch(() => undefined);
      if (!config?.enabled) return [];
      return acceptedExportSecrets(config, now());
    },
    async manifest(exportId) {
      const config = await readExportConfig(exportId);
      if (!config?.enabled) return undefined;
      const read = await readMonthHeads(exportId);
      heads.set(exportId, read);
      return manifestOf(exportId, read, now());
    },
    async readBytes(exportId, file, start, end) {
      const head = heads.get(exportId)?.find((h) => h.month === file.month);
      const stored = head?.files.find((f) => f.path === file.path);
      if (!head || !stored) throw new StorageError('corrupt_record', `no stored file ${file.path}`);
      const first = Math.floor(start / CHUNK_BYTES);
      const last = Math.floor(end / CHUNK_BYTES);
      const parts: Buffer[] = [];
      for (let c = first; c <= last; c++) {
        const key = keys.analyticsChunk(exportId, head.month, head.generation, stored.index, c);
        const value: unknown = await kvs.get(key);
        if (typeof value !== 'string')
          throw new StorageError('corrupt_record', `chunk ${key} of ${file.path} is missing`);
        parts.push(Buffer.from(value, 'base64'));
      }
      const joined = Buffer.concat(parts);
      const offset = start - first * CHUNK_BYTES;
      return new Uint8Array(joined.subarray(offset, offset + (end - start + 1)));
    },
  };
}
