/** The `RateLimit-Reason` values of a Jira 429 ("Build an app that respects rate limits", the limits table). */
export const LIMIT_REASONS = [
  'jira-quota-tenant-based',
  'jira-burst-based',
  'jira-per-issue-on-write',
] as const;
export type LimitReason = (typeof LIMIT_REASONS)[number];

/** The policy name Jira puts in `Beta-RateLimit-Policy` and `Beta-RateLimit` for an app's tenant quota. */
export const QUOTA_POLICY = 'tenant-app-quota';
