/**
 * The figures of Jira Cloud's three rate limits for one emulated site. Sources:
 * - "Rate limiting", developer.atlassian.com/cloud/jira/platform/rate-limiting/ (enforced from 2 March 2026 on
 *   Forge, Connect and OAuth apps; API-token traffic keeps only the burst limit).
 * - "Build an app that respects rate limits", developer.atlassian.com/cloud/jira/platform/build-an-app-that-
 *   respects-rate-limits/ (the three `RateLimit-Reason` values and their scopes).
 */
import { z } from 'zod';

export interface RateLimitSettings {
  /** Points an app may spend per tenant per window (`jira-quota-tenant-based`); `null` = no quota. */
  readonly quotaPoints: number | null;
  readonly quotaWindowSeconds: number;
  /** Requests per second per endpoint and method (`jira-burst-based`); `null` = no burst limit. */
  readonly burstPerSecond: number | null;
  /** Writes to one issue per window (`jira-per-issue-on-write`); `null` = no per-issue limit. */
  readonly perIssueWrites: number | null;
  readonly perIssueWindowSeconds: number;
}

/** The emulator as a library (unit tests): no limit unless a test sets one. */
export const NO_RATE_LIMITS: RateLimitSettings = {
  quotaPoints: null,
  quotaWindowSeconds: 3600,
  burstPerSecond: null,
  perIssueWrites: null,
  perIssueWindowSeconds: 10,
};

/**
 * What `npm start` and `npm run bench` enforce unless told otherwise: realistic, not generous.
 * - Quota: 100,100 points an hour, the policy one app was shown (`Beta-RateLimit-Policy:
 *   "tenant-app-quota";q=100100;w=3600`); Atlassian's page puts tiers between a few tens of thousands and
 *   about 100,000 points an hour per tenant.
 * - Burst: Atlassian does not publish per-endpoint figures; 50 requests a second per endpoint and method is
 *   below what apps report seeing before `jira-burst-based` 429s.
 * - Per issue: the figure is not published either; 10 writes in 10 s lets one sync of an issue (create, a few
 *   comments, a property) through and stops a loop writing the same issue.
 */
export const ATLASSIAN_RATE_LIMITS: RateLimitSettings = {
  quotaPoints: 100_100,
  quotaWindowSeconds: 3600,
  burstPerSecond: 50,
  perIssueWrites: 10,
  perIssueWindowSeconds: 10,
};

/** A change to one site's figures, as the control API and `npm start` flags take it. */
export const RateLimitChangeSchema = z.strictObject({
  quotaPoints: z.number().int().positive().nullable().optional(),
  quotaWindowSeconds: z.number().positive().optional(),
  burstPerSecond: z.number().int().positive().nullable().optional(),
  perIssueWrites: z.number().int().positive().nullable().optional(),
  perIssueWindowSeconds: z.number().positive().optional(),
});
export type RateLimitChange = z.infer<typeof RateLimitChangeSchema>;

/** Applies a change, dropping absent fields (exactOptionalPropertyTypes keeps `undefined` out of settings). */
export function changeSettings(current: RateLimitSettings, change: RateLimitChange): RateLimitSettings {
  const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
  return { ...current, ...defined };
}
