/**
 * Turning a project's export on and off, rotating its secret, and the view Settings shows. Turning it on
 * makes a secret (once) and starts a backfill; turning it off closes the URL at once (every request is a
 * 404) and keeps the files, so turning it on again serves them while the new backfill refreshes them.
 */
import { webTrigger } from '@forge/api';
import type { ExportConfig } from '../../core/analytics/export-config';
import { duckdbSnippet, type AnalyticsView } from '../../core/analytics/export-view';
import type { WorkQueue } from '../../core/ports';
import { ensureExportSecret, readExportSecret, rotateExportSecret } from './export-secrets';
import { manifestOf, readExportConfig, readMonthHeads, writeExportConfig } from './export-store';

export const ANALYTICS_WEBTRIGGER = 'analytics-export';

export async function exportBaseUrl(exportId: string): Promise<string | undefined> {
  const secret = await readExportSecret(exportId);
  if (secret === undefined) return undefined;
  const base = await webTrigger.getUrl(ANALYTICS_WEBTRIGGER);
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(exportId)}/${secret}`;
}

export async function exportView(projectKey: string, now: Date): Promise<AnalyticsView> {
  const config = await readExportConfig(projectKey);
  const manifest = manifestOf(projectKey, config ? await readMonthHeads(projectKey) : [], now);
  const url = config?.enabled ? await exportBaseUrl(projectKey) : undefined;
  return {
    projectKey,
    enabled: config?.enabled ?? false,
    url: url ?? null,
    snippet: url === undefined ? null : duckdbSnippet(url, manifest),
    lastExportAt: config?.lastExportAt ?? null,
    lastError: config?.lastError ?? null,
    previousSecretValidUntil: config?.previousSecretValidUntil ?? null,
    backfill: config?.backfill ?? null,
    tables: Object.entries(manifest.tables).map(([table, t]) => ({ table, rows: t.rows, files: t.files })),
  };
}

export async function setExportEnabled(
  queue: WorkQueue,
  projectKey: string,
  enabled: boolean,
  now: Date,
): Promise<void> {
  const existing = await readExportConfig(projectKey);
  if (!enabled) {
    if (existing) await writeExportConfig({ ...existing, enabled: false });
    return;
  }
  // Already on: enabling again changes nothing (a double click must not start a second backfill).
  if (existing?.enabled) return;
  await ensureExportSecret(projectKey);
  const config: ExportConfig = {
    ...(existing ?? { exportId: projectKey, createdAt: now.toISOString() }),
    enabled: true,
    backfill: {
      state: 'running',
      startedAt: now.toISOString(),
      months: [],
      monthsDone: 0,
      issuesExported: 0,
    },
  };
  await writeExportConfig(config);
  await queue.push([{ kind: 'analytics', body: { task: 'backfill', exportId: projectKey } }]);
}

export async function rotateSecretOf(projectKey: string, graceHours: number, now: Date): Promise<boolean> {
  const config = await readExportConfig(projectKey);
  if (!config) return false;
  await writeExportConfig(await rotateExportSecret(config, graceHours, now));
  return true;
}
