/**
 * The hierarchy on Jira Data Center, over HTTP against the emulator's Data Center site: a standard issue's
 * epic is the Epic Link custom field (`com.pyxis.greenhopper.jira:gh-epic-link`, the epic's key), a sub-task's
 * parent is `parent`, given at create and not editable by REST. Each write is checked on the site itself
 * (the Epic Link as GET /rest/api/2/issue answers it, the sub-task's parent as stored), then read back.
 */
import { PartialWriteError, TrackerError } from '../../../src/core/errors';
import { PARENT_PATH } from '../../../src/core/model';
import { JiraTracker } from '../../../src/connectors/jira/jira-tracker';
import { remoteJiraTransport } from '../../../src/connectors/jira/remote-transport';
import { EPIC_LINK_FIELD_ID } from '../../../sandbox/jira/domain/epic-link';
import { DEMO_USERS, JiraEmulator, serveJiraEmulator, type JiraHttpServer } from '../../../sandbox/jira';
import type { Site } from '../../../sandbox/jira';
import { nodeFetch } from '../node-fetch';

let emulator: JiraEmulator;
let server: JiraHttpServer;
let site: Site;
let tracker: JiraTracker;
const sent: string[] = [];
const auth = { Authorization: `Bearer ${DEMO_USERS.admin.apiToken}` };

beforeAll(async () => {
  emulator = new JiraEmulator({ contract: true });
  site = emulator.addSite('dc', { flavor: 'data-center' });
  const admin = site.addUser({ ...DEMO_USERS.admin });
  site.addProject({ key: 'DC', name: 'Data Center', leadAccountId: admin.accountId });
  server = await serveJiraEmulator(emulator);
  const base = server.siteUrl('dc');
  tracker = new JiraTracker({
    transport: remoteJiraTransport(
      base,
      { kind: 'data-center', personalAccessToken: DEMO_USERS.admin.apiToken },
      (url, init) => {
        sent.push(`${init.method} ${new URL(url).pathname.replace(/^\/sites\/dc/, '')}`);
        return nodeFetch(url, init);
      },
    ),
    label: 'Jira DC (test)',
    browseBase: base,
    project: 'DC',
    flavor: 'data-center',
  });
});

afterAll(async () => {
  await server.close();
});

/** The issue as the Data Center site answers it over REST. */
async function onSite(key: string, fields: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.siteUrl('dc')}/rest/api/2/issue/${key}?fields=${fields}`, {
    headers: auth,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { fields: Record<string, unknown> }).fields;
}

async function read(id: string) {
  const [issue] = await tracker.getIssues([id]);
  if (!issue) throw new Error(`issue ${id} not read`);
  return issue;
}

it('lists the Epic Link in /field and answers issue types without hierarchyLevel, as Data Center does', async () => {
  const res = await fetch(`${server.siteUrl('dc')}/rest/api/2/field`, { headers: auth });
  const fields = (await res.json()) as { id: string; schema?: { custom?: string } }[];
  expect(fields.find((f) => f.schema?.custom === 'com.pyxis.greenhopper.jira:gh-epic-link')?.id).toBe(
    EPIC_LINK_FIELD_ID,
  );
  const epic = await tracker.createIssue({ summary: 'An epic', issuetype: 'Epic' }, 'o:e0');
  const type = (await onSite(epic.key, 'issuetype')).issuetype as Record<string, unknown>;
  expect(type).toMatchObject({ name: 'Epic', subtask: false });
  expect(type).not.toHaveProperty('hierarchyLevel');
});

it('sets, moves and removes an epic through the Epic Link, as the site and reads then show', async () => {
  const first = await tracker.createIssue({ summary: 'Epic one', issuetype: 'Epic' }, 'o:e1');
  const second = await tracker.createIssue({ summary: 'Epic two', issuetype: 'Epic' }, 'o:e2');
  expect(first.hierarchy).toEqual({ parent: null, level: 1 });

  const story = await tracker.createIssue(
    { summary: 'A story', issuetype: 'Story', [PARENT_PATH]: first.id },
    'o:s1',
  );
  expect(story.unwritten).toBeUndefined();
  expect(await onSite(story.key, `parent,${EPIC_LINK_FIELD_ID}`)).toEqual({
    [EPIC_LINK_FIELD_ID]: first.key,
  });
  expect(story.hierarchy).toEqual({ parent: { id: first.id, key: first.key }, level: 0 });

  expect(await tracker.updateIssue(story.id, { [PARENT_PATH]: second.id })).toEqual({
    [PARENT_PATH]: second.id,
  });
  expect((await onSite(story.key, EPIC_LINK_FIELD_ID))[EPIC_LINK_FIELD_ID]).toBe(second.key);
  expect((await read(story.id)).hierarchy).toEqual({ parent: { id: second.id, key: second.key }, level: 0 });
  const listed = (await tracker.listUpdatedSince(undefined)).items.find((i) => i.id === story.id);
  expect(listed?.hierarchy?.parent).toEqual({ id: second.id, key: second.key });

  expect(await tracker.updateIssue(story.id, { [PARENT_PATH]: null })).toEqual({ [PARENT_PATH]: null });
  expect((await onSite(story.key, EPIC_LINK_FIELD_ID))[EPIC_LINK_FIELD_ID]).toBeNull();
  expect((await read(story.id)).hierarchy).toEqual({ parent: null, level: 0 });
});

it('refuses an Epic Link to an issue that is not an epic, naming the field', async () => {
  const task = await tracker.createIssue({ summary: 'Not an epic', issuetype: 'Task' }, 'o:t0');
  const story = await tracker.createIssue({ summary: 'Wants an epic', issuetype: 'Story' }, 'o:s0');
  const err = await tracker.updateIssue(story.id, { [PARENT_PATH]: task.id }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TrackerError);
  expect((err as Error).message).toContain(EPIC_LINK_FIELD_ID);
  expect((err as Error).message).toContain(`'${task.key}'`);
  expect((await read(story.id)).hierarchy?.parent).toBeNull();
});

it('creates a sub-task under its parent and names, never fakes, a move Data Center cannot make', async () => {
  const one = await tracker.createIssue({ summary: 'Task one', issuetype: 'Task' }, 'o:t1');
  const two = await tracker.createIssue({ summary: 'Task two', issuetype: 'Task' }, 'o:t2');
  const sub = await tracker.createIssue(
    { summary: 'A sub-task', issuetype: 'Subtask', [PARENT_PATH]: one.id },
    'o:st1',
  );
  expect(site.state.issues[sub.id]?.parentId).toBe(one.id);
  expect((await onSite(sub.key, 'parent')).parent).toMatchObject({ id: one.id, key: one.key });
  expect(sub.hierarchy).toEqual({ parent: { id: one.id, key: one.key }, level: -1 });

  // Its parent already: nothing to send, and it holds that parent.
  sent.length = 0;
  expect(await tracker.updateIssue(sub.id, { [PARENT_PATH]: one.id })).toEqual({ [PARENT_PATH]: one.id });
  expect(sent.filter((s) => s.startsWith('PUT'))).toEqual([]);

  const err = await tracker
    .updateIssue(sub.id, { summary: 'Renamed sub-task', [PARENT_PATH]: two.id })
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PartialWriteError);
  const partial = err as PartialWriteError;
  expect(partial.unwritten).toEqual([
    { path: PARENT_PATH, message: expect.stringMatching(/cannot move sub-task .*Move wizard/) as unknown },
  ]);
  // The summary is written (Data Center's 204 holds no values, so the next read is the base); the parent is not.
  expect(partial.held).not.toHaveProperty(PARENT_PATH);
  expect(site.state.issues[sub.id]?.parentId).toBe(one.id);
  expect(site.state.issues[sub.id]?.summary).toBe('Renamed sub-task');
  expect((await read(sub.id)).hierarchy?.parent?.id).toBe(one.id);

  // The site itself refuses an edit of `parent`, as Data Center does.
  const put = await fetch(`${server.siteUrl('dc')}/rest/api/2/issue/${sub.key}`, {
    method: 'PUT',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ fields: { parent: { key: two.key } } }),
  });
  expect(put.status).toBe(400);
  expect(((await put.json()) as { errors: Record<string, string> }).errors.parent).toMatch(/cannot be set/);
  expect(emulator.contractViolations).toEqual([]);
});
