/**
 * GitLab's half of the tracker-webhook path, end to end in the sandbox host: GitLab's own Issue Hook and
 * Note Hook payloads (../shared/contracts/gitlab-webhooks), pointed at the connection's project and sent
 * with its X-Gitlab-Token, bring the issue they name into Jira through the real handlers and the GitLab
 * connector (gitbeaker) reading the route-checked fake GitLab over HTTP.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ConnectionSchema } from '../../src/core/schema/connection';
import { DEFAULT_RULES } from '../../src/core/schema/default-rules';
import { keys } from '../../src/platform/kvs/keys';
import { createHost } from '../../sandbox/host';
import { FakeGitLab } from '../connectors/gitlab/fake-gitlab';
import { serveFake } from './serve-fake';
import { World } from './world';

const TOKEN = 'gitlab-hook-token';
const CONTRACTS = path.join(__dirname, '../../../shared/contracts/gitlab-webhooks');
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(CONTRACTS, name), 'utf8')) as Record<string, unknown>;

const serveGitLab = (fake: FakeGitLab) => serveFake(fake.fetch, (path) => `http://gitlab.test${path}`);

let w: World;
let gitlab: FakeGitLab;
let server: Server;

beforeAll(async () => {
  gitlab = new FakeGitLab('acme/widgets');
  server = await serveGitLab(gitlab);
  const { port } = server.address() as AddressInfo;
  w = new World(await createHost({ allowLocalEgress: true, queueDelayScale: 0.01 }));
  const connection = ConnectionSchema.parse({
    id: 'demo-gitlab',
    name: 'GitLab',
    localProject: 'DEMO',
    remote: { kind: 'gitlab', baseUrl: `http://127.0.0.1:${port}`, project: 'acme/widgets' },
    create: { toRemote: false, toLocal: true },
    // Assignee needs a user map these tests do not set up.
    rules: DEFAULT_RULES.gitlab.filter((r) => !(r.kind === 'two-way' && r.local === 'assignee')),
  });
  w.host.kvs.handle('/api/v1/set', { key: keys.connectionConfig(connection.id), value: connection });
  for (const [name, value] of Object.entries({ token: 'glpat-test', webhookSecret: TOKEN }))
    w.host.kvs.handle('/api/v1/secret/set', { key: keys.credential(connection.id, name), value });
}, 120_000);

afterAll(async () => {
  await w.close();
  await new Promise((resolve) => server.close(resolve));
  expect(gitlab.violations).toEqual([]);
});

/** GitLab's fixture, about issue `iid` of acme/widgets. */
function aboutIssue(name: string, iid: number): string {
  const hook = fixture(name);
  const project = { ...(hook.project as object), path_with_namespace: 'acme/widgets' };
  if (hook.object_kind === 'issue')
    return JSON.stringify({
      ...hook,
      project,
      object_attributes: { ...(hook.object_attributes as object), iid },
    });
  return JSON.stringify({ ...hook, project, issue: { ...(hook.issue as object), iid } });
}

async function deliver(event: string, body: string, token = TOKEN) {
  const res = await fetch(`${w.host.webtriggerUrl('tracker-webhook')}/demo-gitlab`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Gitlab-Event': event, 'X-Gitlab-Token': token },
    body,
  });
  return res.status;
}

const demoIssue = async (summary: string) => (await w.all('local')).find((i) => i.fields.summary === summary);

it('an Issue Hook with the right token brings that issue into Jira, and only it', async () => {
  const named = gitlab.userCreate({ title: 'Named by GitLab', description: 'It *breaks* on save' });
  gitlab.userCreate({ title: 'Not named by GitLab' });
  expect(await deliver('Issue Hook', aboutIssue('issue.json', named.iid))).toBe(202);
  await w.settle();
  expect(await demoIssue('Named by GitLab')).toBeDefined();
  expect(await demoIssue('Not named by GitLab')).toBeUndefined();
  expect(w.failedInvocations()).toEqual([]);
});

it('a Note Hook on an issue brings its comment, and a wrong token brings nothing', async () => {
  const issue = gitlab.userCreate({ title: 'Commented in GitLab' });
  gitlab.userNote(issue.iid, 'Seen on 4.2 as well');
  expect(await deliver('Note Hook', aboutIssue('note_issue.json', issue.iid), 'guessed')).toBe(401);
  await w.settle();
  expect(await demoIssue('Commented in GitLab')).toBeUndefined();

  expect(await deliver('Note Hook', aboutIssue('note_issue.json', issue.iid))).toBe(202);
  await w.settle();
  const copy = await demoIssue('Commented in GitLab');
  expect(JSON.stringify(copy?.fields.comment)).toContain('Seen on 4.2 as well');
});
