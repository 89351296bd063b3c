/**
 * What a queue consumer does with one work item. A cycle that could not finish (time, a rate limit, a busy
 * pair) queues its own continuation; work that found the connection busy runs again later, as often as it
 * takes (retry-decision.ts `decideBusyRetry`).
 */
import { backfill, runCycle } from '../cycle/run-cycle';
import { TrackerError } from '../errors';
import type { EngineDeps } from '../cycle/engine-deps';
import { queueDelaySeconds, type Lane } from '../rate';
import { decideBusyRetry } from './retry-decision';
import type { ConnectionRepository, WorkQueue } from '../ports';
import type { Connection } from '../schema/connection';
import type { SyncPlan } from '../plan';
import { MAX_FOLLOW_UP_CHAIN, MAX_FOLLOW_UP_IDS, type BackfillWork, type CycleWork } from './work-items';

export interface WorkDeps {
  connections: ConnectionRepository;
  queue: WorkQueue;
  engineFor(connection: Connection, lane?: Lane): Promise<EngineDeps>;
}

/** What a person just did goes in the live lane; schedules, backfills and their continuations in the other. */
const LIVE_REASONS: ReadonlySet<CycleWork['body']['reason']> = new Set(['event', 'manual', 'webhook']);

export function laneOf(work: CycleWork | BackfillWork): Lane {
  return work.kind === 'cycle' && LIVE_REASONS.has(work.body.reason) ? 'live' : 'background';
}

export type WorkOutcome =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'done' | 'continued' | 'held' | 'busy' };

/**
 * How long a delivery's busy retry is remembered. At-least-once delivery hands one event to the consumer
 * twice at times, and Forge retries an event whose consumer failed after it queued its retry: each copy
 * would queue a retry of its own, and each of those again, a chain that forks at every duplicate. The
 * first delivery of an event that finds the connection busy queues its retry; later ones of the same event
 * find the claim and do not. Longer than Forge keeps retrying one event.
 */
const BUSY_CLAIM_MS = 30 * 60_000;

/** The delivery that carried the work: its event id tells duplicate deliveries apart from new work. */
export interface DeliveryRef {
  eventId: string;
  /** 0 on the first delivery; a retry Forge makes after a failure or a kill counts up. */
  retryCount?: number;
}

/**
 * Forge may deliver one attempt of an event twice, at the same time. The second would find the first
 * holding the connection lock and queue a busy retry, whose own two deliveries do the same: a chain that
 * never ends while duplicates keep coming. So one attempt runs once: a later delivery of the same event
 * and retry count finds the claim and leaves the work to the one that has it. A retry after a failure or a
 * kill has a new count, so it is never mistaken for a duplicate.
 */
const ATTEMPT_CLAIM_MS = 10 * 60_000;

/** True for the first caller to claim `what` on the connection within `ttlMs`; every later one gets false. */
async function claimOnce(
  engine: EngineDeps,
  connectionId: string,
  what: string,
  ttlMs: number,
): Promise<boolean> {
  return (await engine.store.tryLock(connectionId, what, ttlMs)) !== undefined;
}

const firstDeliveryOf = (engine: EngineDeps, connectionId: string, delivery?: DeliveryRef) =>
  !delivery ||
  claimOnce(
    engine,
    connectionId,
    `attempt:${delivery.eventId}:${String(delivery.retryCount ?? 0)}`,
    ATTEMPT_CLAIM_MS,
  );

const firstBusyOf = (engine: EngineDeps, connectionId: string, delivery?: DeliveryRef) =>
  !delivery || claimOnce(engine, connectionId, `busy:${delivery.eventId}`, BUSY_CLAIM_MS);

export async function runCycleWork(
  deps: WorkDeps,
  work: CycleWork,
  delivery?: DeliveryRef,
): Promise<WorkOutcome> {
  const { connectionId, busyRetries } = work.body;
  const connection = await deps.connections.get(connectionId);
  if (!connection) return { outcome: 'skipped', reason: `connection ${connectionId} no longer exists` };
  if (!connection.enabled) return { outcome: 'skipped', reason: `connection ${connectionId} is disabled` };

  let result: Awaited<ReturnType<typeof runCycle>>;
  const engine = await deps.engineFor(connection, laneOf(work));
  if (!(await firstDeliveryOf(engine, connectionId, delivery)))
    return { outcome: 'skipped', reason: `event ${delivery?.eventId ?? ''} is already being run` };
  try {
    const issues = work.body.issues;
    result = await runCycle(
      engine,
      connection,
      issues ? { scope: { kind: 'issues', ...issues }, live: laneOf(work) === 'live' } : {},
    );
  } catch (err) {
    // A tracker's rate limit or outage while reading: try again when it said, or in a minute. Any other
    // failure (storage, the queue) goes to the consumer's one retry decision (retry-decision.ts).
    if (!(err instanceof TrackerError) || !err.isRetryable) throw err;
    // A wait past the queue's longest delay (a quota reset) is taken in hops; the governor sends it round again.
    const delay = queueDelaySeconds(err.retryAfterMs ?? 60_000);
    // A person's scoped work stays theirs (its lane, its issues); the rest continues in the background.
    await deps.queue.push([work.body.issues ? work : cycle(connectionId, 'continuation', 0)], delay);
    return { outcome: 'continued' };
  }
  switch (result.outcome) {
    case 'busy': {
      if (!(await firstBusyOf(engine, connectionId, delivery))) return { outcome: 'busy' };
      // A follow-up or webhook cycle keeps its reason: it decides whether the cycle may ask for a
      // follow-up, and whether the webhook's pending marks are cleared.
      const reason = work.body.issues ? work.body.reason : 'busy-retry';
      const retry = cycle(connectionId, reason, busyRetries + 1);
      const issues = work.body.issues;
      await deps.queue.push(
        [issues ? { ...retry, body: { ...retry.body, issues } } : retry],
        decideBusyRetry(busyRetries).afterSeconds,
      );
      return { outcome: 'busy' };
    }
    case 'executed':
      if (!result.report.complete) {
        const delay = queueDelaySeconds(result.report.retryAfterMs ?? 0);
        // Scoped work (a person's, or a follow-up) comes back as itself: its lane and its issues.
        await deps.queue.push([work.body.issues ? work : cycle(connectionId, 'continuation', 0)], delay);
        return { outcome: 'continued' };
      }
      // A follow-up asks for another only down a parent's tree (MAX_FOLLOW_UP_CHAIN); what still waits
      // after that is left to the next cycles.
      if (work.body.reason !== 'follow-up') await pushFollowUp(deps, connectionId, result.plan, 1);
      else if ((work.body.followUpDepth ?? 1) < MAX_FOLLOW_UP_CHAIN)
        await pushFollowUp(deps, connectionId, result.plan, (work.body.followUpDepth ?? 1) + 1);
      return { outcome: 'done' };
    case 'held':
      return { outcome: 'held' };
    case 'failed':
      return { outcome: 'skipped', reason: result.message };
    case 'disabled':
    case 'dry-run':
      return { outcome: 'skipped', reason: result.outcome };
  }
}

/** A backfill links what matches, then runs a full cycle; a busy connection tries again later. */
export async function runBackfillWork(
  deps: WorkDeps,
  work: BackfillWork,
  delivery?: DeliveryRef,
): Promise<WorkOutcome> {
  const connection = await deps.connections.get(work.body.connectionId);
  if (!connection)
    return { outcome: 'skipped', reason: `connection ${work.body.connectionId} no longer exists` };
  const engine = await deps.engineFor(connection, laneOf(work));
  const result = await backfill(engine, connection, work.body.match);
  if (result.outcome === 'busy') {
    if (!(await firstBusyOf(engine, connection.id, delivery))) return { outcome: 'busy' };
    // A backfill carries no retry count; it waits one lease each time, and an admin asked for it.
    await deps.queue.push([work], decideBusyRetry(0).afterSeconds);
    return { outcome: 'busy' };
  }
  if (result.outcome === 'executed' && !result.report.complete) {
    await deps.queue.push(
      [cycle(connection.id, 'continuation', 0)],
      queueDelaySeconds(result.report.retryAfterMs ?? 0),
    );
    return { outcome: 'continued' };
  }
  if (result.outcome === 'executed') await pushFollowUp(deps, connection.id, result.plan, 1);
  return { outcome: result.outcome === 'held' ? 'held' : 'done' };
}

/** The follow-up a finished plan asks for, if any: its waiting issues, within one queue event's size. */
export function followUpOf(connectionId: string, plan: SyncPlan, depth = 1) {
  if (!plan.followUp) return undefined;
  const issues = {
    local: plan.followUp.local.slice(0, MAX_FOLLOW_UP_IDS),
    remote: plan.followUp.remote.slice(0, MAX_FOLLOW_UP_IDS),
  };
  const work = cycle(connectionId, 'follow-up', 0);
  return { ...work, body: { ...work.body, issues, ...(depth > 1 ? { followUpDepth: depth } : {}) } };
}

async function pushFollowUp(
  deps: WorkDeps,
  connectionId: string,
  plan: SyncPlan,
  depth: number,
): Promise<void> {
  const work = followUpOf(connectionId, plan, depth);
  if (work) await deps.queue.push([work], 0);
}

export const cycle = (connectionId: string, reason: CycleWork['body']['reason'], busyRetries = 0) => ({
  kind: 'cycle' as const,
  body: { connectionId, reason, busyRetries },
});

/** A cycle for the local issues a product event named. */
export const eventCycle = (connectionId: string, localIssueIds: string[]) => ({
  kind: 'cycle' as const,
  body: {
    connectionId,
    reason: 'event' as const,
    busyRetries: 0,
    issues: { local: localIssueIds, remote: [] },
  },
});

/** A cycle for the remote issues a verified webhook named. */
export const webhookCycle = (connectionId: string, remoteIssueIds: string[]) => ({
  kind: 'cycle' as const,
  body: {
    connectionId,
    reason: 'webhook' as const,
    busyRetries: 0,
    issues: { local: [], remote: remoteIssueIds },
  },
});
