/**
 * How a failed write shows on its pair, one way for every path that writes (a pair's own writes, a bulk
 * create's items): a retryable failure leaves the pair pending with the reason, and the run stops; any other
 * is an error on the pair naming the write, the side and what the tracker said.
 */
import { errorMessage, type TrackerError } from '../errors';
import type { Mutation } from '../plan';
import { RateLimitPause } from '../rate';
import type { LinkedPair } from '../state';

export interface FailureReport {
  errors: { pairId: string; message: string }[];
  retryAfterMs?: number;
}

export function describeFailure(m: Mutation, err: unknown): string {
  const what = m.kind.replace('-', ' ');
  return `${what} on the ${m.side} side failed: ${errorMessage(err)}`;
}

/** A rate limit says until when ("waiting for Jira's rate limit until 14:05 UTC"); the panel shows it. */
export function markPending(pair: LinkedPair, err: TrackerError, report: FailureReport): void {
  const reason = err instanceof RateLimitPause ? err.message : `waiting to retry: ${errorMessage(err)}`;
  pair.status = { state: 'pending', reason };
  if (err.retryAfterMs !== undefined)
    report.retryAfterMs = Math.max(report.retryAfterMs ?? 0, err.retryAfterMs);
}

export function markFailed(
  pair: LinkedPair,
  m: Mutation,
  err: unknown,
  report: FailureReport,
  now: string,
): void {
  const attempts = pair.status.state === 'error' ? pair.status.attempts + 1 : 1;
  pair.status = { state: 'error', message: describeFailure(m, err), attempts, lastAttemptAt: now };
  report.errors.push({ pairId: pair.pairId, message: pair.status.message });
}
