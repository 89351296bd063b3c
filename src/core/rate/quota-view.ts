/**
 * What Activity shows of a site's quota, from the governor's stored state: the points used this window
 * against the quota (when Jira's `Beta-RateLimit*` headers told it), and whether background work is paused
 * and until when. Pure, so the resolver and its test read the same figures.
 */
import { reserveOf, type GovernorState } from './governor-state';

export interface QuotaView {
  /** Points used in the current window, and the quota; null until an answer carried the headers. */
  readonly used: number | null;
  readonly limit: number | null;
  readonly resetAtMs: number | null;
  /** Points kept for people's edits: background work stops when only this much is left. */
  readonly reserve: number | null;
  /**
   * Background work is not sent before `untilMs`: `quota` when Jira refused for the quota (nobody asks),
   * `quota-reserve` when only the reserve is left (people's edits still cross).
   */
  readonly paused: { readonly reason: 'quota' | 'quota-reserve'; readonly untilMs: number } | null;
}

export function quotaViewOf(state: GovernorState | undefined, now: number): QuotaView {
  const quota = state?.quota && state.quota.resetAtMs > now ? state.quota : null;
  const refusedUntil = state?.quotaPausedUntilMs ?? null;
  const paused =
    refusedUntil !== null && refusedUntil > now
      ? { reason: 'quota' as const, untilMs: refusedUntil }
      : quota && quota.remaining <= reserveOf(quota)
        ? { reason: 'quota-reserve' as const, untilMs: quota.resetAtMs }
        : null;
  return {
    used: quota ? Math.max(0, quota.limit - quota.remaining) : null,
    limit: quota?.limit ?? null,
    resetAtMs: quota?.resetAtMs ?? null,
    reserve: quota ? reserveOf(quota) : null,
    paused,
  };
}

/**
 * When a backfill with `pointsNeeded` more points of writes on a site should be done, as far as the quota
 * alone decides: now when the background share left in this window covers it, else the reset that opens
 * the window in which the last of it fits (each window gives background work its quota less the reserve).
 * `null` when the site's quota is unknown.
 */
export function quotaEtaMs(
  view: QuotaView,
  pointsNeeded: number,
  windowMs: number,
  now: number,
): number | null {
  if (view.limit === null || view.used === null || view.reserve === null || view.resetAtMs === null)
    return null;
  const leftNow = view.paused ? 0 : Math.max(0, view.limit - view.used - view.reserve);
  if (pointsNeeded <= leftNow) return now;
  const perWindow = Math.max(1, view.limit - view.reserve);
  const windowsAfterReset = Math.ceil((pointsNeeded - leftNow) / perWindow) - 1;
  const start = view.paused ? Math.max(view.paused.untilMs, view.resetAtMs) : view.resetAtMs;
  return start + windowsAfterReset * windowMs;
}
