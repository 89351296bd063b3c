/**
 * Azure DevOps' rate limits as the governor reads them ("Rate and usage limits",
 * learn.microsoft.com/azure/devops/integrate/concepts/rate-limits): usage is counted in TSTUs;
 * `X-RateLimit-Limit` and `X-RateLimit-Remaining` count them, `X-RateLimit-Reset` is when usage returns to
 * zero in Unix epoch seconds, and `Retry-After` asks the client to wait that many seconds before its next
 * request. A request is delayed before it is refused, so `Retry-After` also comes on a 200: that answer
 * stands, and background work holds until then while people's edits still go (Azure DevOps delays those, it
 * does not refuse them). A refusal is a 429 (or a 503 with `Retry-After`), retried after the wait.
 */
import { readRemainingResetHeaders, type HeaderSource, type RateReading } from '../../core/rate';

export function readAzureDevOpsRateHeaders(status: number, headers: HeaderSource, now: number): RateReading {
  const refused = status === 429 || (status === 503 && headers.get('retry-after') !== null);
  const reading = readRemainingResetHeaders(refused ? 429 : status, headers, now, 'x-ratelimit');
  if (refused || reading.limited) return reading;
  const seconds = Number(headers.get('retry-after') ?? NaN);
  if (!Number.isFinite(seconds) || seconds <= 0) return reading;
  // Delayed, not refused: read as a spent budget until the wait is over.
  const limit = reading.quota?.limit ?? 1;
  return { quota: { limit, remaining: 0, resetAtMs: now + seconds * 1000 } };
}
