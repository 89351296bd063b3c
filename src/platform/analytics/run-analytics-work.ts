/**
 * The export's queued work: a backfill that walks the project month by month from its oldest issue and
 * resumes where its stored progress says (each month is one idempotent write, so a kill repeats at most the
 * month it was in), a month re-export asked for by events, the lookup of an issue's month when an event
 * did not say it, and the scheduled self-healing scan that finds the changes no event reported. Runs in the
 * background lane; a rate-limit pause is retried by the queue.
 */
import { kvs } from '@forge/kvs';
import { buildMonth, monthsBetween } from '../../core/analytics/build-month';
import { scanWindowMinutes, staleMonths } from '../../core/analytics/stale-months';
import type { AnalyticsWork, ExportConfig } from '../../core/analytics/export-config';
import type { ExportSource } from '../../core/analytics/ports';
import type { Clock, WorkQueue } from '../../core/ports';
import { keys } from '../kvs/keys';
import { markOnce } from '../kvs/mark-once';
import {
  listExportConfigs,
  MAX_FILE_BYTES,
  monthHolding,
  readExportConfig,
  readMonthHeads,
  storeMonth,
  updateExportConfig,
} from './export-store';

export interface AnalyticsDeps {
  queue: WorkQueue;
  source: () => Promise<ExportSource>;
  clock: Clock;
}

/** Events on one month's issues within this window share one re-export. */
export const GATHER_DELAY_S = 3;
const DIRTY_TTL_S = 120;
/** A month of a large project takes a while to read; the backfill stops before it cannot finish one. */
const MIN_REMAINING_MS = 120_000;

export const monthWork = (exportId: string, month: string): AnalyticsWork => ({
  kind: 'analytics',
  body: { task: 'month', exportId, month },
});

/** Marks the month dirty and queues its re-export, unless a queued one will already see this change. */
export async function queueMonthExport(queue: WorkQueue, exportId: string, month: string): Promise<void> {
  if (!(await markOnce(keys.analyticsDirty(exportId, month), DIRTY_TTL_S))) return;
  try {
    await queue.push([monthWork(exportId, month)], GATHER_DELAY_S);
  } catch (err) {
    await kvs.delete(keys.analyticsDirty(exportId, month));
    throw err;
  }
}

async function exportMonth(deps: AnalyticsDeps, config: ExportConfig, month: string): Promise<number> {
  const source = await deps.source();
  // Taken before the first read: a change after it may be missing from the files, and the scan must see it.
  const readAt = deps.clock.now();
  try {
    const built = await buildMonth(source, config.exportId, month, MAX_FILE_BYTES);
    await storeMonth(config.exportId, built, deps.clock.now(), readAt);
    await updateExportConfig(config.exportId, (c) => {
      const next = { ...c, lastExportAt: deps.clock.now().toISOString() };
      delete next.lastError;
      return next;
    });
    return built.issueIds.length;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await updateExportConfig(config.exportId, (c) => ({ ...c, lastError: `${month}: ${message}` })).catch(
      () => undefined,
    );
    throw err;
  }
}

async function runBackfill(deps: AnalyticsDeps, config: ExportConfig): Promise<void> {
  let progress = config.backfill;
  if (!progress || progress.state === 'done') return;
  if (progress.months.length === 0 && progress.monthsDone === 0) {
    const oldest = await (await deps.source()).oldestCreated(config.exportId);
    const months = oldest === undefined ? [] : monthsBetween(oldest, new Date(progress.startedAt));
    progress = { ...progress, months };
    const withMonths = progress;
    await updateExportConfig(config.exportId, (c) => ({ ...c, backfill: withMonths }));
  }
  while (progress.monthsDone < progress.months.length) {
    if (deps.clock.remainingMs() < MIN_REMAINING_MS) {
      await deps.queue.push([{ kind: 'analytics', body: { task: 'backfill', exportId: config.exportId } }]);
      return;
    }
    const month = progress.months[progress.monthsDone] ?? '';
    const issues = await exportMonth(deps, config, month);
    progress = {
      ...progress,
      monthsDone: progress.monthsDone + 1,
      issuesExported: progress.issuesExported + issues,
    };
    const step = progress;
    await updateExportConfig(config.exportId, (c) => ({ ...c, backfill: step }));
  }
  const done = { ...progress, state: 'done' as const, finishedAt: deps.clock.now().toISOString() };
  await updateExportConfig(config.exportId, (c) => ({ ...c, backfill: done }));
}

/**
 * The self-healing scan: one search for the project's issues updated since the last scan began (the backfill's
 * start for the first), then each month whose files miss one of those changes is queued like an event's
 * re-export. Skipped while a backfill runs: it reads every month anyway.
 */
async function runScan(deps: AnalyticsDeps, config: ExportConfig): Promise<void> {
  if (config.backfill?.state === 'running') return;
  const startedAt = deps.clock.now();
  const since = new Date(config.scannedAt ?? config.backfill?.startedAt ?? config.createdAt);
  const changed = await (
    await deps.source()
  ).issuesUpdatedWithin(config.exportId, scanWindowMinutes(since, startedAt));
  const written = (await readMonthHeads(config.exportId)).map((h) => ({
    month: h.month,
    readAt: new Date(h.readAt ?? h.writtenAt),
    issueIds: h.issueIds,
  }));
  for (const month of staleMonths(changed, written))
    await queueMonthExport(deps.queue, config.exportId, month);
  await updateExportConfig(config.exportId, (c) => ({ ...c, scannedAt: startedAt.toISOString() }));
}

/** Each scheduled tick: a scan for every export that is on (one search each, in the background lane). */
export async function queueExportScans(queue: WorkQueue): Promise<void> {
  const on = (await listExportConfigs()).filter((c) => c.enabled);
  await queue.push(on.map((c) => ({ kind: 'analytics', body: { task: 'scan', exportId: c.exportId } })));
}

export async function runAnalyticsWork(deps: AnalyticsDeps, work: AnalyticsWork): Promise<void> {
  const config = await readExportConfig(work.body.exportId);
  // Turned off (or removed) since the work was queued: nothing to export.
  if (!config?.enabled) return;
  const body = work.body;
  switch (body.task) {
    case 'backfill':
      return runBackfill(deps, config);
    case 'scan':
      return runScan(deps, config);
    case 'month':
      // Cleared before reading, so an event that arrives during the export queues another.
      await kvs.delete(keys.analyticsDirty(config.exportId, body.month));
      await exportMonth(deps, config, body.month);
      return;
    case 'locate': {
      const created = await (await deps.source()).createdOf(body.issueId);
      // A deleted issue cannot be read any more: its month is the one whose files hold it.
      const month = created
        ? created.toISOString().slice(0, 7)
        : await monthHolding(config.exportId, body.issueId);
      if (month !== undefined) await queueMonthExport(deps.queue, config.exportId, month);
      return;
    }
  }
}
