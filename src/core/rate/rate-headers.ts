/**
 * What a tracker's answer says about its rate limits, read from its headers into one shape the governor
 * understands. Sources:
 * - Jira Cloud: "Rate limiting" (developer.atlassian.com/cloud/jira/platform/rate-limiting/): `RateLimit-Reason`
 *   on a 429 (`jira-quota-tenant-based` or `-global-based`, `jira-burst-based`, `jira-per-issue-on-write`),
 *   `Retry-After` in seconds, and the quota in `Beta-RateLimit-Policy` (`q`, `w`) and `Beta-RateLimit`
 *   (`r` remaining, `t` seconds to reset).
 * - GitHub: "Rate limits for the REST API": `x-ratelimit-remaining`/`x-ratelimit-limit`/`x-ratelimit-reset`
 *   (epoch seconds); a secondary limit answers 403/429 with `retry-after`.
 * - GitLab: "Rate limits": `RateLimit-Remaining`/`RateLimit-Limit`/`RateLimit-Reset` (epoch seconds), 429 with
 *   `Retry-After`.
 * - Redmine: no quota headers; a proxy's 429 with `Retry-After` at most.
 */

export type LimitKind = 'quota' | 'burst' | 'per-issue';

export interface HeaderSource {
  get(name: string): string | null;
}

export interface QuotaReading {
  readonly limit: number;
  readonly remaining: number;
  readonly resetAtMs: number;
}

export interface RateReading {
  readonly quota?: QuotaReading;
  /** Present when the answer was a refusal for a rate limit. */
  readonly limited?: { readonly kind: LimitKind; readonly retryAtMs: number };
}

const DEFAULT_RETRY_MS = 1000;

function retryAfterMs(headers: HeaderSource, now: number): number | undefined {
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** `"tenant-app-quota";r=12;t=300` → the value of one parameter. */
function param(header: string | null, name: string): number | undefined {
  if (header === null) return undefined;
  const match = new RegExp(`(?:^|;)\\s*${name}=(\\d+)`).exec(header);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function jiraReason(reason: string | null): LimitKind {
  if (reason === 'jira-burst-based') return 'burst';
  if (reason === 'jira-per-issue-on-write') return 'per-issue';
  if (reason?.startsWith('jira-quota-') === true) return 'quota';
  // A 429 that names no reason is treated as the narrowest limit: slow that endpoint.
  return 'burst';
}

export function readJiraRateHeaders(status: number, headers: HeaderSource, now: number): RateReading {
  const policy = headers.get('beta-ratelimit-policy');
  const current = headers.get('beta-ratelimit');
  const limit = param(policy, 'q');
  const remaining = param(current, 'r');
  const resetIn = param(current, 't');
  const quota =
    limit !== undefined && remaining !== undefined && resetIn !== undefined
      ? { limit, remaining, resetAtMs: now + resetIn * 1000 }
      : undefined;
  if (status !== 429) return quota ? { quota } : {};
  const kind = jiraReason(headers.get('ratelimit-reason'));
  const wait =
    retryAfterMs(headers, now) ?? (kind === 'quota' && quota ? quota.resetAtMs - now : DEFAULT_RETRY_MS);
  return { ...(quota ? { quota } : {}), limited: { kind, retryAtMs: now + wait } };
}

/** GitHub and GitLab send the same three figures under different names; both reset at an epoch second. */
export function readRemainingResetHeaders(
  status: number,
  headers: HeaderSource,
  now: number,
  prefix: 'x-ratelimit' | 'ratelimit',
): RateReading {
  const limit = Number(headers.get(`${prefix}-limit`) ?? NaN);
  const remaining = Number(headers.get(`${prefix}-remaining`) ?? NaN);
  const reset = Number(headers.get(`${prefix}-reset`) ?? NaN);
  const quota =
    Number.isFinite(limit) && Number.isFinite(remaining) && Number.isFinite(reset)
      ? { limit, remaining, resetAtMs: reset * 1000 }
      : undefined;
  const refused =
    status === 429 || (status === 403 && (remaining === 0 || headers.get('retry-after') !== null));
  if (!refused) return quota ? { quota } : {};
  const asked = retryAfterMs(headers, now);
  // Out of the primary budget: until its reset. A secondary limit (Retry-After) slows that endpoint only.
  const limited =
    asked === undefined && quota?.remaining === 0
      ? { kind: 'quota' as const, retryAtMs: quota.resetAtMs }
      : { kind: 'burst' as const, retryAtMs: now + (asked ?? 60_000) };
  return { ...(quota ? { quota } : {}), limited };
}
