/** The one failure contract: which errors are retried, when, and when the consumer stops. */
import { ForgeKvsAPIError } from '@forge/kvs';
import { InternalServerError, PayloadTooBigError, RateLimitError } from '@forge/events';
import { HookInstallError } from '../../src/connectors/git-webhooks/hook-installer';
import { handlingOf, TrackerError } from '../../src/core/errors';
import { decideRetry, FORGE_MAX_RETRIES } from '../../src/core/work/retry-decision';
import { classifyForgeError } from '../../src/platform/failures/classify-forge-error';
import { StorageError } from '../../src/platform/kvs/storage-error';

const kvsError = (status: number, code: string) =>
  new ForgeKvsAPIError({ status, statusText: '' }, { code, message: `${code} from KVS` });

it.each([
  ['a tracker 429', new TrackerError('rate_limited', 'slow down', { retryAfterMs: 120_000 }), true, 120_000],
  ['a tracker 404', new TrackerError('not_found', 'gone'), false, undefined],
  ['a storage 429', new StorageError('rate_limited', 'quota'), true, undefined],
  ['an oversized record', new StorageError('value_too_large', 'too big'), false, undefined],
  ['a git server 503', new HookInstallError('down', 503, 30_000), true, 30_000],
  ['a git server 401', new HookInstallError('bad token', 401), false, undefined],
  ['a bug', new TypeError('x is undefined'), false, undefined],
])('%s: retryable %s, after %s ms', (_, err, retryable, after) => {
  expect(handlingOf(err)).toMatchObject({ retryable, retryAfterMs: after });
});

it.each([
  ['KVS 429 RATE_LIMIT_EXCEEDED', kvsError(429, 'RATE_LIMIT_EXCEEDED'), 'rate_limited', true],
  ['KVS 503', kvsError(503, 'SERVICE_UNAVAILABLE'), 'unavailable', true],
  ['KVS 400 MAX_SIZE', kvsError(400, 'MAX_SIZE'), 'value_too_large', false],
  ['KVS 409 KEY_CONFLICT', kvsError(409, 'KEY_CONFLICT'), 'write_failed', false],
  ['queue 429', new RateLimitError('busy'), 'rate_limited', true],
  ['queue 5xx', new InternalServerError('500 boom', 500), 'unavailable', true],
  ['queue payload too big', new PayloadTooBigError('too big'), 'refused', false],
])('Forge %s is classified into the contract', (_, forgeErr, code, retryable) => {
  expect(handlingOf(classifyForgeError(forgeErr))).toMatchObject({ code, retryable });
});

it('backs off exponentially, never sooner than asked, and stops after Forge’s four retries', () => {
  const quota = new StorageError('rate_limited', 'quota');
  const waits = [0, 1, 2, 3].map((n) => {
    const d = decideRetry(quota, n);
    return d.retry ? d.afterSeconds : -1;
  });
  expect(waits).toEqual([15, 30, 60, 120]);
  const asked = decideRetry(new TrackerError('rate_limited', 'x', { retryAfterMs: 300_500 }), 0);
  expect(asked).toMatchObject({ retry: true, afterSeconds: 301 });
  expect(decideRetry(quota, FORGE_MAX_RETRIES)).toMatchObject({ retry: false, why: 'exhausted' });
  expect(decideRetry(new TypeError('bug'), 0)).toMatchObject({ retry: false, why: 'permanent' });
});
