/**
 * The app as the entry handlers see it on Forge: the real repositories, queue and engine, assembled once
 * per module load. Entry files take what they need from here and stay thin.
 */
import type { JiraEvent } from '../entry/triggers/jira-event-schema';
import {
  cycle,
  runBackfillWork,
  runCycleWork,
  type DeliveryRef,
  type WorkDeps,
} from '../core/work/run-work-item';
import { WorkItemSchema } from '../core/work/work-items';
import type { WorkItem } from '../core/ports';
import { forgeEngineFor } from './compose';
import { recordExportChange } from './analytics/record-export-change';
import { queueExportScans, runAnalyticsWork } from './analytics/run-analytics-work';
import { forgeExportSource } from './analytics/jira-export-source';
import { forgeClock } from './forge-clock';
import { runDevInfoWork } from './devinfo/run-devinfo-work';
import { sweepInbox } from './devinfo/drain-inbox';
import { consumeWithRetries, type Delivery } from './failures/consume-with-retries';
import { recordConnectionFailure } from './failures/record-connection-failure';
import { forgeWorkQueue } from './forge-queue';
import {
  clearEventPending,
  recordLocalChange as recordLocalChangeFor,
} from './local-events/record-local-change';
import { holdingQueue, queueUnder, releaseHeldWork } from './licensing/held-work';
import { mayRun, type LicenseState } from '../core/licensing/license-state';
import { KvsConnectionRepository } from './kvs/kvs-connection-repository';
import { readCredential } from './kvs/secret-store';
import {
  clearPending,
  receiveTrackerWebhook,
  type TrackerWebhookRequest,
} from './tracker-webhook/receive-tracker-webhook';

const connections = new KvsConnectionRepository();
const queue = forgeWorkQueue();
const workDeps: WorkDeps = { connections, queue, engineFor: forgeEngineFor };

/**
 * Every five minutes: one queued cycle per enabled connection, and one self-healing scan per analytics export
 * that is on (run-analytics-work.ts). Under an inactive license nothing starts
 * (the cursors stay put, so the first licensed cycle reads everything since); once it is active again, the
 * work held meanwhile is released first.
 */
export async function startScheduledCycles(license: LicenseState): Promise<void> {
  if (!mayRun(license)) return;
  await releaseHeldWork(queue);
  const enabled = (await connections.list()).filter((c) => c.enabled);
  await queue.push(enabled.map((c) => cycle(c.id, 'schedule')));
  await sweepInbox(queue);
  // The analytics export's self-healing: changes that sent no event (the sync's own writes among them).
  await queueExportScans(queue);
}

/** A local change: a cycle scoped to its issue for each connection of its project (local-events/). */
export const recordLocalChange = async (event: JiraEvent, license: LicenseState): Promise<void> => {
  await recordLocalChangeFor({ connections, queue: queueUnder(license, queue) }, event);
  // The analytics export of the issue's project, if it has one, re-exports the issue's month.
  await recordExportChange(queueUnder(license, queue), event);
};

/** A remote tracker's webhook: verified, then the issues it names are marked and a cycle is queued. */
export const receiveTrackerWebhookOnForge = (request: TrackerWebhookRequest, license: LicenseState) =>
  receiveTrackerWebhook(
    { connections, queue: queueUnder(license, queue), credential: readCredential },
    request,
  );

/**
 * One queued work item, with the consumer's failure handling around it: a retryable failure comes back as
 * Forge's retry request (an InvocationError the handler returns), a final one is shown on the connection.
 */
export const runWorkItem = async (
  item: WorkItem,
  delivery: Delivery & DeliveryRef,
  license: LicenseState,
) => {
  // Queued before the license lapsed: kept as a held marker, released with the rest once it is active.
  if (!mayRun(license)) return holdingQueue().push([item]);
  return consumeWithRetries({ queue, recordOnConnection: recordConnectionFailure }, item, delivery, () =>
    dispatchWorkItem(item, delivery),
  );
};

async function dispatchWorkItem(item: WorkItem, delivery: DeliveryRef): Promise<void> {
  const work = WorkItemSchema.parse(item);
  if (work.kind === 'backfill') await runBackfillWork(workDeps, work, delivery);
  else if (work.kind === 'devinfo') await runDevInfoWork(queue, work);
  else if (work.kind === 'analytics')
    await runAnalyticsWork({ queue, source: () => forgeExportSource(), clock: forgeClock }, work);
  else {
    const { connectionId, reason, issues } = work.body;
    if (reason === 'webhook' && issues) await clearPending(connectionId, issues.remote);
    if (reason === 'event' && issues) await clearEventPending(connectionId, issues.local);
    await runCycleWork(workDeps, work, delivery);
  }
}
