/**
 * Forge's own errors in the core's failure contract (core/errors.ts `handlingOf`): the core never imports
 * @forge, so the platform turns what @forge/kvs and @forge/events throw into StorageError and QueueError.
 *
 * - @forge/kvs throws ForgeKvsAPIError with the HTTP status and the body's `code`. "Any request that exceeds a
 *   quota or limit will return a 429 status with an error code of RATE_LIMIT_EXCEEDED"
 *   (https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs/); a 5xx is the
 *   service failing. Other 4xx (bad key, MAX_SIZE, 409 on FAIL_IF_EXISTS) would fail again.
 * - @forge/events (out/validators.js `checkResponseError`) throws RateLimitError on 429, InternalServerError on
 *   any other unexpected status, PartialSuccessError on a 202 where some events were not accepted (pushing
 *   again is safe: every step is idempotent), and InvocationLimitReachedError on 405, which a retry cannot fix.
 * Anything else is passed through unchanged: it either carries its handling already or is a bug.
 */
import {
  InternalServerError,
  InvalidPushSettingsError,
  InvocationLimitReachedError,
  NoEventsToPushError,
  PartialSuccessError,
  PayloadTooBigError,
  RateLimitError,
  TooManyEventsError,
} from '@forge/events';
import { ForgeKvsAPIError } from '@forge/kvs';
import { codeForItemError, StorageError } from '../kvs/storage-error';
import { QueueError } from './queue-error';

export function classifyForgeError(err: unknown): unknown {
  if (err instanceof ForgeKvsAPIError) {
    const status = err.responseDetails.status;
    const code =
      status === 429
        ? 'rate_limited'
        : status >= 500
          ? 'unavailable'
          : codeForItemError(err.code) === 'value_too_large'
            ? 'value_too_large'
            : 'write_failed';
    return new StorageError(code, `storage answered ${status} ${err.code}: ${err.message}`);
  }
  if (err instanceof RateLimitError) return new QueueError('rate_limited', err.message, { cause: err });
  if (err instanceof InternalServerError) return new QueueError('unavailable', err.message, { cause: err });
  if (err instanceof PartialSuccessError) return new QueueError('partial', err.message, { cause: err });
  if (
    err instanceof InvocationLimitReachedError ||
    err instanceof PayloadTooBigError ||
    err instanceof TooManyEventsError ||
    err instanceof InvalidPushSettingsError ||
    err instanceof NoEventsToPushError
  )
    return new QueueError('refused', err.message, { cause: err });
  return err;
}
