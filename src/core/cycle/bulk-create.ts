/**
 * Copies created in bulk: where a run creates several copies on a side whose tracker creates many in one call
 * (`createIssues`, Jira's 50 a call), the creates go out together, and each pair then goes on with its other
 * writes as if its own create had answered.
 *
 * Idempotence, as for a single create (execute-plan.ts): each pair's lock is held from before its journal
 * entry is written until the pair is stored, and the entry is written before the call. A kill after the call
 * and before the pairs are stored leaves the entries, so the retry looks for each copy by its origin marker
 * (or, once this run knew it, by the id the call answered) and never creates it again. An item the tracker
 * refused created nothing: its entry goes, and the pair takes the single create's way (a retryable refusal
 * is tried again at once, one by one) or records the error naming why.
 */
import { TrackerError } from '../errors';
import type { Mutation } from '../plan';
import type { Connection } from '../schema/connection';
import type { LinkedPair } from '../state';
import { createRequest } from './apply-mutation';
import type { EngineDeps } from './engine-deps';
import { markFailed, markPending, type FailureReport } from './pair-failure';
import { holdLease } from './with-lease';

/** Creates per call the engine asks for: Jira's most per bulk create (createIssues, "upto 50"). */
export const BULK_CREATE_BATCH = 50;

export type CreateMutation = Extract<Mutation, { kind: 'create-issue' }>;

export interface PairWork {
  pairId: string;
  /** The pair's writes in the order they run: incoming, then outgoing. */
  mutations: Mutation[];
}

/** A pair whose lock this run holds, read under it, ready for its writes. */
export interface HeldPair {
  pair: LinkedPair;
  release(): Promise<void>;
}

/**
 * Pairs whose first write is a create on a side that creates in bulk, in batches of up to 50 per side; one
 * copy alone is created the single way. Which pairs qualify is decided before any lock: the batch re-reads
 * each pair under its lock and leaves to the single way one an earlier run began.
 */
export function bulkBatches<T extends PairWork>(
  deps: EngineDeps,
  work: readonly T[],
): { batches: T[][]; rest: T[] } {
  const bySide = { local: [] as T[], remote: [] as T[] };
  const rest: T[] = [];
  for (const w of work) {
    const first = w.mutations[0];
    const tracker = first?.side === 'local' ? deps.local : deps.remote;
    if (first?.kind === 'create-issue' && tracker.capabilities.bulkCreate && tracker.createIssues)
      bySide[first.side].push(w);
    else rest.push(w);
  }
  const batches: T[][] = [];
  for (const side of ['local', 'remote'] as const) {
    const list = bySide[side];
    if (list.length < 2) {
      rest.push(...list);
      continue;
    }
    for (let i = 0; i < list.length; i += BULK_CREATE_BATCH)
      batches.push(list.slice(i, i + BULK_CREATE_BATCH));
  }
  return { batches, rest };
}

/** The create a bulk batch's pair starts with (bulkBatches chose it for that). */
function createOf(w: PairWork): CreateMutation {
  const m = w.mutations[0];
  if (m?.kind !== 'create-issue') throw new Error(`pair ${w.pairId} does not start with a create`);
  return m;
}

export interface BatchOutcome<T> {
  /** Pairs to run now, their locks held: each must run, or be released by `shelve`. */
  held: { work: T; held: HeldPair }[];
  busy: string[];
  /** A retryable failure of the whole call: the run stops. */
  stop: boolean;
}

/**
 * Locks the batch's pairs, journals their creates, sends one bulk create, and answers the pairs to run on.
 * Throws only what is not a tracker's answer (a kill, a storage failure), after releasing every lock.
 */
export async function createBatch<T extends PairWork>(
  deps: EngineDeps,
  connection: Connection,
  batch: readonly T[],
  seed: (pairId: string) => LinkedPair,
  report: FailureReport,
): Promise<BatchOutcome<T>> {
  const outcome: BatchOutcome<T> = { held: [], busy: [], stop: false };
  const locked = await Promise.all(
    batch.map(async (work) => {
      const lease = await holdLease(deps.store, connection.id, work.pairId);
      if (!lease) return { work, held: undefined };
      try {
        const pair = (await deps.store.getPair(connection.id, work.pairId)) ?? seed(work.pairId);
        const held: HeldPair = { pair, release: () => lease.release() };
        return { work, held };
      } catch (err) {
        await lease.release();
        throw err;
      }
    }),
  );
  const held: { work: T; held: HeldPair }[] = [];
  for (const l of locked)
    if (l.held) held.push({ work: l.work, held: l.held });
    else outcome.busy.push(l.work.pairId);
  try {
    await createHeld(deps, connection, held, report, outcome);
    return outcome;
  } catch (err) {
    await Promise.all(held.map((h) => h.held.release()));
    throw err;
  }
}

async function createHeld<T extends PairWork>(
  deps: EngineDeps,
  connection: Connection,
  held: { work: T; held: HeldPair }[],
  report: FailureReport,
  outcome: BatchOutcome<T>,
): Promise<void> {
  // A pair that already has the copy, or whose create an earlier run began, takes the single way.
  const fresh = held.filter(({ work, held: { pair } }) => {
    const m = createOf(work);
    return !pair[m.side] && pair.inflight[m.key] === undefined;
  });
  const others = held.filter((h) => !fresh.includes(h));
  outcome.held.push(...others);
  const [first] = fresh;
  if (!first) return;
  const tracker = createOf(first.work).side === 'local' ? deps.local : deps.remote;
  const createIssues = tracker.createIssues?.bind(tracker);
  if (!createIssues) throw new Error(`the ${tracker.kind} tracker has no bulk create`);
  const at = deps.clock.now().toISOString();
  await Promise.all(
    fresh.map(({ work, held: { pair } }) => {
      const m = createOf(work);
      pair.inflight[m.key] = { at, base: m.base };
      return deps.store.putPair(pair);
    }),
  );
  const forget = (pair: LinkedPair, key: string) => {
    pair.inflight = Object.fromEntries(Object.entries(pair.inflight).filter(([k]) => k !== key));
  };
  let answers;
  try {
    answers = await createIssues(fresh.map(({ work }) => createRequest(connection, createOf(work))));
  } catch (err) {
    if (!(err instanceof TrackerError)) throw err;
    // Refused whole (a rate limit, a refusal a retry cannot change): nothing was created, the entries go. A
    // lost answer (a timeout, a 5xx) keeps them: some copies may exist, and the retry looks for them.
    const nothingMade = err.code === 'rate_limited' || !err.isRetryable;
    const now = deps.clock.now().toISOString();
    for (const { work, held: h } of fresh) {
      const m = createOf(work);
      if (nothingMade) forget(h.pair, m.key);
      if (err.isRetryable) markPending(h.pair, err, report);
      else markFailed(h.pair, m, err, report, now);
    }
    await Promise.all(
      fresh.map(async ({ held: h }) => {
        await deps.store.putPair(h.pair);
        await h.release();
      }),
    );
    if (err.isRetryable) {
      outcome.stop = true;
      // The pairs not sent run on only if the run does; stopping, they are let go.
      await Promise.all(others.map((o) => o.held.release()));
      outcome.held = [];
    }
    return;
  }
  const now = deps.clock.now().toISOString();
  const done: Promise<void>[] = [];
  for (const [i, { work, held: h }] of fresh.entries()) {
    const m = createOf(work);
    const answer = answers[i];
    if (answer?.outcome === 'created') {
      deps.bulkCreated?.set(m.key, answer.issue);
      outcome.held.push({ work, held: h });
    } else if (answer?.outcome === 'unfinished') {
      // It exists: the pair's own run reads it by this id, and walks or reads what is left.
      const entry = h.pair.inflight[m.key];
      if (entry) entry.created = answer.ref;
      outcome.held.push({ work, held: h });
    } else if (answer === undefined) {
      // No answer for it (a connector's bug): its entry stays, and the pair looks for it by origin first.
      outcome.held.push({ work, held: h });
    } else if (answer.error.isRetryable) {
      // Not created, for now: the single create tries once more.
      forget(h.pair, m.key);
      outcome.held.push({ work, held: h });
    } else {
      forget(h.pair, m.key);
      markFailed(h.pair, m, answer.error, report, now);
      done.push(deps.store.putPair(h.pair).then(() => h.release()));
    }
  }
  await Promise.all(done);
}
