/**
 * The consumer's one retry decision, from the failure contract (errors.ts `handlingOf`) and the delivery's
 * retry count. Forge retries an async event when its consumer returns an InvocationError, after `retryAfter`
 * seconds, and at most four times, passing `retryContext.retryCount`
 * (https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/, "Retry events").
 * So: a retryable failure waits at least what the failing side asked, otherwise an exponential backoff;
 * past the last retry, or for a permanent failure, the consumer records it where an admin sees it.
 */
import { LEASE_MS } from '../cycle/with-lease';
import { handlingOf, type FailureHandling } from '../errors';

/** Forge's own cap on retries of one event. */
export const FORGE_MAX_RETRIES = 4;
const BASE_BACKOFF_S = 15;
/** Longer than Forge's 15-minute queue delay is not worth holding one event for; the schedule takes over. */
const MAX_BACKOFF_S = 900;

export type RetryDecision =
  | { retry: true; afterSeconds: number; handling: FailureHandling }
  | { retry: false; why: 'permanent' | 'exhausted'; handling: FailureHandling };

/** `retryCount` is 0 on the first delivery, as Forge counts it. */
export function decideRetry(err: unknown, retryCount: number): RetryDecision {
  const handling = handlingOf(err);
  if (!handling.retryable) return { retry: false, why: 'permanent', handling };
  if (retryCount >= FORGE_MAX_RETRIES) return { retry: false, why: 'exhausted', handling };
  const backoff = BASE_BACKOFF_S * 2 ** retryCount;
  const asked = handling.retryAfterMs === undefined ? 0 : Math.ceil(handling.retryAfterMs / 1000);
  return { retry: true, afterSeconds: Math.min(MAX_BACKOFF_S, Math.max(1, backoff, asked)), handling };
}

/**
 * When work that found its connection busy runs again. Busy is not a failure, so it does not spend Forge's
 * four retries: the consumer queues the work anew, without a cap, and it is never dropped. The first retry
 * waits one lease, by when a killed holder's lock has run out (cycle/with-lease.ts); after that the wait
 * doubles up to the schedule's interval, so a long legitimate run (a backfill) costs one cheap invocation
 * per waiting item every five minutes, not a storm.
 */
export function decideBusyRetry(busyRetries: number): { afterSeconds: number } {
  const lease = Math.ceil(LEASE_MS / 1000);
  return { afterSeconds: Math.min(BUSY_MAX_WAIT_S, lease * 2 ** Math.min(busyRetries, 8)) };
}
const BUSY_MAX_WAIT_S = 300;

/** What an admin reads on the connection when the consumer stops trying. */
export function describeGiveUp(decision: Extract<RetryDecision, { retry: false }>, attempts: number): string {
  const { handling } = decision;
  return decision.why === 'exhausted'
    ? `gave up after ${attempts} attempts (${handling.code}): ${handling.message}; the next scheduled cycle tries again`
    : `failed (${handling.code}): ${handling.message}`;
}
