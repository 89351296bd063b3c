/**
 * After a bulk connect links what matches, its full cycle copies everything else, often over many
 * invocations when the quota paces it. Each full cycle of that backfill notes, before it writes, how many
 * copies and writes per side are still to do; Activity shows the progress and an ETA from the quota left.
 * The figures are what the latest plan saw at its start: a cycle under way has done some of them already.
 */
import type { Side } from '../model';
import type { SyncPlan } from '../plan';
import type { BackfillCopies, ConnectionState } from '../state';

/** True when it noted something (a backfill is copying), so the state is worth storing before the writes. */
export function noteBackfillCopies(state: ConnectionState, plan: SyncPlan, now: Date): boolean {
  const backfill = state.backfill;
  if (!backfill?.finishedAt || backfill.copies?.finishedAt !== undefined) return false;
  const creates = plan.mutations.filter((m) => m.kind === 'create-issue').length;
  const writes: Record<Side, number> = { local: 0, remote: 0 };
  for (const m of plan.mutations) writes[m.side] += 1;
  const copies: BackfillCopies = {
    total: Math.max(backfill.copies?.total ?? 0, creates),
    remaining: creates,
    writes,
    at: now.toISOString(),
  };
  backfill.copies = copies;
  return true;
}

/** A full cycle of the backfill ran to its end: nothing is left to copy. */
export function finishBackfillCopies(state: ConnectionState, now: Date): void {
  const backfill = state.backfill;
  const copies = backfill?.copies;
  if (!backfill || !copies || copies.finishedAt !== undefined) return;
  backfill.copies = {
    ...copies,
    remaining: 0,
    writes: { local: 0, remote: 0 },
    at: now.toISOString(),
    finishedAt: now.toISOString(),
  };
}
