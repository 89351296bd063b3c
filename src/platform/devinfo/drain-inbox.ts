/**
 * Draining the inbox from the queue. The web trigger asks for a drain after storing a delivery; a KVS
 * marker (FAIL_IF_EXISTS) makes a burst ask once, so 1,000 pushes become a few queue events and a few
 * bulk uploads, within Forge's 500 queue events a minute. The drain clears the marker before it reads
 * the inbox, so a delivery stored meanwhile asks again. Anything a lost queue event leaves behind is
 * found by the five-minute schedule's sweep.
 */
import { kvs } from '@forge/kvs';
import { processInboxRound, type InboxDeps } from '../../core/devinfo/process-inbox';
import { isRetryable, TrackerError } from '../../core/errors';
import type { Clock, WorkQueue } from '../../core/ports';
import type { DevInfoWork } from '../../core/work/work-items';
import { keys } from '../kvs/keys';
import { isKeyConflict } from '../kvs/storage-error';
import { trimAudit } from './delivery-audit';
import { inboxSize } from './delivery-inbox';
import { takeDrainLease } from './drain-lease';
import { listIntegrations } from './integration-store';

/** A round takes a few seconds; stop well before the consumer's limit and continue in a new event. */
const STOP_WHEN_LEFT_MS = 60_000;
const BUSY_RETRY_S = 20;
const MAX_BUSY_RETRIES = 3;

export const drainWork = (
  reason: 'delivery' | 'continuation' | 'sweep' | 'busy',
  busyRetries = 0,
): DevInfoWork => ({
  kind: 'devinfo',
  body: { task: 'drain', reason, busyRetries },
});

/** Called by the web trigger after a delivery is stored; never fails the delivery. */
export async function requestDrain(queue: WorkQueue): Promise<void> {
  try {
    await kvs.set(
      keys.gitDrainRequested(),
      { at: new Date().toISOString() },
      { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: 120, unit: 'SECONDS' } },
    );
  } catch (err) {
    if (isKeyConflict(err)) return;
    throw err;
  }
  try {
    // A second's delay lets a burst gather into one drain.
    await queue.push([drainWork('delivery')], 1);
  } catch (err) {
    // The delivery is safe in the inbox; the schedule's sweep drains it.
    console.warn(
      `could not queue a dev info drain (${err instanceof Error ? err.message : String(err)}); the next sweep will`,
    );
    await kvs.delete(keys.gitDrainRequested());
  }
}

/**
 * The five-minute schedule: a drain if anything waits, and every integration's audit log trimmed (a
 * flood of refused deliveries never reaches a drain, so the drain's own trimming would miss it).
 */
export async function sweepInbox(queue: WorkQueue): Promise<void> {
  if ((await inboxSize(1)) > 0) await queue.push([drainWork('sweep')]);
  for (const integration of await listIntegrations()) await trimAudit(integration.id);
}

export interface DrainReport {
  outcome: 'done' | 'continued' | 'busy';
  deliveries: number;
  requests: number;
}

export async function drainInbox(
  deps: InboxDeps,
  queue: WorkQueue,
  clock: Clock,
  busyRetries: number,
): Promise<DrainReport> {
  await kvs.delete(keys.gitDrainRequested());
  const lease = await takeDrainLease();
  if (!lease) {
    // Another drain runs; it may have read the inbox before our delivery landed, so look again later.
    if (busyRetries < MAX_BUSY_RETRIES) await queue.push([drainWork('busy', busyRetries + 1)], BUSY_RETRY_S);
    return { outcome: 'busy', deliveries: 0, requests: 0 };
  }
  const report: DrainReport = { outcome: 'done', deliveries: 0, requests: 0 };
  const touched = new Set<string>();
  try {
    for (;;) {
      if (clock.remainingMs() < STOP_WHEN_LEFT_MS) {
        await queue.push([drainWork('continuation')]);
        report.outcome = 'continued';
        break;
      }
      const round = await processInboxRound({ ...deps, audit: trackTouched(deps.audit, touched) });
      report.deliveries += round.deliveries;
      report.requests += round.requests;
      if (round.deliveries === 0) break;
      await lease.renew();
    }
  } catch (err) {
    if (!isRetryable(err)) throw err;
    const waitS =
      err instanceof TrackerError && err.retryAfterMs !== undefined ? Math.ceil(err.retryAfterMs / 1000) : 30;
    await queue.push([drainWork('continuation')], waitS);
    report.outcome = 'continued';
  } finally {
    await lease.release();
  }
  for (const integrationId of touched) await trimAudit(integrationId);
  return report;
}

function trackTouched(audit: InboxDeps['audit'], touched: Set<string>): InboxDeps['audit'] {
  return {
    complete(delivery, result) {
      touched.add(delivery.integrationId);
      return audit.complete(delivery, result);
    },
  };
}
