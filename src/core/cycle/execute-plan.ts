/**
 * Executing a plan, pair by pair under the pair's lock, incoming writes first. Every step survives a retry,
 * a duplicate delivery or a kill halfway through:
 * - a create or add is journalled in the pair as in flight before it is sent; on a retry the executor first
 *   looks for the write by its origin marker, and only writes again when it is not there;
 * - the mapping is stored as soon as the write returns, in the same step;
 * - updates and deletes are idempotent by nature, so they are simply repeated.
 */
import { ByteBudget, TRANSFER_BUDGET_BYTES } from './byte-budget';
import { errorMessage, isRetryable, TrackerError } from '../errors';
import { RateLimitPause } from '../rate';
import type { Bookkeeping, Mutation, PairRefs, SyncPlan } from '../plan';
import type { Connection } from '../schema/connection';
import type { LinkedPair } from '../state';
import { newPair } from '../state';
import type { EngineDeps } from './engine-deps';
import { applyMutation } from './apply-mutation';
import { withLease } from './with-lease';

/**
 * Stop starting new pairs when the invocation has less than this left: enough for the pairs in flight,
 * the state write and the continuation push, which the benchmark (100 ms per call, 429s) showed can take
 * most of a minute. Short invocations (a resolver's 25 s) keep a few seconds instead.
 */
export const TIME_MARGIN_MS = 60_000;
const SHORT_TIME_MARGIN_MS = 3_000;

export interface ExecutionReport {
  /** False when the run stopped early (time, a retryable error, a busy pair); run the plan again to finish. */
  complete: boolean;
  written: number;
  errors: { pairId: string; message: string }[];
  busyPairs: string[];
  retryAfterMs?: number;
  /** Pairs the self-healing pass found in drift. */
  drift?: number;
  /** Copies this run created and finished writing, with when (the engine's clock) it was done with them. */
  created?: { side: 'local' | 'remote'; id: string; at: string }[];
}

/**
 * Pairs written at the same time: enough to hide network latency, few enough to respect rate limits.
 * Measured with `npm run bench -- --issues 1000` (100 ms latency, 50 requests/s): 4 ran the backfill at
 * 38 calls/s with no 429; 8 drew 1,200 429s and took 26% longer, since each 429 costs a whole second.
 */
export const PAIR_CONCURRENCY = 4;

export async function executePlan(
  deps: EngineDeps,
  connection: Connection,
  plan: SyncPlan,
): Promise<ExecutionReport> {
  const report: ExecutionReport = { complete: true, written: 0, errors: [], busyPairs: [] };
  deps = { ...deps, transfers: deps.transfers ?? new ByteBudget(TRANSFER_BUDGET_BYTES) };
  const margin = deps.clock.remainingMs() > 2 * TIME_MARGIN_MS ? TIME_MARGIN_MS : SHORT_TIME_MARGIN_MS;
  const refs = new Map(plan.pairs.map((p) => [p.pairId, p]));
  const queue = [...groupByPair(plan)];
  // An object, not a `let`: the workers set it from their closures.
  const run = { stopped: false };

  // Each pair is one unit under its lock: incoming writes, then outgoing, then bookkeeping, one state write.
  const runPair = async (pairId: string, group: PairGroup): Promise<void> => {
    const held = await withLease(deps.store, connection.id, pairId, async () => {
      const pair =
        (await deps.store.getPair(connection.id, pairId)) ??
        seedPair(connection.id, refs.get(pairId), pairId);
      const incoming = group.mutations.filter((m) => m.side === 'local');
      const outgoing = group.mutations.filter((m) => m.side === 'remote');
      // A pair whose incoming write failed sends nothing out this run: its state is not settled.
      const outcome = await runPairPhase(
        deps,
        connection,
        pair,
        [...incoming, ...outgoing],
        group.bookkeeping,
        report,
      );
      if (outcome === 'stop') run.stopped = true;
    });
    if (held.busy) {
      report.busyPairs.push(pairId);
      report.complete = false;
    }
  };

  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next && !run.stopped; next = queue.shift()) {
      if (deps.clock.remainingMs() < margin) {
        run.stopped = true;
        return;
      }
      try {
        await runPair(next[0], next[1]);
      } catch (err) {
        run.stopped = true; // the other workers finish the pair they hold, then the error goes up
        throw err;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: PAIR_CONCURRENCY }, worker));
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
  return run.stopped ? { ...report, complete: false } : report;
}

/** 'stop': a retryable error, the whole run stops and the platform retries later. */
async function runPairPhase(
  deps: EngineDeps,
  connection: Connection,
  pair: LinkedPair,
  mutations: Mutation[],
  bookkeeping: Bookkeeping[],
  report: ExecutionReport,
): Promise<'done' | 'failed' | 'stop'> {
  const now = () => deps.clock.now().toISOString();
  // Fields a write could not set: the pair's other writes go on, and the pair ends in error naming them.
  const unwritten: string[] = [];
  for (const m of mutations) {
    try {
      const missed = await applyMutation(deps, connection, pair, m);
      unwritten.push(...missed.map((u) => `${m.kind.replace('-', ' ')} on the ${m.side} side: ${u.message}`));
      // A write that missed a field (a status no transition reaches) is reported as an error, not counted
      // as written: "3 written, 1 failed" must not count the failed one twice.
      if (missed.length === 0) report.written += 1;
      // An update's new base is kept at once when more writes follow: killed during them, the next cycle
      // would otherwise see both sides changed (and, across ADF and Markdown, take the lossy copy back).
      if (m.kind === 'update-issue' && m !== mutations.at(-1)) await deps.store.putPair(pair);
    } catch (err) {
      // Anything that is not a tracker's answer is a bug or a kill: rethrown, so the platform records it.
      if (!(err instanceof TrackerError)) throw err;
      if (isRetryable(err)) {
        // A rate limit says until when ("waiting for Jira's rate limit until 14:05 UTC"); the panel shows it.
        const reason = err instanceof RateLimitPause ? err.message : `waiting to retry: ${errorMessage(err)}`;
        pair.status = { state: 'pending', reason };
        await deps.store.putPair(pair);
        if (err.retryAfterMs !== undefined) report.retryAfterMs = err.retryAfterMs;
        return 'stop';
      }
      const attempts = pair.status.state === 'error' ? pair.status.attempts + 1 : 1;
      pair.status = { state: 'error', message: describe(m, err), attempts, lastAttemptAt: now() };
      report.errors.push({ pairId: pair.pairId, message: pair.status.message });
      await deps.store.putPair(pair);
      return 'failed';
    }
  }
  for (const b of bookkeeping) applyBookkeeping(pair, b);
  const drift = bookkeeping.find((b) => b.kind === 'record-drift');
  const gone = bookkeeping.find((b) => b.kind === 'record-partner-gone');
  if (gone) {
    // Nothing can be synced to an issue that no longer exists; the pair says so until someone acts.
    const attempts = pair.status.state === 'error' ? pair.status.attempts + 1 : 1;
    pair.status = { state: 'error', message: gone.message, attempts, lastAttemptAt: now() };
    report.errors.push({ pairId: pair.pairId, message: gone.message });
  } else if (unwritten.length > 0) {
    const attempts = pair.status.state === 'error' ? pair.status.attempts + 1 : 1;
    pair.status = { state: 'error', message: unwritten.join('; '), attempts, lastAttemptAt: now() };
    report.errors.push({ pairId: pair.pairId, message: pair.status.message });
    // Not "synced": the pair's times are not remembered either, so the next cycle looks at it again.
    delete pair.lastLocalUpdated;
    delete pair.lastRemoteUpdated;
  } else if (drift && drift.fields.length > 0) {
    const since = pair.status.state === 'drift' ? pair.status.since : now();
    pair.status = { state: 'drift', fields: drift.fields, message: drift.message, since };
    report.drift = (report.drift ?? 0) + 1;
  } else pair.status = pair.conflicts.length > 0 ? { state: 'conflict' } : { state: 'ok' };
  pair.lastSyncedAt = now();
  await deps.store.putPair(pair);
  // Taken after the pair's last write answered: nothing of ours lands on these copies later in this run.
  if (unwritten.length === 0) {
    const at = now();
    for (const m of mutations) {
      const ref = m.kind === 'create-issue' ? pair[m.side] : undefined;
      if (ref) (report.created ??= []).push({ side: m.side, id: ref.id, at });
    }
  }
  return 'done';
}

function describe(m: Mutation, err: unknown): string {
  const what = m.kind.replace('-', ' ');
  return `${what} on the ${m.side} side failed: ${errorMessage(err)}`;
}

function applyBookkeeping(pair: LinkedPair, b: Bookkeeping): void {
  switch (b.kind) {
    case 'record-base':
      pair.base = {
        local: { ...pair.base.local, ...b.base.local },
        remote: { ...pair.base.remote, ...b.base.remote },
      };
      // Absent times are cleared: a stale one would let the next cycle skip a pair that changed.
      if (b.updated.local) pair.lastLocalUpdated = b.updated.local;
      else delete pair.lastLocalUpdated;
      if (b.updated.remote) pair.lastRemoteUpdated = b.updated.remote;
      else delete pair.lastRemoteUpdated;
      return;
    case 'record-conflicts': {
      const others = pair.conflicts.filter((c) => !b.conflicts.some((n) => n.localPath === c.localPath));
      pair.conflicts = [...others, ...b.conflicts];
      return;
    }
    case 'forget-link': {
      const kept = (l: { local: string; remote: string }) => l.local !== b.local || l.remote !== b.remote;
      if (b.what === 'comment') pair.comments = pair.comments.filter(kept);
      else if (b.what === 'worklog') pair.worklogs = (pair.worklogs ?? []).filter(kept);
      else pair.attachments = pair.attachments.filter(kept);
      return;
    }
    case 'record-skip':
      if (!pair.skippedAttachments.some((s) => s.side === b.side && s.id === b.id)) {
        pair.skippedAttachments.push({ side: b.side, id: b.id, filename: b.filename, reason: b.reason });
      }
      return;
    case 'record-issue-links': {
      const kept = (pair.issueLinks ?? []).filter((k) => !b.remove.includes(k));
      pair.issueLinks = [...new Set([...kept, ...b.add])];
      return;
    }
    case 'record-drift':
    case 'record-partner-gone':
      // The status itself is decided once the pair's bookkeeping is done (runPairPhase).
      return;
    case 'end-inflight':
      pair.inflight = Object.fromEntries(Object.entries(pair.inflight).filter(([k]) => !b.keys.includes(k)));
      return;
    default:
      throw new Error(`unknown bookkeeping ${JSON.stringify(b satisfies never)}`);
  }
}

function seedPair(connectionId: string, refs: PairRefs | undefined, pairId: string): LinkedPair {
  const pair = newPair(connectionId, pairId);
  if (refs?.local) pair.local = refs.local;
  if (refs?.remote) pair.remote = refs.remote;
  return pair;
}

interface PairGroup {
  mutations: Mutation[];
  bookkeeping: Bookkeeping[];
}

function groupByPair(plan: SyncPlan): Map<string, PairGroup> {
  const groups = new Map<string, PairGroup>();
  const get = (id: string) => {
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { mutations: [], bookkeeping: [] }));
    return g;
  };
  for (const m of plan.mutations) get(m.pairId).mutations.push(m);
  for (const b of plan.bookkeeping) get(b.pairId).bookkeeping.push(b);
  return groups;
}
