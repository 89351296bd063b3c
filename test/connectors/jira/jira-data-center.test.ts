/**
 * JiraTracker in its Data Center flavour against the emulator's Data Center site, over HTTP with a personal
 * access token: offset-paged search, wiki-markup bodies read as ADF and written from ADF, users by
 * username, attachment bytes from the metadata's content URL. The site answers v2 only, so any v3 call
 * (or Cloud-only endpoint) the connector made would fail these tests.
 */
import { JiraTracker } from '../../../src/connectors/jira/jira-tracker';
import { remoteJiraTransport, type FetchLike } from '../../../src/connectors/jira/remote-transport';
import { markdownToAdf } from '../../../src/connectors/markdown';
import { createIssue } from '../../../sandbox/jira/domain/issue-ops';
import { adfProblem } from '../../../sandbox/jira/adf/validate-adf';
import { DEMO_USERS, JiraEmulator, serveJiraEmulator, type JiraHttpServer } from '../../../sandbox/jira';
import type { Site } from '../../../sandbox/jira';
import { nodeFetch } from '../node-fetch';

const ISSUES = 130;
const WIKI =
  'h2. Steps\n\n* press *Save*\n* wait _a bit_\n\nRun {{npm test}}, see [docs|https://example.com/docs].';

let emulator: JiraEmulator;
let server: JiraHttpServer;
let site: Site;
let tracker: JiraTracker;
const sent: string[] = [];

const recording: FetchLike = (url, init) => {
  sent.push(`${init.method} ${new URL(url).pathname.replace(/^\/sites\/dc/, '')}`);
  expect(init.headers.Authorization).toBe(`Bearer ${DEMO_USERS.admin.apiToken}`);
  return nodeFetch(url, init);
};

function dcTracker(users?: ReadonlyMap<string, string>): JiraTracker {
  const base = server.siteUrl('dc');
  return new JiraTracker({
    transport: remoteJiraTransport(
      base,
      { kind: 'data-center', personalAccessToken: DEMO_USERS.admin.apiToken },
      recording,
    ),
    label: 'Jira DC (test)',
    browseBase: base,
    project: 'DC',
    flavor: 'data-center',
    users: { explicit: users ?? new Map() },
  });
}

beforeAll(async () => {
  emulator = new JiraEmulator({ contract: true });
  site = emulator.addSite('dc', { flavor: 'data-center' });
  const admin = site.addUser({ ...DEMO_USERS.admin });
  site.addUser({ ...DEMO_USERS.user });
  site.addProject({ key: 'DC', name: 'Data Center', leadAccountId: admin.accountId });
  const actor = {
    identity: { kind: 'user' as const, accountId: admin.accountId },
    accountId: admin.accountId,
    byApp: false,
  };
  for (let i = 0; i < ISSUES; i++)
    createIssue(site, actor, {
      fields: {
        project: { key: 'DC' },
        issuetype: { name: 'Task' },
        summary: `Issue ${i}`,
        description: WIKI,
      },
    });
  server = await serveJiraEmulator(emulator);
  tracker = dcTracker();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  sent.length = 0;
});

it('lists more than a page through POST /rest/api/2/search with startAt paging', async () => {
  const keys = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await tracker.listUpdatedSince(undefined, token);
    for (const issue of page.items) keys.add(issue.key);
    token = page.next;
    pages++;
  } while (token !== undefined);
  expect(keys.size).toBe(ISSUES);
  expect(pages).toBe(2);
  // The field list once, to find the Epic Link the hierarchy is read from (jira-dc-hierarchy.ts).
  expect(sent).toEqual(['GET /rest/api/2/field', 'POST /rest/api/2/search', 'POST /rest/api/2/search']);

  const ids = Object.values(site.state.issues).map((i) => i.id);
  expect((await tracker.getIssues(ids)).map((i) => i.id).sort()).toEqual([...ids].sort());
});

it('reads a wiki-markup description as valid ADF', async () => {
  const [first] = Object.values(site.state.issues);
  const [issue] = await tracker.getIssues([first?.id ?? '']);
  expect(adfProblem(issue?.fields.description)).toBeUndefined();
  expect(issue?.fields.description).toEqual(
    markdownToAdf(
      '## Steps\n\n- press **Save**\n- wait *a bit*\n\nRun `npm test`, see [docs](https://example.com/docs).',
    ),
  );
});

it('creates with an ADF description that Data Center stores as wiki markup and reads back as ADF', async () => {
  const description = markdownToAdf('# Title\n\n1. one\n2. **two**');
  const created = await tracker.createIssue({ summary: 'From Cloud', description }, 'c1:l:7');
  expect(site.state.issues[created.id]?.description).toBe('h1. Title\n\n# one\n# *two*');
  expect(created.fields.description).toEqual(description);
  // DC search cannot return properties: the origin is read from the issue's property.
  expect((await tracker.findIssueByOrigin('c1:l:7'))?.id).toBe(created.id);
  expect(sent.some((s) => s.endsWith(`/rest/api/2/issue/${created.id}/properties/tandem`))).toBe(true);

  // Data Center answers an edit with 204: the base is what the next read will show.
  const held = await tracker.updateIssue(created.id, { description: 'Now *italic*' });
  const [read] = await tracker.getIssues([created.id]);
  expect(held).toEqual({ description: read?.fields.description });
  expect(site.state.issues[created.id]?.description).toBe('Now _italic_');
});

it('writes a comment given as ADF as wiki markup and reads it back as ADF', async () => {
  const [first] = Object.values(site.state.issues);
  const body = markdownToAdf('Fixed in `main`, see [PR](https://example.com/pr/1).');
  const comment = await tracker.addComment(first?.id ?? '', body, 'c1:lc:3', 'Ada wrote in Cloud:');
  expect(site.state.comments[comment.id]?.body).toBe(
    '_Ada wrote in Cloud:_\n\nFixed in {{main}}, see [PR|https://example.com/pr/1].',
  );
  expect(adfProblem(comment.body)).toBeUndefined();
  const listed = await tracker.listComments(first?.id ?? '');
  expect(listed.find((c) => c.id === comment.id)?.body).toEqual(comment.body);
});

it('sets the assignee by username, found by email through user/search?username=', async () => {
  const [first] = Object.values(site.state.issues);
  const id = first?.id ?? '';
  await tracker.updateIssue(id, { assignee: { id: 'cloud-account-1', email: DEMO_USERS.user.email } });
  expect(sent).toContain('GET /rest/api/2/user/search');
  const [read] = await tracker.getIssues([id]);
  expect(read?.fields.assignee).toEqual({
    id: 'user',
    displayName: DEMO_USERS.user.displayName,
    email: DEMO_USERS.user.email,
  });

  // The connection's user map names Data Center users by username too.
  await dcTracker(new Map([['cloud-account-2', 'admin']])).updateIssue(id, {
    assignee: { id: 'cloud-account-2' },
  });
  expect(site.user(site.state.issues[id]?.assigneeId ?? '')?.email).toBe(DEMO_USERS.admin.email);
});

it('downloads an attachment from the content URL its metadata names', async () => {
  const [first] = Object.values(site.state.issues);
  const data = new TextEncoder().encode('log line\n');
  const uploaded = await tracker.uploadAttachment(first?.id ?? '', {
    filename: 'a b.log',
    mimeType: 'text/plain',
    data,
  });
  sent.length = 0;
  expect(await tracker.downloadAttachment(first?.id ?? '', uploaded.id)).toEqual(data);
  expect(sent).toEqual([
    `GET /rest/api/2/attachment/${uploaded.id}`,
    `GET /secure/attachment/${uploaded.id}/a%20b.log`,
  ]);
});

it('is a Data Center: Cloud paths and a Cloud-flavoured tracker are refused', async () => {
  const cloudish = new JiraTracker({
    transport: remoteJiraTransport(
      server.siteUrl('dc'),
      { kind: 'data-center', personalAccessToken: DEMO_USERS.admin.apiToken },
      nodeFetch,
    ),
    label: 'Jira DC as Cloud (test)',
    browseBase: server.siteUrl('dc'),
    project: 'DC',
  });
  await expect(cloudish.listUpdatedSince(undefined)).rejects.toThrow(/404/);
  const v3 = await fetch(`${server.siteUrl('dc')}/rest/api/3/issue/DC-1`, {
    headers: { Authorization: `Bearer ${DEMO_USERS.admin.apiToken}` },
  });
  expect(v3.status).toBe(404);
  const wrongToken = await fetch(`${server.siteUrl('dc')}/rest/api/2/issue/DC-1`, {
    headers: { Authorization: 'Bearer nope' },
  });
  expect(wrongToken.status).toBe(401);
  expect(emulator.contractViolations).toEqual([]);
});
