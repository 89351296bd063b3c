/**
 * The real @forge/api, @forge/kvs and @forge/resolver packages, unmodified, reaching the sandbox through the
 * globals the host provides.
 */
import { z } from 'zod';
import type { SandboxHost } from '../../sandbox/host';
import { DEMO_USERS } from '../../sandbox/jira';
import { call, kvsValues, resolve, startTestHost } from './helpers';

let host: SandboxHost;

beforeAll(async () => {
  host = await startTestHost();
});

afterAll(async () => {
  await host.close();
});

const accountOf = (email: string): string => {
  const user = host.emulator.site('local').userByEmail(email);
  if (!user) throw new Error(`no user ${email}`);
  return user.accountId;
};

test('asApp().requestJira(route`...`) reaches the emulator and is logged as the app', async () => {
  const since = host.requests().at(-1)?.seq ?? 0;
  await expect(resolve(host, 'jira/issue', { issueKey: 'DEMO-1' })).resolves.toEqual({
    status: 200,
    key: 'DEMO-1',
    summary: 'Login page rejects valid passwords',
  });
  const jira = host.requests(since).filter((r) => r.target === 'jira');
  expect(jira).toEqual([
    expect.objectContaining({
      site: 'local',
      method: 'GET',
      path: '/rest/api/3/issue/DEMO-1',
      status: 200,
      identity: 'app',
    }),
  ]);
});

test('asUser() acts as the invoking user, and concurrent invocations keep their own context', async () => {
  const admin = accountOf(DEMO_USERS.admin.email);
  const user = accountOf(DEMO_USERS.user.email);
  await expect(resolve(host, 'jira/myself', undefined, { accountId: user })).resolves.toMatchObject({
    accountId: user,
  });

  const [a, b] = await Promise.all([
    resolve(host, 'jira/slow-myself', undefined, { accountId: admin }),
    resolve(host, 'jira/slow-myself', undefined, { accountId: user }),
  ]);
  const Seen = z.object({ accountId: z.string(), invocationId: z.string() });
  const seenA = Seen.parse(a);
  const seenB = Seen.parse(b);
  expect(seenA.accountId).toBe(admin);
  expect(seenB.accountId).toBe(user);
  expect(seenA.invocationId).not.toBe(seenB.invocationId);
});

test('@forge/kvs reads and writes through the host, counted by operation', async () => {
  const before = z
    .record(z.string(), z.number())
    .parse(
      z.looseObject({ kvsOps: z.unknown() }).parse((await call(host, 'GET', '/_sandbox/api/requests')).body)
        .kvsOps,
    );
  await expect(resolve(host, 'kvs/roundtrip', { value: 'hello' })).resolves.toEqual({ read: 'hello' });
  expect(kvsValues(host, 'greeting')).toEqual(['hello']);
  const after = z
    .record(z.string(), z.number())
    .parse(
      z.looseObject({ kvsOps: z.unknown() }).parse((await call(host, 'GET', '/_sandbox/api/requests')).body)
        .kvsOps,
    );
  expect((after.set ?? 0) - (before.set ?? 0)).toBe(1);
  expect((after.get ?? 0) - (before.get ?? 0)).toBe(1);
});

test('a resolver gets Forge’s request shape: payload, context with accountId, extension, app context', async () => {
  const admin = accountOf(DEMO_USERS.admin.email);
  const result = await resolve(host, 'context', undefined, {
    context: { extension: { issue: { key: 'DEMO-2' } } },
  });
  expect(result).toMatchObject({
    accountId: admin,
    moduleKey: 'test-panel',
    extension: { type: 'jira:issuePanel', issue: { key: 'DEMO-2' } },
    appAri: 'ari:cloud:ecosystem::app/11111111-2222-4333-8444-555555555555',
    environmentType: 'DEVELOPMENT',
    moduleKey2: 'test-panel',
  });
  const remaining = z.object({ remainingMs: z.number() }).parse(result).remainingMs;
  expect(remaining).toBeGreaterThan(20_000);
  expect(remaining).toBeLessThanOrEqual(25_000);
});

test('a failing resolver answers 500 with the error and is recorded', async () => {
  const answer = await call(host, 'POST', '/_sandbox/api/invoke/fail', {});
  expect(answer.status).toBe(500);
  expect(answer.body).toMatchObject({
    ok: false,
    error: { message: 'Error: resolver failed on purpose' },
    invocation: { outcome: 'error' },
  });
});

test('webTrigger.getUrl returns a host URL that runs the web trigger with Forge’s request and response shapes', async () => {
  const urls = z
    .object({ url: z.string(), again: z.string(), fresh: z.string() })
    .parse(await resolve(host, 'webtrigger/url'));
  expect(urls.url.startsWith(`${host.url}/x1/`)).toBe(true);
  expect(urls.again).toBe(urls.url);
  expect(urls.fresh).not.toBe(urls.url);

  const res = await fetch(`${urls.url}/extra/path?a=1&a=2&b=x`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-custom': 'v' },
    body: '{"hello":"world"}',
  });
  expect(res.status).toBe(201);
  expect(res.headers.get('x-echo')).toBe('one, two');
  expect(await res.json()).toMatchObject({
    method: 'POST',
    userPath: '/extra/path',
    headers: { 'content-type': ['application/json'], 'x-custom': ['v'] },
    queryParameters: { a: ['1', '2'], b: ['x'] },
    body: '{"hello":"world"}',
    installContext: `ari:cloud:jira::site/${host.cloudId}`,
  });

  const deleted = z
    .object({ urls: z.array(z.object({ moduleKey: z.string(), url: z.string() })) })
    .parse(await resolve(host, 'webtrigger/delete', { url: urls.fresh }));
  expect(deleted.urls.map((u) => u.url)).not.toContain(urls.fresh);
  expect((await fetch(urls.fresh, { method: 'POST', body: '{}' })).status).toBe(404);
  // The `/x/<id>` form reaches the same trigger.
  expect((await fetch(urls.url.replace('/x1/', '/x/'), { method: 'POST', body: '{}' })).status).toBe(201);
});
