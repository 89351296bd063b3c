/**
 * Jira product events reach `trigger` modules asynchronously; `filter.ignoreSelf` drops the ones the app's own
 * asApp calls caused, while changes by users (asUser, or through the site's REST API) fire the trigger.
 */
import { z } from 'zod';
import type { SandboxHost } from '../../sandbox/host';
import { DEMO_USERS } from '../../sandbox/jira';
import { basicAuth, call, kvsValues, resolve, startTestHost } from './helpers';

let host: SandboxHost;

beforeAll(async () => {
  host = await startTestHost();
});

afterAll(async () => {
  await host.close();
});

const Recorded = z.object({
  eventType: z.string(),
  selfGenerated: z.boolean(),
  issueKey: z.string().nullable(),
  installContext: z.string().nullable(),
});
const eventsFor = (issueKey: string): z.infer<typeof Recorded>[] =>
  kvsValues(host, 'event:')
    .map((v) => Recorded.parse(v))
    .filter((e) => e.issueKey === issueKey);

async function settle(): Promise<void> {
  expect((await call(host, 'POST', '/_sandbox/api/settle?timeoutMs=5000')).status).toBe(200);
}

test('an issue created asApp fires no trigger with ignoreSelf', async () => {
  const created = z
    .object({ status: z.number(), key: z.string() })
    .parse(await resolve(host, 'jira/create-as-app'));
  expect(created.status).toBe(201);
  await settle();
  expect(eventsFor(created.key)).toEqual([]);
  expect(host.invocations().filter((i) => i.moduleKind === 'trigger')).toEqual([]);
});

test('an issue created asUser fires the trigger with the Forge payload and install context', async () => {
  const created = z.object({ key: z.string() }).parse(await resolve(host, 'jira/create-as-user'));
  await settle();
  expect(eventsFor(created.key)).toEqual([
    {
      eventType: 'avi:jira:created:issue',
      selfGenerated: false,
      issueKey: created.key,
      installContext: `ari:cloud:jira::site/${host.cloudId}`,
    },
  ]);
});

/** A person (not the app) comments through a site's REST API. */
const commentAsUser = (site: 'local' | 'partner', key: string, text: string) =>
  fetch(`${host.url}/sites/${site}/rest/api/3/issue/${key}/comment`, {
    method: 'POST',
    headers: {
      authorization: basicAuth(DEMO_USERS.user.email, DEMO_USERS.user.apiToken),
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    }),
  });

test('a user’s comment through the site REST API fires `commented:issue`', async () => {
  const res = await commentAsUser('local', 'DEMO-3', 'hi');
  expect(res.status).toBe(201);
  await settle();
  expect(eventsFor('DEMO-3').map((e) => e.eventType)).toEqual(['avi:jira:commented:issue']);
  const health = z
    .object({
      productEvents: z.object({ received: z.number(), delivered: z.number(), ignoredSelf: z.number() }),
    })
    .parse((await call(host, 'GET', '/_sandbox/api/health')).body);
  expect(health.productEvents.ignoredSelf).toBeGreaterThanOrEqual(1);
  expect(health.productEvents.delivered).toBeGreaterThanOrEqual(2);
});

test('changes on another site are not the installed app’s events', async () => {
  const before = kvsValues(host, 'event:').length;
  const res = await commentAsUser('partner', 'PARTNER-1', 'x');
  expect(res.status).toBe(201);
  await settle();
  expect(kvsValues(host, 'event:')).toHaveLength(before);
});
