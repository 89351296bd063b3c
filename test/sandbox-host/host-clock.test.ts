/**
 * Skipping idle host time (sandbox/host/host-clock.ts): while nothing runs, the host moves its clock to the
 * next queued event and delivers it, and KVS expiry (so a dead holder's lease) sees the same time pass.
 */
import { z } from 'zod';
import type { SandboxHost } from '../../sandbox/host';
import { kvsValues, resolve, startTestHost } from './helpers';

let host: SandboxHost;

beforeAll(async () => {
  // Unscaled queue delays: a 10-minute delay is 10 minutes unless the host skips it.
  host = await startTestHost({ queueDelayScale: 1 });
});

afterAll(async () => {
  await host.close();
});

test('with nothing running, a delayed event is delivered at once and KVS sees the time pass', async () => {
  expect(host.skipIdleTime()).toBe(0);
  // A lease whose holder is gone: 30 s left on the host clock.
  host.kvs.handle('/api/v1/set', {
    key: 'lock:gone',
    value: 'token',
    options: { ttl: { value: 30, unit: 'SECONDS' } },
  });
  await resolve(host, 'queue/push', {
    queue: 'work',
    events: [{ body: { id: 'skip' }, delayInSeconds: 600 }],
  });
  expect((await host.settle(200)).settled).toBe(false);

  const skipped = host.skipIdleTime();
  expect(skipped).toBeGreaterThan(590_000);
  expect(skipped).toBeLessThanOrEqual(600_000);
  expect(host.skippedMs).toBe(skipped);
  const settled = await host.settle(5_000);
  expect(settled.settled).toBe(true);
  expect(kvsValues(host, 'work:skip:').map((v) => z.object({ retryCount: z.number() }).parse(v))).toEqual([
    expect.objectContaining({ retryCount: 0 }),
  ]);
  expect(host.kvs.handle('/api/v1/get', { key: 'lock:gone' }).status).toBe(404);
  // Nothing waits any more: nothing to skip.
  expect(host.skipIdleTime()).toBe(0);
});
