/**
 * What Forge enforces on an invocation: its time limit (after which its platform calls are refused) and the
 * manifest's egress allowlist on `fetch`.
 */
import { z } from 'zod';
import type { SandboxHost } from '../../sandbox/host';
import { call, kvsValues, resolve, startTestHost } from './helpers';

let host: SandboxHost;

beforeAll(async () => {
  host = await startTestHost({ allowLocalEgress: true });
});

afterAll(async () => {
  await host.close();
});

afterEach(async () => {
  await call(host, 'DELETE', '/_sandbox/api/faults');
});

test('a consumer past its timeoutSeconds is recorded `timeout`, its later KVS write is refused, and it is retried', async () => {
  // on-slow has timeoutSeconds: 1 and sleeps 1.3 s before writing on its first attempt.
  await resolve(host, 'queue/push', { queue: 'slow', events: [{ body: { id: 's1', sleepMs: 1300 } }] });
  const settled = await call(host, 'POST', '/_sandbox/api/settle?timeoutMs=5000');
  expect(settled.status).toBe(200);

  const runs = host.invocations().filter((i) => i.functionKey === 'on-slow');
  expect(runs.map((r) => r.outcome)).toEqual(['timeout', 'ok']);
  expect(runs[0]).toMatchObject({ limitMs: 1000, retryCount: 0 });
  expect(kvsValues(host, 'slow-retry:s1')).toEqual([{ retryReason: 'FUNCTION_TIME_OUT' }]);

  // The late write happens after settle returned: wait for it, then check it was refused.
  const deadline = Date.now() + 2000;
  while (
    !host.requests().some((r) => r.invocationId === runs[0]?.id && r.refused === 'timeout') &&
    Date.now() < deadline
  ) {
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(host.requests().filter((r) => r.invocationId === runs[0]?.id)).toEqual([
    expect.objectContaining({ target: 'kvs', kvsOp: 'set', status: null, refused: 'timeout' }),
  ]);
  expect(kvsValues(host, 'late:s1')).toEqual([]);
});

test('killInvocationAfterMs stops a resolver early: 504, recorded as a killed timeout, writes refused', async () => {
  await call(host, 'POST', '/_sandbox/api/faults', { killInvocationAfterMs: 100 });
  const answer = await call(host, 'POST', '/_sandbox/api/invoke/sleep-then-write', { payload: { ms: 300 } });
  expect(answer.status).toBe(504);
  expect(answer.body).toMatchObject({
    ok: false,
    invocation: { outcome: 'timeout', killed: true, limitMs: 25_000 },
  });
  await new Promise((r) => setTimeout(r, 300));
  expect(kvsValues(host, 'after-sleep')).toEqual([]);
});

test('killRate kills only a share of invocations, each between killMinMs and killInvocationAfterMs', async () => {
  await call(host, 'POST', '/_sandbox/api/faults', {
    killInvocationAfterMs: 150,
    killMinMs: 50,
    killRate: 0.5,
    seed: 7,
  });
  const outcomes: string[] = [];
  for (let i = 0; i < 20; i++) {
    const answer = await call(host, 'POST', '/_sandbox/api/invoke/sleep-then-write', {
      payload: { ms: 200 },
    });
    outcomes.push(answer.status === 504 ? 'killed' : 'ran');
  }
  const killed = host
    .invocations()
    .filter((i) => i.functionKey === 'sleep-then-write' && i.killed === true)
    .slice(-outcomes.filter((o) => o === 'killed').length);
  // A seeded share: some of each, and every kill inside the window.
  expect(outcomes).toContain('killed');
  expect(outcomes).toContain('ran');
  for (const k of killed) {
    expect(k.ms).toBeGreaterThanOrEqual(45);
    expect(k.ms).toBeLessThan(250);
  }
});

const Fetched = z.union([
  z.object({ status: z.number() }),
  z.object({ error: z.object({ name: z.string(), message: z.string() }) }),
]);

test.each(['global', 'forge'] as const)(
  'fetch (%s) to a host outside the allowlist is refused as Forge does',
  async (via) => {
    const result = Fetched.parse(await resolve(host, 'egress/fetch', { url: 'https://example.com/x', via }));
    expect(result).toEqual({
      error: {
        name: 'REQUEST_EGRESS_ALLOWLIST_ERR',
        message:
          'URL not included in the external fetch backend permissions: https://example.com/x. Visit go.atlassian.com/forge-egress for more information.',
      },
    });
    expect(host.requests().at(-1)).toMatchObject({
      target: 'fetch',
      host: 'example.com',
      refused: 'egress',
      status: null,
    });
  },
);

test('allowLocalEgress lets fetch reach a sandbox site on 127.0.0.1', async () => {
  const url = `${host.url}/sites/partner/rest/api/3/serverInfo`;
  // Unauthenticated, so the emulator answers 401: what matters is that the request left the app.
  expect(Fetched.parse(await resolve(host, 'egress/fetch', { url, via: 'global' }))).toEqual({ status: 401 });
  expect(host.requests().at(-1)).toMatchObject({
    target: 'fetch',
    path: '/sites/partner/rest/api/3/serverInfo',
    status: 401,
  });
});

test('without allowLocalEgress, 127.0.0.1 is refused like any host off the allowlist', async () => {
  const strict = await startTestHost({ seed: 'none' });
  try {
    const result = Fetched.parse(
      await resolve(
        strict,
        'egress/fetch',
        { url: `${host.url}/sites/partner/rest/api/3/serverInfo`, via: 'global' },
        { accountId: 'nobody' },
      ),
    );
    expect(result).toMatchObject({ error: { name: 'REQUEST_EGRESS_ALLOWLIST_ERR' } });
  } finally {
    await strict.close();
  }
});
