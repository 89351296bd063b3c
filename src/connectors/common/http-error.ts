/**
 * HTTP failures of the REST trackers as TrackerErrors that say whether a retry helps and when. The wait
 * comes from the tracker's own headers: `Retry-After` (seconds or a date), or a rate-limit reset time
 * (`x-ratelimit-reset` on GitHub, `RateLimit-Reset` on GitLab, both epoch seconds) once nothing remains.
 */
import { codeForStatus, TrackerError } from '../../core/errors';

export interface HeaderLike {
  get(name: string): string | null;
}

export function retryAfterMs(headers: HeaderLike, now: Date): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(1000, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(1000, at - now.getTime());
  }
  const remaining = headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining');
  const reset = Number(headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset'));
  if (remaining === '0' && Number.isFinite(reset) && reset > 0)
    return Math.max(1000, reset * 1000 - now.getTime());
  return undefined;
}

/**
 * GitHub answers an exhausted primary limit and a secondary (abuse) limit with 403 as well as 429; the
 * headers or the message tell them apart from a real permission error.
 */
export function isRateLimited(status: number, headers: HeaderLike, message: string): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  return (
    headers.get('retry-after') !== null ||
    headers.get('x-ratelimit-remaining') === '0' ||
    /rate limit/i.test(message)
  );
}

export function httpError(
  label: string,
  request: string,
  status: number,
  headers: HeaderLike,
  detail: string,
  now: Date,
): TrackerError {
  const limited = isRateLimited(status, headers, detail);
  const wait = retryAfterMs(headers, now) ?? (limited ? 60_000 : undefined);
  const code = limited ? 'rate_limited' : codeForStatus(status);
  const message = `${label}: ${request} failed with ${status}${detail ? `: ${detail}` : ''}`;
  return new TrackerError(code, message, { status, ...(wait === undefined ? {} : { retryAfterMs: wait }) });
}

/** A network failure: the tracker could not be reached at all, which a later try may fix. */
export function unreachable(label: string, err: unknown): TrackerError {
  const reason = err instanceof Error ? err.message : String(err);
  return new TrackerError('unavailable', `${label} could not be reached: ${reason}`);
}
