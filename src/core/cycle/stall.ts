/**
 * A connection whose cycles have stopped completing, and why. The schedule starts a cycle every five
 * minutes and a killed holder's lease runs out in thirty seconds, so three intervals without a completed
 * cycle is already wrong; the admin is told what the stored state says is in the way, most specific first.
 */
import type { LockInfo } from '../ports';
import type { ConnectionState } from '../state';

export const STALL_AFTER_MS = 15 * 60_000;

export interface Stall {
  /** The last completed cycle, or the oldest trace of one being attempted. */
  since: string;
  reasons: string[];
}

export function stallOf(
  state: ConnectionState,
  lock: LockInfo | undefined,
  now: Date,
  enabled: boolean,
): Stall | null {
  if (!enabled) return null;
  const since = state.lastCompletedAt ?? state.recentCycles.at(-1)?.at ?? lock?.since;
  if (since === undefined || now.getTime() - Date.parse(since) <= STALL_AFTER_MS) return null;
  const reasons: string[] = [];
  if (state.heldPlan && !state.heldPlan.approvedAt)
    reasons.push(
      `a plan of ${state.heldPlan.mutations.length} changes is held for approval (over the limit per cycle)`,
    );
  if (lock && Date.parse(lock.expiresAt) > now.getTime())
    reasons.push(
      `a run has held the connection's lock since ${lock.since} (last heartbeat ${lock.renewedAt}); ` +
        `other cycles wait for it`,
    );
  if (state.lastError)
    reasons.push(`the last cycle failed at ${state.lastError.at}: ${state.lastError.message}`);
  const last = state.recentCycles.at(-1);
  if (last && !last.held && (!state.lastCompletedAt || last.at > state.lastCompletedAt))
    reasons.push(
      `the last cycle (${last.at}) stopped before its end and left work for a continuation` +
        (last.errors > 0 ? `, with ${last.errors} errors` : ''),
    );
  if (reasons.length === 0)
    reasons.push('no cycle has run since then: scheduled and queued work is not reaching the connection');
  return { since, reasons };
}
