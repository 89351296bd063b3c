/**
 * The rate governor's state for one site and the two pure functions over it: `admit` (may this call go now,
 * wait a moment, or must it go back to the queue until when) and `observe` (what an answer taught us). Each
 * `RateLimit-Reason` is answered in its own way, as "Build an app that respects rate limits" asks:
 * - burst: slow only that endpoint and method;
 * - per issue: space the writes to that issue;
 * - quota: nobody asks again before the reset, and background work stops earlier, at the reserve, so what a
 *   person just did still crosses during a backfill.
 */
import { z } from 'zod';
import type { QuotaReading, RateReading } from './rate-headers';

/** Live: what a person just did (product events, tracker webhooks, Sync now). Background: the rest. */
export type Lane = 'live' | 'background';

/** The share of the window's quota kept for the live lane. */
export const LIVE_RESERVE_SHARE = 0.1;

export const GovernorStateSchema = z.strictObject({
  quota: z
    .strictObject({
      limit: z.number().nonnegative(),
      remaining: z.number().nonnegative(),
      resetAtMs: z.number(),
    })
    .nullable(),
  /** Jira refused for the quota: no call at all before this instant. */
  quotaPausedUntilMs: z.number().nullable(),
  /** Endpoint (`METHOD /template`) → refused by its burst budget until then. */
  endpoints: z.record(z.string(), z.number()),
  /** Issue id or key → its writes refused until then. */
  issues: z.record(z.string(), z.number()),
});
export type GovernorState = z.infer<typeof GovernorStateSchema>;

export const EMPTY_GOVERNOR_STATE: GovernorState = {
  quota: null,
  quotaPausedUntilMs: null,
  endpoints: {},
  issues: {},
};

export interface GovernedCall {
  readonly lane: Lane;
  /** `METHOD /template`: the scope of a burst budget. */
  readonly endpoint: string;
  /** The issue a write goes to, when it goes to one. */
  readonly issueId?: string | undefined;
}

export type PauseReason = 'quota' | 'quota-reserve' | 'burst' | 'per-issue';

export type Admission =
  | { readonly kind: 'go' }
  | { readonly kind: 'wait'; readonly untilMs: number; readonly reason: PauseReason };

export function reserveOf(quota: QuotaReading): number {
  return Math.ceil(quota.limit * LIVE_RESERVE_SHARE);
}

export function admit(state: GovernorState, call: GovernedCall, now: number): Admission {
  if (state.quotaPausedUntilMs !== null && state.quotaPausedUntilMs > now)
    return { kind: 'wait', untilMs: state.quotaPausedUntilMs, reason: 'quota' };
  const quota = state.quota;
  if (call.lane === 'background' && quota && quota.resetAtMs > now && quota.remaining <= reserveOf(quota))
    return { kind: 'wait', untilMs: quota.resetAtMs, reason: 'quota-reserve' };
  const endpoint = state.endpoints[call.endpoint];
  if (endpoint !== undefined && endpoint > now) return { kind: 'wait', untilMs: endpoint, reason: 'burst' };
  const issue = call.issueId === undefined ? undefined : state.issues[call.issueId];
  if (issue !== undefined && issue > now) return { kind: 'wait', untilMs: issue, reason: 'per-issue' };
  return { kind: 'go' };
}

/** The new state after an answer; expired pauses are dropped so the stored record stays small. */
export function observe(
  state: GovernorState,
  call: GovernedCall,
  reading: RateReading,
  now: number,
): GovernorState {
  const live = (record: Record<string, number>) =>
    Object.fromEntries(Object.entries(record).filter(([, until]) => until > now));
  let next: GovernorState = {
    quota: reading.quota ?? (state.quota && state.quota.resetAtMs > now ? state.quota : null),
    quotaPausedUntilMs:
      state.quotaPausedUntilMs !== null && state.quotaPausedUntilMs > now ? state.quotaPausedUntilMs : null,
    endpoints: live(state.endpoints),
    issues: live(state.issues),
  };
  const limited = reading.limited;
  if (!limited) return next;
  if (limited.kind === 'quota')
    return { ...next, quotaPausedUntilMs: Math.max(limited.retryAtMs, next.quotaPausedUntilMs ?? 0) };
  if (limited.kind === 'per-issue' && call.issueId !== undefined)
    return { ...next, issues: { ...next.issues, [call.issueId]: limited.retryAtMs } };
  // A burst refusal, or a per-issue one of a call that names no issue: slow that endpoint.
  next = { ...next, endpoints: { ...next.endpoints, [call.endpoint]: limited.retryAtMs } };
  return next;
}

/**
 * The share of the quota the reading may move before it is stored again: Activity shows the points used
 * this hour from storage, so the stored reading stays within 1 % of the limit at the cost of about a hundred
 * writes an hour per site, not one per call.
 */
const QUOTA_DRIFT_SHARE = 0.01;

/** Whether the quota reading moved far enough from the one last stored (or entered a new window) to store it. */
export function quotaMoved(stored: GovernorState, current: GovernorState): boolean {
  const [was, is] = [stored.quota, current.quota];
  if (is === null) return false;
  if (was === null || was.limit !== is.limit) return true;
  if (Math.abs(was.resetAtMs - is.resetAtMs) > 60_000 && is.remaining > was.remaining) return true;
  return Math.abs(was.remaining - is.remaining) >= Math.max(1, is.limit * QUOTA_DRIFT_SHARE);
}

/** Whether a change is worth telling the other invocations through storage: a new pause, or the reserve reached. */
export function worthSharing(before: GovernorState, after: GovernorState, now: number): boolean {
  if (after.quotaPausedUntilMs !== before.quotaPausedUntilMs) return true;
  if (Object.keys(after.endpoints).some((k) => after.endpoints[k] !== before.endpoints[k])) return true;
  if (Object.keys(after.issues).some((k) => after.issues[k] !== before.issues[k])) return true;
  const atReserve = (s: GovernorState) =>
    s.quota !== null && s.quota.resetAtMs > now && s.quota.remaining <= reserveOf(s.quota);
  return atReserve(after) !== atReserve(before);
}
