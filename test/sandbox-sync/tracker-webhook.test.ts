/**
 * The tracker-webhook web trigger in the sandbox host, through the real handlers: a GitHub `issues` event
 * (a real payload from @octokit/webhooks-examples) signed with the connection's webhook secret, or the
 * previous one during a rotation, marks the issue and queues a cycle that brings just that issue into
 * Jira; a burst on one issue queues one cycle. A missing or wrong signature (GitHub) or token (GitLab) is
 * a 401 that writes nothing and queues nothing; another repository's event is a 200 that does nothing.
 * GitHub is the connector's contract-checked fake, served over HTTP as a GitHub Enterprise server.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { ConnectionSchema } from '../../src/core/schema/connection';
import { parseAnswer } from '../../src/core/schema/resolver-answers';
import { DEFAULT_RULES } from '../../src/core/schema/default-rules';
import { keys } from '../../src/platform/kvs/keys';
import { MAX_BODY_BYTES } from '../../src/platform/webhook-body-limit';
import { createHost } from '../../sandbox/host';
import { FakeGitHub } from '../connectors/github/fake-github';
import { githubApi } from '../connectors/github/github-openapi';
import { API } from '../connectors/github/github-shapes';
import { serveFake } from './serve-fake';
import { World } from './world';

const SECRET = 'hook-secret-1';
const OLD_SECRET = 'hook-secret-0';

const Examples = z.array(z.object({ name: z.string(), examples: z.array(z.looseObject({})) }));
const examples = Examples.parse(
  JSON.parse(
    readFileSync(
      path.join(
        path.dirname(require.resolve('@octokit/webhooks-examples/package.json')),
        'api.github.com',
        'index.json',
      ),
      'utf8',
    ),
  ),
);
const IssuesEvent = z.looseObject({
  action: z.string(),
  issue: z.looseObject({ number: z.number() }),
  repository: z.looseObject({ full_name: z.string() }),
});
const example = IssuesEvent.parse(examples.find((e) => e.name === 'issues')?.examples[0]);

/** GitHub's real `issues` payload, about issue `number` of `repo`. */
const issuesEvent = (number: number, repo = 'acme/widgets') =>
  JSON.stringify({
    ...example,
    action: 'edited',
    issue: { ...example.issue, number },
    repository: { ...example.repository, full_name: repo },
  });

const sign = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** The fake behind an HTTP server, as GitHub Enterprise serves its API under /api/v3. */
const serveGitHub = (fake: FakeGitHub) =>
  serveFake(fake.fetch, (path) => `${API}${path.replace(/^\/api\/v3/, '')}`);

let w: World;
let github: FakeGitHub;
let server: Server;

function seed(id: string, remote: Record<string, string>, secrets: Record<string, string>) {
  const connection = ConnectionSchema.parse({
    id,
    name: id,
    localProject: 'DEMO',
    remote,
    // Only what the webhook brings in: nothing of DEMO's goes out in these tests.
    create: { toRemote: false, toLocal: true },
    rules: DEFAULT_RULES.github,
  });
  w.host.kvs.handle('/api/v1/set', { key: keys.connectionConfig(id), value: connection });
  for (const [name, value] of Object.entries(secrets))
    w.host.kvs.handle('/api/v1/secret/set', { key: keys.credential(id, name), value });
}

beforeAll(async () => {
  github = new FakeGitHub(await githubApi());
  server = await serveGitHub(github);
  const { port } = server.address() as AddressInfo;
  // Real queue delays (a second), so a burst of deliveries finds the first one's mark still there.
  w = new World(await createHost({ allowLocalEgress: true, queueDelayScale: 1 }));
  seed(
    'demo-github',
    { kind: 'github', baseUrl: `http://127.0.0.1:${port}`, project: 'acme/widgets' },
    { token: 'gh-token', webhookSecret: SECRET, previousWebhookSecret: OLD_SECRET },
  );
  seed(
    'demo-gitlab',
    { kind: 'gitlab', baseUrl: `http://127.0.0.1:${port}`, project: 'acme/widgets' },
    { token: 'gl-token', webhookSecret: SECRET },
  );
}, 120_000);

afterAll(async () => {
  await w.close();
  await new Promise((resolve) => server.close(resolve));
  expect(github.violations).toEqual([]);
});

const url = (connectionId: string) => `${w.host.webtriggerUrl('tracker-webhook')}/${connectionId}`;

async function post(connectionId: string, headers: Record<string, string>, body: string) {
  const res = await fetch(url(connectionId), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

const githubHeaders = (body: string, secret = SECRET): Record<string, string> => ({
  'X-GitHub-Event': 'issues',
  'X-Hub-Signature-256': sign(secret, body),
});

/** What the web trigger's invocations wrote to KVS and pushed to the queue since `seq`. */
function writesSince(seq: number) {
  const mine = w.host.requests(seq).filter((r) => r.functionKey === 'on-tracker-webhook');
  return {
    kvsSets: mine.filter((r) => r.target === 'kvs' && r.kvsOp === 'set').length,
    pushes: mine.filter((r) => r.target === 'queue').length,
  };
}
const lastRequest = () => w.host.requests().at(-1)?.seq ?? 0;
const consumerRunsSince = (seq: number) =>
  w.host.invocations(seq).filter((i) => i.functionKey === 'on-sync-work').length;
const lastInvocation = () => w.host.invocations().at(-1)?.seq ?? 0;
const demoIssue = async (summary: string) => (await w.all('local')).find((i) => i.fields.summary === summary);

it('brings the issue a signed event names into Jira at once, and only that issue', async () => {
  const named = github.userCreate({ title: 'Named by the webhook', body: 'It **breaks**' });
  github.userCreate({ title: 'Not named by any webhook' });
  const before = lastRequest();

  const body = issuesEvent(named.number);
  const first = await post('demo-github', githubHeaders(body), body);
  // The same save often sends several events: the second finds the mark and queues nothing more.
  const second = await post('demo-github', githubHeaders(body), body);
  expect(first).toEqual({ status: 202, body: { accepted: true, issues: [String(named.number)] } });
  expect(second.status).toBe(202);
  expect(writesSince(before)).toEqual({ kvsSets: 2, pushes: 1 });

  await w.settle();
  const copy = await demoIssue('Named by the webhook');
  expect(copy).toBeDefined();
  expect(await demoIssue('Not named by any webhook')).toBeUndefined();
  expect(w.failedInvocations()).toEqual([]);
  // The cycle cleared the mark, so the next edit queues again.
  const mark = w.host.kvs.handle('/api/v1/get', {
    key: keys.trackerWebhookPending('demo-github', String(named.number)),
  });
  expect(mark.status).toBe(404);
});

it('accepts the previous secret during a rotation', async () => {
  const issue = github.userCreate({ title: 'Signed with the old secret' });
  const body = issuesEvent(issue.number);
  expect((await post('demo-github', githubHeaders(body, OLD_SECRET), body)).status).toBe(202);
  await w.settle();
  expect(await demoIssue('Signed with the old secret')).toBeDefined();
});

it('refuses a missing or wrong signature with 401 and processes nothing', async () => {
  const issue = github.userCreate({ title: 'Forged' });
  const body = issuesEvent(issue.number);
  const before = lastRequest();
  const runs = lastInvocation();

  const missing = await post('demo-github', { 'X-GitHub-Event': 'issues' }, body);
  const wrong = await post('demo-github', githubHeaders(body, 'guessed'), body);
  const tampered = await post('demo-github', githubHeaders(body), body.replace('edited', 'deleted'));
  expect(missing).toEqual({ status: 401, body: { error: 'missing X-Hub-Signature-256' } });
  expect(wrong.status).toBe(401);
  expect(tampered.status).toBe(401);
  // GitLab's token, compared in constant time as well.
  const note = JSON.stringify({ object_kind: 'issue', project: { path_with_namespace: 'acme/widgets' } });
  for (const token of [undefined, 'guessed']) {
    const answer = await post(
      'demo-gitlab',
      { 'X-Gitlab-Event': 'Issue Hook', ...(token ? { 'X-Gitlab-Token': token } : {}) },
      note,
    );
    expect(answer.status).toBe(401);
  }

  await w.settle();
  expect(writesSince(before)).toEqual({ kvsSets: 0, pushes: 0 });
  expect(consumerRunsSince(runs)).toBe(0);
  expect(await demoIssue('Forged')).toBeUndefined();
});

it('refuses a signed body over 5 MB with 413 before reading it, and takes one just under', async () => {
  const issue = github.userCreate({ title: 'Padded event' });
  const event = issuesEvent(issue.number);
  /** The signed event with a padding field that brings it to exactly `bytes` bytes. */
  const padded = (bytes: number) => {
    const shell = `${event.slice(0, -1)},"padding":""}`;
    return `${event.slice(0, -1)},"padding":"${'x'.repeat(bytes - Buffer.byteLength(shell))}"}`;
  };
  const before = lastRequest();
  const over = padded(MAX_BODY_BYTES + 1);
  expect(Buffer.byteLength(over)).toBe(MAX_BODY_BYTES + 1);
  const refused = await post('demo-github', githubHeaders(over), over);
  expect(refused).toEqual({
    status: 413,
    body: { error: `body of ${MAX_BODY_BYTES + 1} bytes is over the limit of ${MAX_BODY_BYTES} bytes` },
  });
  expect(writesSince(before)).toEqual({ kvsSets: 0, pushes: 0 });
  const under = padded(MAX_BODY_BYTES);
  expect((await post('demo-github', githubHeaders(under), under)).status).toBe(202);
  await w.settle();
  expect(await demoIssue('Padded event')).toBeDefined();
}, 60_000);

it("takes GitHub's form-encoded delivery (payload=…), signed over the raw form body", async () => {
  const issue = github.userCreate({ title: 'Sent form-encoded' });
  const form = new URLSearchParams({ payload: issuesEvent(issue.number) }).toString();
  const answer = await post(
    'demo-github',
    { ...githubHeaders(form), 'Content-Type': 'application/x-www-form-urlencoded' },
    form,
  );
  expect(answer).toEqual({ status: 202, body: { accepted: true, issues: [String(issue.number)] } });
  await w.settle();
  expect(await demoIssue('Sent form-encoded')).toBeDefined();
});

it('does nothing for another repository’s event, an unknown connection or a GET', async () => {
  const before = lastRequest();
  const body = issuesEvent(1, 'someone/else');
  const other = await post('demo-github', githubHeaders(body), body);
  expect(other).toEqual({
    status: 200,
    body: { accepted: false, reason: 'an event of someone/else, not acme/widgets' },
  });
  expect((await post('no-such-connection', githubHeaders(body), body)).status).toBe(404);
  expect((await fetch(url('demo-github'))).status).toBe(405);
  expect(writesSince(before)).toEqual({ kvsSets: 0, pushes: 0 });
});

it('gives the settings page each connection’s webhook URL, the one the deliveries above used', async () => {
  const users = z
    .record(z.string(), z.looseObject({ email: z.string().nullable(), accountId: z.string() }))
    .parse(w.host.emulator.site('local').state.users);
  const admin = Object.values(users).find((u) => u.email === 'admin@example.com');
  const reply = await w.host.invoke('connections/list', {
    moduleKey: 'tandem-project-settings',
    accountId: admin?.accountId ?? '',
    payload: {},
    context: { accountId: admin?.accountId ?? '', extension: { project: { key: 'DEMO' } } },
  });
  if (!reply.body.ok) throw new Error(reply.body.error.message);
  const answer = parseAnswer('connections/list', reply.body.result);
  if (!answer.ok) throw new Error(answer.error.message);
  const urls = Object.fromEntries(answer.data.connections.map((c) => [c.connection.id, c.webhookUrl]));
  expect(urls).toEqual({ 'demo-github': url('demo-github'), 'demo-gitlab': url('demo-gitlab') });
});
