/**
 * What Settings shows of a project's export, and the DuckDB snippet ready to copy. DuckDB cannot list a
 * directory over HTTP (no glob for http(s) URLs), so the snippet names every file the manifest lists, and
 * reads with `union_by_name` so months written under different schema versions read as one table.
 */
import { z } from 'zod';
import { BackfillProgressSchema } from './export-config';
import type { ExportManifest } from './export-manifest';
import { EXPORT_SCHEMA_VERSION, TABLE_NAMES } from './export-schema';

export const AnalyticsViewSchema = z.strictObject({
  projectKey: z.string(),
  enabled: z.boolean(),
  /** The export's base URL with its secret; null while off. Project admins may read it at any time. */
  url: z.string().nullable(),
  snippet: z.string().nullable(),
  lastExportAt: z.string().nullable(),
  lastError: z.string().nullable(),
  previousSecretValidUntil: z.string().nullable(),
  backfill: BackfillProgressSchema.nullable(),
  tables: z.array(z.strictObject({ table: z.string(), rows: z.number(), files: z.number() })),
});
export type AnalyticsView = z.infer<typeof AnalyticsViewSchema>;

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** `CREATE VIEW` per table over the manifest's files, then an example query; null when nothing is written yet. */
export function duckdbSnippet(baseUrl: string, manifest: ExportManifest): string | null {
  if (manifest.files.length === 0) return null;
  const lines = [
    `-- Tandem analytics export of ${manifest.project} (schema v${EXPORT_SCHEMA_VERSION}); files from ${baseUrl}/manifest.json`,
    'INSTALL httpfs; LOAD httpfs;',
  ];
  for (const table of TABLE_NAMES) {
    const urls = manifest.files.filter((f) => f.table === table).map((f) => sqlString(`${baseUrl}/${f.path}`));
    if (urls.length === 0) continue;
    lines.push(
      `CREATE OR REPLACE VIEW ${table} AS SELECT * FROM read_parquet([${urls.join(', ')}], union_by_name = true);`,
    );
  }
  lines.push('SELECT status, count(*) AS issues FROM issues GROUP BY status ORDER BY issues DESC;');
  return lines.join('\n');
}
