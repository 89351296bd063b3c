/**
 * Jira ↔ Azure DevOps Boards end to end in the sandbox host: the real handlers, the Azure DevOps connector
 * over HTTP, and the fake organization (sandbox/azure-devops) whose every request and answer is checked
 * against Microsoft's work item tracking description. A DEMO issue, its comment and its attachment reach
 * Azure DevOps and come back edited; a service-hook delivery with a wrong password is refused and changes
 * nothing, the right one brings the work item it names.
 */
import { ConnectionSchema } from '../../src/core/schema/connection';
import { DEFAULT_RULES } from '../../src/core/schema/default-rules';
import { keys } from '../../src/platform/kvs/keys';
import { createHost } from '../../sandbox/host';
import type { FakeAzureDevOps } from '../../sandbox/azure-devops/fake-azure-devops';
import { startFake } from '../connectors/azure-devops/ado-world';
import { World } from './world';

const HOOK_PASSWORD = 'service-hook-password';
const AUTH = `Basic ${Buffer.from('admin@example.com:admin-token').toString('base64')}`;

let w: World;
let ado: FakeAzureDevOps;

beforeAll(async () => {
  ado = await startFake();
  w = new World(await createHost({ allowLocalEgress: true, queueDelayScale: 0.01, contract: true }));
  const connection = ConnectionSchema.parse({
    id: 'demo-azure',
    name: 'Azure DevOps',
    localProject: 'DEMO',
    remote: { kind: 'azure-devops', baseUrl: ado.organizationUrl, project: ado.project },
    // Assignee needs a user map these tests do not set up.
    rules: DEFAULT_RULES['azure-devops'].filter((r) => !(r.kind === 'two-way' && r.local === 'assignee')),
  });
  w.host.kvs.handle('/api/v1/set', { key: keys.connectionConfig(connection.id), value: connection });
  for (const [name, value] of Object.entries({ personalAccessToken: ado.pat, webhookSecret: HOOK_PASSWORD }))
    w.host.kvs.handle('/api/v1/secret/set', { key: keys.credential(connection.id, name), value });
}, 120_000);

afterAll(async () => {
  await w.close();
  await ado.stop();
  expect(ado.violations).toEqual([]);
});

const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

async function attach(key: string, filename: string, content: string): Promise<void> {
  const boundary = 'tandem-boundary';
  const body = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  );
  const res = await fetch(`${w.host.url}/sites/local/rest/api/3/issue/${key}/attachments`, {
    method: 'POST',
    headers: {
      Authorization: AUTH,
      'X-Atlassian-Token': 'no-check',
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
    },
    body,
  });
  if (res.status !== 200) throw new Error(`attach failed: ${res.status} ${await res.text()}`);
}

/** The work item whose title is `title`, as the fake holds it. */
function workItem(title: string) {
  for (let id = 1; id < 1000; id++) {
    const rev = ado.current(id);
    if (rev?.fields['System.Title'] === title) return { id, rev };
  }
  return undefined;
}

const demoIssue = async (summary: string) => (await w.all('local')).find((i) => i.fields.summary === summary);

it('a DEMO issue, its comment and attachment reach Azure DevOps, and come back edited', async () => {
  const { key } = await w.create('local', 'Paint peels', { description: adf('It peels after a week') });
  await w.comment('local', key, 'Seen on the north wall');
  await attach(key, 'photo.txt', 'pretend this is a photo');
  await w.settle();
  await w.cycle();

  const copy = workItem('Paint peels');
  expect(copy).toBeDefined();
  if (!copy) return;
  expect(copy.rev.fields['System.Description']).toBe('<p>It peels after a week</p>');
  expect(copy.rev.fields['System.State']).toBe('New');
  expect(String(copy.rev.fields['System.Tags'])).toMatch(/^tandem-origin:/);
  const comments = ado.commentsOf(copy.id);
  expect(comments.map((c) => c.text).join('\n')).toContain('Seen on the north wall');
  const files = copy.rev.relations.filter((r) => r.rel === 'AttachedFile');
  expect(files.map((r) => r.attributes.name)).toEqual(['photo.txt']);
  const attachmentId = files[0]?.url.split('?')[0]?.split('/').pop() ?? '';
  expect(Buffer.from(ado.attachmentBytes(attachmentId) ?? []).toString()).toBe('pretend this is a photo');

  // A person works the item in Azure DevOps: a new title, a description, the state, a reply.
  ado.userEdit(copy.id, {
    'System.Title': 'Paint peels on the north wall',
    'System.Description': '<div>It peels after <b>three days</b></div>',
    'System.State': 'Active',
  });
  ado.userComment(copy.id, '<div>Primer was skipped</div>');
  await w.cycle();

  const back = await demoIssue('Paint peels on the north wall');
  expect(back?.key).toBe(key);
  expect(back?.fields.status.name).toBe('In Progress');
  expect(JSON.stringify(back?.fields.comment)).toContain('Primer was skipped');
  const description = await w.rest('local', 'GET', `/rest/api/3/issue/${key}?fields=description`);
  expect(JSON.stringify(description.json)).toContain('three days');
  // Quiet afterwards: one more cycle writes nothing to Azure DevOps.
  const revBefore = ado.current(copy.id)?.rev;
  await w.cycle();
  expect(ado.current(copy.id)?.rev).toBe(revBefore);
  expect(w.failedInvocations()).toEqual([]);
}, 120_000);

async function deliver(body: unknown, password: string) {
  const res = await fetch(`${w.host.webtriggerUrl('tracker-webhook')}/demo-azure`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from(`hooks:${password}`).toString('base64')}`,
    },
    body: JSON.stringify(body),
  });
  return res.status;
}

/** A `workitem.updated` delivery as the service sends it (service-hook events reference, "Work item updated"). */
const updated = (id: number) => ({
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  notificationId: 4,
  id: '27646e0e-b520-4d2b-9411-bba7524947cd',
  eventType: 'workitem.updated',
  publisherId: 'tfs',
  message: { text: `User Story #${id} updated` },
  resource: {
    id: 2,
    workItemId: id,
    rev: 2,
    fields: { 'System.Title': { oldValue: 'a', newValue: 'b' } },
    revision: { id, rev: 2, fields: { 'System.TeamProject': ado.project, 'System.Title': 'b' } },
  },
  resourceVersion: '1.0',
  resourceContainers: { project: { id: '56479caf-1eeb-4bca-86ab-aaa6f29399d9' } },
  createdDate: new Date(ado.ms).toISOString(),
});

it('a service hook with a wrong password is refused and changes nothing; the right one brings the item', async () => {
  const id = ado.userCreate({ 'System.Title': 'Raised in Boards' });
  expect(await deliver(updated(id), 'guessed')).toBe(401);
  await w.settle();
  expect(await demoIssue('Raised in Boards')).toBeUndefined();

  expect(await deliver(updated(id), HOOK_PASSWORD)).toBe(202);
  await w.settle();
  expect(await demoIssue('Raised in Boards')).toBeDefined();
  expect(w.failedInvocations()).toEqual([]);
}, 120_000);
