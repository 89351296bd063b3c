/**
 * Executing a plan, pair by pair under the pair's lock, incoming writes first. Every step survives a retry,
 * a duplicate delivery or a kill halfway through:
 * - a create or add is journalled in the pair as in flight before it is sent; on a retry the executor first
 *   looks for the write by its origin marker, and only writes again when it is not there;
 * - the mapping is stored as soon as the write returns, in the same step;
 * - updates and deletes are idempotent by nature, so they are simply repeated.
 */
import { ByteBudget, TRANSFER_BUDGET_BYTES } from './byte-budget';
import { isRetryable, TrackerError } from '../errors';
import type { CreatedIssue } from '../ports';
import type { Bookkeeping, Mutation, PairRefs, SyncPlan } from '../plan';
import type { Connection } from '../schema/connection';
import type { LinkedPair } from '../state';
import { newPair } from '../state';
import type { EngineDeps } from './engine-deps';
import { applyMutation } from './apply-mutation';
import { bulkBatches, createBatch, type HeldPair } from './bulk-create';
import { markFailed, markPending } from './pair-failure';
import { HEARTBEAT_MS, withLease } from './with-lease';

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
  const bulkCreated = new Map<string, CreatedIssue>();
  deps = { ...deps, transfers: deps.transfers ?? new ByteBudget(TRANSFER_BUDGET_BYTES), bulkCreated };
  const margin = deps.clock.remainingMs() > 2 * TIME_MARGIN_MS ? TIME_MARGIN_MS : SHORT_TIME_MARGIN_MS;
  const refs = new Map(plan.pairs.map((p) => [p.pairId, p]));
  const seed = (pairId: string) => seedPair(connection.id, refs.get(pairId), pairId);
  // A pair whose incoming write failed sends nothing out this run: its state is not settled.
  const work = [...groupByPair(plan)].map(
    ([pairId, group]): Work => ({
      pairId,
      mutations: [
        ...group.mutations.filter((m) => m.side === 'local'),
        ...group.mutations.filter((m) => m.side === 'remote'),
      ],
      bookkeeping: group.bookkeeping,
    }),
  );
  const { batches, rest } = bulkBatches(deps, work);
  const queue: Unit[] = [
    ...batches.map((b): Unit => ({ kind: 'batch', batch: b })),
    ...rest.map((w): Unit => ({ kind: 'pair', work: w })),
  ];
  // An object, not a `let`: the workers set it from their closures.
  const run = { stopped: false };
  const busy = (pairId: string) => {
    report.busyPairs.push(pairId);
    report.complete = false;
    // Its holder is live and renews every heartbeat, or killed and gone within a lease: coming back at
    // once would find it locked again and again, an invocation and a queue push each time, for as long
    // as the lease lasts (the soak ran into Forge's 500 pushes a minute that way).
    report.retryAfterMs = Math.max(report.retryAfterMs ?? 0, HEARTBEAT_MS);
  };
  const phase = async (w: Work, pair: LinkedPair) => {
    const outcome = await runPairPhase(deps, connection, pair, w.mutations, w.bookkeeping, report);
    if (outcome === 'stop') run.stopped = true;
  };

  // Each pair is one unit under its lock: incoming writes, then outgoing, then bookkeeping, one state write.
  const runUnit = async (unit: Unit): Promise<void> => {
    switch (unit.kind) {
      case 'pair': {
        const { work: w } = unit;
        const leased = await withLease(deps.store, connection.id, w.pairId, async () =>
          phase(w, (await deps.store.getPair(connection.id, w.pairId)) ?? seed(w.pairId)),
        );
        if (leased.busy) busy(w.pairId);
        return;
      }
      case 'batch': {
        const outcome = await createBatch(deps, connection, unit.batch, seed, report);
        outcome.busy.forEach(busy);
        if (outcome.stop) run.stopped = true;
        // Their locks are held: the pairs go first, so every worker takes them up.
        queue.unshift(...outcome.held.map((h): Unit => ({ kind: 'held', work: h.work, held: h.held })));
        return;
      }
      case 'held':
        try {
          await phase(unit.work, unit.held.pair);
        } finally {
          await unit.held.release();
        }
        return;
      default:
        throw new Error(`unknown unit ${JSON.stringify(unit satisfies never)}`);
    }
  };

  const worker = async (): Promise<void> => {
    while (!run.stopped) {
      const next = queue.shift();
      if (!next) return;
      if (deps.clock.remainingMs() < margin) {
        run.stopped = true;
        queue.unshift(next);
        return;
      }
      try {
        await runUnit(next);
      } catch (err) {
        run.stopped = true; // the other workers finish the pair they hold, then the error goes up
        throw err;
      }
    }
  };
  try {
    const results = await Promise.allSettled(Array.from({ length: PAIR_CONCURRENCY }, worker));
    const failure = results.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    await shelve(deps, queue, bulkCreated);
  }
  return run.stopped ? { ...report, complete: false } : report;
}

/**
 * Pairs a stopped run still holds (a bulk create made their copies, their other writes did not run): each
 * keeps in its journal the id of the copy made, so the next run reads it by id instead of searching for it,
 * and its lock is let go.
 */
async function shelve(
  deps: EngineDeps,
  queue: Unit[],
  created: ReadonlyMap<string, CreatedIssue>,
): Promise<void> {
  const held = queue.flatMap((u) => (u.kind === 'held' ? [u] : []));
  await Promise.allSettled(
    held.map(async ({ work, held: h }) => {
      try {
        const first = work.mutations[0];
        const entry = first ? h.pair.inflight[first.key] : undefined;
        const copy = first ? created.get(first.key) : undefined;
        if (entry && copy) {
          entry.created = { id: copy.id, key: copy.key, url: copy.url };
          await deps.store.putPair(h.pair);
        }
      } finally {
        await h.release();
      }
    }),
  );
}

interface Work {
  pairId: string;
  mutations: Mutation[];
  bookkeeping: Bookkeeping[];
}

type Unit =
  | { kind: 'pair'; work: Work }
  | { kind: 'batch'; batch: Work[] }
  | { kind: 'held'; work: Work; held: HeldPair };

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
        markPending(pair, err, report);
        await deps.store.putPair(pair);
        return 'stop';
      }
      markFailed(pair, m, err, report, now());
      await deps.store.putPair(pair);
      return 'failed';
    }
  }
  for (const b of bookkeeping) applyBookkeeping(pair, b);
  const drift = bookkeeping.find((b) => b.kind === 'record-drift');
  const gone = bookkeeping.find((b) => b.kind === 'record-partner-gone');
  const waiting = bookkeeping.find((b) => b.kind === 'record-parent' && b.waiting !== undefined);
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
  } else if (waiting?.kind === 'record-parent' && waiting.waiting !== undefined) {
    // Synced as far as it goes, but its place in the tree is not: the pair says why until it is.
    pair.status = { state: 'pending', reason: waiting.waiting };
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
    case 'record-parent':
      if (b.synced) pair.hierarchy = b.synced;
      return;
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
