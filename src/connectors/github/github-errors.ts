/**
 * Octokit's failures as TrackerErrors. GitHub signals limits three ways, all retryable with a time:
 * primary limit exhausted (403/429, `x-ratelimit-remaining: 0`, wait until `x-ratelimit-reset`), secondary
 * limit (403/429 with `retry-after`, or "secondary rate limit" in the message), and plain 429.
 */
import { TrackerError } from '../../core/errors';
import { httpError, unreachable } from '../common/http-error';
import { GhRequestErrorSchema } from './github-schemas';

export function toTrackerError(err: unknown, label: string, what: string, now: Date): TrackerError {
  if (err instanceof TrackerError) return err;
  const parsed = GhRequestErrorSchema.safeParse(err);
  if (!parsed.success) return unreachable(label, err);
  const { status, message, response } = parsed.data;
  const raw = response?.headers ?? {};
  const headers = {
    get: (name: string) => {
      const v = raw[name.toLowerCase()];
      return v === undefined ? null : String(v);
    },
  };
  // Octokit reports a network failure as status 500 without a response.
  if (status === 500 && !response) return unreachable(label, err);
  return httpError(label, what, status, headers, message, now);
}
