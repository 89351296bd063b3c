/**
 * Headers of Jira's points quota, on every answer to an app ("Rate limiting", section on response headers):
 * - `Beta-RateLimit-Policy: "tenant-app-quota";q=<points>;w=<window seconds>`
 * - `Beta-RateLimit: "tenant-app-quota";r=<remaining>;t=<seconds to reset>`
 * - `X-Beta-RateLimit-NearLimit: true` once less than 20 % of the quota is left
 * - `X-Beta-RateLimit-Reset`: the reset as an ISO 8601 instant
 * and on a 429 `Retry-After` (seconds) and `RateLimit-Reason`.
 */
import { QUOTA_POLICY, type LimitReason } from './reasons';

export interface QuotaState {
  readonly quotaPoints: number;
  readonly windowSeconds: number;
  readonly used: number;
  readonly resetAt: number;
}

/** Jira's near-limit flag fires below a fifth of the budget, as `X-RateLimit-NearLimit` always has. */
const NEAR_LIMIT_SHARE = 0.2;

export function quotaHeaders(state: QuotaState, now: number): Record<string, string> {
  const remaining = Math.max(0, state.quotaPoints - state.used);
  const seconds = Math.max(0, Math.ceil((state.resetAt - now) / 1000));
  return {
    'beta-ratelimit-policy': `"${QUOTA_POLICY}";q=${String(state.quotaPoints)};w=${String(state.windowSeconds)}`,
    'beta-ratelimit': `"${QUOTA_POLICY}";r=${String(remaining)};t=${String(seconds)}`,
    'x-beta-ratelimit-reset': new Date(state.resetAt).toISOString(),
    ...(remaining < state.quotaPoints * NEAR_LIMIT_SHARE ? { 'x-beta-ratelimit-nearlimit': 'true' } : {}),
  };
}

export function limitedHeaders(reason: LimitReason, retryAt: number, now: number): Record<string, string> {
  return {
    'retry-after': String(Math.max(1, Math.ceil((retryAt - now) / 1000))),
    'ratelimit-reason': reason,
  };
}
