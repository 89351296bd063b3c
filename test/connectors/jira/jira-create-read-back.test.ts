/**
 * No re-read after create where the create tells all (jira-create.ts): asked to answer only summary and
 * labels, a create is one request; a path the create cannot vouch for (description, status) costs a read
 * back, and a bulk create reads back its issues together, one bulkfetch for the batch.
 */
import { JiraTracker } from '../../../src/connectors/jira/jira-tracker';
import { remoteJiraTransport } from '../../../src/connectors/jira/remote-transport';
import type { BulkCreateOutcome } from '../../../src/core/ports';
import { DEMO_USERS } from '../../../sandbox/jira/seed';
import { startSeeded, type Harness } from '../../sandbox-jira/harness';
import { nodeFetch } from '../node-fetch';

let jira: Harness;
beforeAll(async () => {
  jira = await startSeeded();
});
afterAll(async () => {
  await jira.close();
});
afterEach(() => expect(jira.emulator.contractViolations).toEqual([]));

function tracker(refuse?: RegExp): { tracker: JiraTracker; requests: string[] } {
  const requests: string[] = [];
  const transport = remoteJiraTransport(
    jira.server.siteUrl('local'),
    { kind: 'cloud', email: DEMO_USERS.admin.email, apiToken: DEMO_USERS.admin.apiToken },
    (url, init) => {
      const request = `${init.method} ${new URL(url).pathname.replace(/^\/sites\/local/, '')}`;
      requests.push(request);
      // A read Jira refuses, as a permission it lacks on that issue would.
      if (refuse?.test(request))
        return Promise.resolve(
          new Response(
            JSON.stringify({
              errorMessages: ['Issue does not exist or you do not have permission to see it.'],
            }),
            {
              status: 404,
              headers: { 'content-type': 'application/json' },
            },
          ),
        );
      return nodeFetch(url, init);
    },
  );
  const t = new JiraTracker({
    transport,
    label: 'local Jira',
    browseBase: jira.server.siteUrl('local'),
    project: 'DEMO',
  });
  return { tracker: t, requests };
}

const issuesOf = (outcomes: BulkCreateOutcome[]) =>
  outcomes.map((o) => {
    if (o.outcome !== 'created') throw new Error(JSON.stringify(o));
    return o.issue;
  });

it('creates with one request when the caller reads only summary and labels', async () => {
  const { tracker: t, requests } = tracker();
  const created = await t.createIssue({ summary: 'Told by the create', labels: ['a', 'a', 'b'] }, 'o:1', {
    answerPaths: ['summary', 'labels'],
  });
  expect(requests).toEqual(['POST /rest/api/3/issue']);
  expect(created.fields).toMatchObject({ summary: 'Told by the create', labels: ['a', 'b'] });
  expect(jira.emulator.site('local').findIssue(created.id)?.labels).toEqual(['a', 'b']);
});

it('reads the issue back when the caller reads what the create cannot tell', async () => {
  for (const path of ['description', 'status.name']) {
    const { tracker: t, requests } = tracker();
    const created = await t.createIssue(
      { summary: 'Needs a read', description: 'Some *text*' },
      `o:${path}`,
      {
        answerPaths: ['summary', path],
      },
    );
    expect(requests).toEqual(['POST /rest/api/3/issue', 'POST /rest/api/3/issue/bulkfetch']);
    expect(created.fields['status']).toMatchObject({ name: 'To Do' });
  }
});

it('creates a batch in one request and reads back only those that need it, together', async () => {
  const { tracker: t, requests } = tracker();
  const told = { answerPaths: ['summary', 'labels'] };
  const read = { answerPaths: ['summary', 'status.name'] };
  const created = issuesOf(
    await t.createIssues([
      { fields: { summary: 'Bulk told' }, origin: 'o:b1', opts: told },
      { fields: { summary: 'Bulk read 1' }, origin: 'o:b2', opts: read },
      { fields: { summary: 'Bulk read 2' }, origin: 'o:b3', opts: read },
    ]),
  );
  expect(requests).toEqual(['POST /rest/api/3/issue/bulk', 'POST /rest/api/3/issue/bulkfetch']);
  expect(created.map((c) => c.fields.summary)).toEqual(['Bulk told', 'Bulk read 1', 'Bulk read 2']);
  expect(created[1]?.fields.status).toMatchObject({ name: 'To Do' });
});

it('a batch of copies with a status reads where such a create starts once, not once per copy', async () => {
  // The 1,000-issue backfill read every new copy back (816 GETs) only to find it in the status it was
  // created in; the walk to another status still reads and moves the issue it concerns.
  const { tracker: t, requests } = tracker();
  const told = { answerPaths: ['summary'] };
  const created = issuesOf(
    await t.createIssues([
      { fields: { summary: 'Starts to do 1', 'status.name': 'To Do' }, origin: 'o:s1', opts: told },
      { fields: { summary: 'Starts to do 2', 'status.name': 'To Do' }, origin: 'o:s2', opts: told },
      { fields: { summary: 'Goes on', 'status.name': 'In Progress' }, origin: 'o:s3', opts: told },
      { fields: { summary: 'Starts to do 3', 'status.name': 'To Do' }, origin: 'o:s4', opts: told },
    ]),
  );
  const site = jira.emulator.site('local');
  expect(created.map((c) => site.status(site.requireIssue(c.id).statusId).name)).toEqual([
    'To Do',
    'To Do',
    'In Progress',
    'To Do',
  ]);
  // One read of where creates start, and one of the moved issue after its transition.
  const moved = created[2]?.id ?? '';
  const issueReads = requests.filter((r) => /^GET \/rest\/api\/3\/issue\/\d+$/.test(r));
  expect(issueReads).toHaveLength(2);
  expect(issueReads).toContain(`GET /rest/api/3/issue/${moved}`);
  const transitions = requests.filter((r) => /^POST \/rest\/api\/3\/issue\/\d+\/transitions$/.test(r));
  expect(transitions).toEqual([`POST /rest/api/3/issue/${moved}/transitions`]);
});

it('a refused read of where creates start leaves the status unwritten and named; the copies are made', async () => {
  const { tracker: t } = tracker(/^GET \/rest\/api\/3\/issue\/\d+$/);
  const outcomes = await t.createIssues([
    {
      fields: { summary: 'Refused start 1', 'status.name': 'In Progress' },
      origin: 'o:r1',
      opts: { answerPaths: ['summary'] },
    },
    {
      fields: { summary: 'Refused start 2', 'status.name': 'In Progress' },
      origin: 'o:r2',
      opts: { answerPaths: ['summary'] },
    },
  ]);
  for (const o of outcomes) {
    expect(o.outcome).toBe('created');
    if (o.outcome !== 'created') continue;
    expect(o.issue.unwritten).toEqual([
      { path: 'status.name', message: expect.stringContaining('404') as unknown },
    ]);
    const site = jira.emulator.site('local');
    expect(site.status(site.requireIssue(o.issue.id).statusId).name).toBe('To Do');
  }
});
