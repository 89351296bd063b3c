/** The control API under /_sandbox/api: the contract tests, tools and benchmarks rely on. */
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

afterEach(async () => {
  await call(host, 'DELETE', '/_sandbox/api/faults');
});

test('GET /health lists sites, functions and modules', async () => {
  const answer = await call(host, 'GET', '/_sandbox/api/health');
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({
    ok: true,
    sites: ['local', 'partner'],
    functions: ['on-event', 'on-tick', 'on-work', 'on-slow', 'on-hook', 'panel-resolver'],
  });
  const modules = z.object({ modules: z.array(z.unknown()) }).parse(answer.body).modules;
  expect(modules).toContainEqual({ kind: 'trigger', key: 'issue-events', function: 'on-event' });
  expect(modules).toContainEqual({ kind: 'consumer', key: 'work-consumer', function: 'on-work' });
  expect(modules).toContainEqual({ kind: 'jira:issuePanel', key: 'test-panel', function: 'panel-resolver' });
});

test('GET /demo gives site URLs with credentials, and empty connection and git integration lists', async () => {
  const answer = await call(host, 'GET', '/_sandbox/api/demo');
  expect(answer.body).toMatchObject({ connections: [], gitIntegrations: [] });
  const Site = z.looseObject({
    name: z.string(),
    baseUrl: z.string(),
    installed: z.boolean(),
    users: z.array(z.unknown()),
  });
  const sites = z.object({ sites: z.array(Site) }).parse(answer.body).sites;
  const local = sites.find((s) => s.name === 'local');
  expect(local).toMatchObject({ baseUrl: `${host.url}/sites/local`, installed: true });
  expect(local?.users).toContainEqual(
    expect.objectContaining({
      email: DEMO_USERS.admin.email,
      apiToken: DEMO_USERS.admin.apiToken,
      admin: true,
    }),
  );
  expect(sites.find((s) => s.name === 'partner')).toMatchObject({
    baseUrl: `${host.url}/sites/partner`,
    installed: false,
  });
});

test('POST /scheduled/<key>/run runs the scheduled trigger with Forge’s request', async () => {
  const answer = await call(host, 'POST', '/_sandbox/api/scheduled/tick/run');
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({
    outcome: 'ok',
    invocation: { functionKey: 'on-tick', moduleKind: 'scheduledTrigger', limitMs: 55_000 },
  });
  expect(kvsValues(host, 'tick:')).toEqual([{ cloudId: host.cloudId, moduleKey: 'tick' }]);
  expect((await call(host, 'POST', '/_sandbox/api/scheduled/nope/run')).status).toBe(404);
});

test('POST /settle answers 504 with the pending counts while work is still queued', async () => {
  await resolve(host, 'queue/push', {
    queue: 'work',
    events: [{ body: { id: 'held' }, delayInSeconds: 30 }],
  });
  const early = await call(host, 'POST', '/_sandbox/api/settle?timeoutMs=20');
  expect(early.status).toBe(504);
  expect(early.body).toMatchObject({ settled: false, pending: { queue: 1 } });
  const later = await call(host, 'POST', '/_sandbox/api/settle?timeoutMs=3000');
  expect(later.body).toMatchObject({ settled: true, pending: { queue: 0, events: 0, invocations: 0 } });
  expect((await call(host, 'POST', '/_sandbox/api/settle?timeoutMs=-1')).status).toBe(400);
});

test('POST /settle lists what is still pending: an event delayed by a retry, and one pushed with a delay', async () => {
  // 300 s scaled by the tests' queueDelayScale (0.01): both wait about 3 s.
  await resolve(host, 'queue/push', {
    queue: 'work',
    events: [
      { body: { id: 'retried-later', failTimes: 1, retryAfter: 300 } },
      { body: { id: 'pushed-later' }, delayInSeconds: 300 },
    ],
  });
  await new Promise((r) => setTimeout(r, 300)); // the first delivery of 'retried-later' asks for its retry
  const early = await call(host, 'POST', '/_sandbox/api/settle?timeoutMs=20');
  expect(early.status).toBe(504);
  expect(early.body).toMatchObject({ settled: false, pending: { queue: 2 } });
  const events = z
    .object({ events: z.array(z.looseObject({ body: z.looseObject({ id: z.string() }) })) })
    .parse(early.body).events;
  const byId = new Map(events.map((e) => [e.body.id, e]));
  expect(byId.get('retried-later')).toMatchObject({
    state: 'waiting',
    delayedBy: 'retry',
    retryCount: 1,
    retryReason: 'FUNCTION_RETRY_REQUEST',
  });
  expect(byId.get('pushed-later')).toMatchObject({ state: 'waiting', delayedBy: 'delay', retryCount: 0 });
  for (const e of events) expect(e).toMatchObject({ dueInMs: expect.any(Number) as unknown });
  const later = await call(host, 'POST', '/_sandbox/api/settle?timeoutMs=10000');
  expect(later.body).toMatchObject({ settled: true, events: [] });
});

test('GET /requests and /invocations page with `since`', async () => {
  const Page = z.looseObject({
    lastSeq: z.number(),
    requests: z.array(z.looseObject({ seq: z.number() })).optional(),
    invocations: z.array(z.looseObject({ seq: z.number() })).optional(),
  });
  const r0 = Page.parse((await call(host, 'GET', '/_sandbox/api/requests')).body).lastSeq;
  const i0 = Page.parse((await call(host, 'GET', '/_sandbox/api/invocations')).body).lastSeq;
  await resolve(host, 'jira/issue', { issueKey: 'DEMO-4' });
  const requests = await call(host, 'GET', `/_sandbox/api/requests?since=${r0}`);
  expect(requests.body).toMatchObject({
    requests: [
      {
        target: 'jira',
        site: 'local',
        method: 'GET',
        path: '/rest/api/3/issue/DEMO-4',
        status: 200,
        identity: 'app',
        functionKey: 'panel-resolver',
      },
    ],
    kvsOps: {},
  });
  const invocations = await call(host, 'GET', `/_sandbox/api/invocations?since=${i0}`);
  expect(invocations.body).toMatchObject({
    invocations: [{ functionKey: 'panel-resolver', moduleKind: 'resolver', outcome: 'ok', limitMs: 25_000 }],
  });
  const [record] = z
    .object({ invocations: z.array(z.looseObject({ rssPeakBytes: z.number() })) })
    .parse(invocations.body).invocations;
  expect(record?.rssPeakBytes).toBeGreaterThan(0);
  expect((await call(host, 'GET', '/_sandbox/api/requests?since=abc')).status).toBe(400);
});

test('POST /faults forwards Jira faults to the emulator and keeps host faults', async () => {
  const set = await call(host, 'POST', '/_sandbox/api/faults', {
    errorRate: 1,
    duplicateDeliveryRate: 0.5,
    site: 'local',
  });
  expect(set.body).toMatchObject({ host: { duplicateDeliveryRate: 0.5 }, jira: { local: { errorRate: 1 } } });
  const failed = await call(host, 'POST', '/_sandbox/api/invoke/jira/issue', {
    payload: { issueKey: 'DEMO-1' },
  });
  expect(failed.status).toBe(500);
  expect(host.requests().at(-1)).toMatchObject({ target: 'jira', status: 503 });
  expect((await call(host, 'GET', '/_sandbox/api/faults')).body).toMatchObject({
    jira: { local: { errorRate: 1 } },
  });
  expect((await call(host, 'DELETE', '/_sandbox/api/faults')).body).toEqual({
    host: {
      duplicateDeliveryRate: 0,
      killInvocationAfterMs: null,
      killRate: 0,
      killMinMs: 0,
      seed: 1,
      kvsErrorRate: 0,
      kvsStatus: 429,
      kvsFailNext: 0,
      kvsFunctionKey: null,
    },
    jira: {},
  });
  expect((await call(host, 'POST', '/_sandbox/api/faults', { kvsStatus: 418 })).status).toBe(400);
  expect((await call(host, 'POST', '/_sandbox/api/faults', { errorRate: 2 })).status).toBe(400);
  expect((await call(host, 'POST', '/_sandbox/api/faults', { surprise: true })).status).toBe(400);
  expect((await call(host, 'POST', '/_sandbox/api/faults', { latencyMs: 1, site: 'mars' })).status).toBe(404);
});

test("/rate-limits sets Jira's limits per site and shows the points charged and the 429s by reason", async () => {
  const set = await call(host, 'POST', '/_sandbox/api/rate-limits', {
    site: 'local',
    quotaPoints: 3,
    quotaWindowSeconds: 600,
    resetUsage: true,
  });
  expect(set.status).toBe(200);
  expect(set.body).toMatchObject({
    local: { settings: { quotaPoints: 3, quotaWindowSeconds: 600 }, window: { used: 0, remaining: 3 } },
    partner: { settings: { quotaPoints: null }, window: null },
  });
  // The fixture's resolver reads one issue as the app: 2 points (1 + the issue), then 2 more, then refused.
  const read = () =>
    call(host, 'POST', '/_sandbox/api/invoke/jira/issue', { payload: { issueKey: 'DEMO-1' } });
  expect((await read()).status).toBe(200);
  expect((await read()).status).toBe(200);
  expect((await read()).status).toBe(500);
  expect(host.requests().at(-1)).toMatchObject({ target: 'jira', status: 429 });
  expect((await call(host, 'GET', '/_sandbox/api/rate-limits')).body).toMatchObject({
    local: {
      window: { used: 4, remaining: 0 },
      totals: { points: 4, limited: { 'jira-quota-tenant-based': 1 } },
    },
  });
  const cleared = await call(host, 'POST', '/_sandbox/api/rate-limits', {
    quotaPoints: null,
    resetUsage: true,
  });
  expect(cleared.body).toMatchObject({ local: { window: null, totals: { points: 0 } } });
  expect((await read()).status).toBe(200);
  expect((await call(host, 'POST', '/_sandbox/api/rate-limits', { quotaPoints: -1 })).status).toBe(400);
  expect(
    (await call(host, 'POST', '/_sandbox/api/rate-limits', { burstPerSecond: 5, site: 'mars' })).status,
  ).toBe(404);
});

test('GET /devinfo answers the emulator’s stored development information for an issue', async () => {
  const answer = await call(host, 'GET', '/_sandbox/api/devinfo?issueKey=DEMO-1');
  expect(answer).toMatchObject({ status: 200, body: { site: 'local', issueKey: 'DEMO-1', devInfo: [] } });
  expect((await call(host, 'GET', '/_sandbox/api/devinfo')).status).toBe(400);
});

test('web trigger URLs can be listed and created through the API', async () => {
  const created = z
    .object({ url: z.string() })
    .parse((await call(host, 'POST', '/_sandbox/api/webtriggers/hook', {})).body);
  const listed = z
    .object({ urls: z.array(z.unknown()) })
    .parse((await call(host, 'GET', '/_sandbox/api/webtriggers')).body);
  expect(listed.urls).toContainEqual({ moduleKey: 'hook', url: created.url });
  expect((await fetch(created.url)).status).toBe(201);
  expect((await call(host, 'POST', '/_sandbox/api/webtriggers/unknown', {})).status).toBe(404);
});

test('the Jira REST API is mounted at /sites/<site>, behind basic auth', async () => {
  expect((await fetch(`${host.url}/sites/local/rest/api/3/myself`)).status).toBe(401);
  const auth = `Basic ${Buffer.from(`${DEMO_USERS.admin.email}:${DEMO_USERS.admin.apiToken}`).toString('base64')}`;
  const res = await fetch(`${host.url}/sites/local/rest/api/3/myself`, { headers: { authorization: auth } });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ emailAddress: DEMO_USERS.admin.email });
});

test('GET / is a page linking the API and the sites; unknown paths and methods are refused', async () => {
  const home = await call(host, 'GET', '/');
  expect(home.status).toBe(200);
  expect(home.headers.get('content-type')).toContain('text/html');
  expect(String(home.body)).toContain('/_sandbox/api/health');
  expect(String(home.body)).toContain(`${host.url}/sites/partner`);
  expect((await call(host, 'GET', '/nowhere')).status).toBe(404);
  expect((await call(host, 'GET', '/_sandbox/api/nowhere')).status).toBe(404);
  expect((await call(host, 'DELETE', '/_sandbox/api/health')).status).toBe(405);
  expect((await call(host, 'POST', '/_sandbox/api/invoke/context', { nonsense: 1 })).status).toBe(400);
});

test('routes added with addRoutes are served before the home page', async () => {
  host.addRoutes((req, res) => {
    if (req.url.pathname !== '/') return false;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('custom home');
    return true;
  });
  expect((await call(host, 'GET', '/')).body).toBe('custom home');
});
