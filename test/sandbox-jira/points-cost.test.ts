/**
 * Pins what each Jira call Tandem makes costs in points, by Atlassian's model ("Rate limiting",
 * developer.atlassian.com/cloud/jira/platform/rate-limiting/): a read costs 1 plus the objects it returns, a
 * write its base cost. Every endpoint in jira-endpoints.ts must have a row here, so a new call states its cost.
 * The sync calls are made for real against the emulator and charged from the quota; the rest are priced from
 * the answer shape the emulator sends.
 */
import { pointsFor } from '../../sandbox/jira';
import { JIRA_ENDPOINTS } from '../../src/platform/jira/jira-endpoints';
import { APP, arr, callJson, obj, seededEmulator } from './harness';

const doc = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** The create fields of DEMO's Task type in the seeded site, counted from the answer below. */
const CREATEMETA_TASK_FIELDS = 23;

/** Points for the answers the emulator sends, for calls not made for real below. */
const PRICED: Record<string, number> = {
  'GET /rest/api/3/attachment/content/{id}': pointsFor('GET', '/rest/api/3/attachment/content/{id}', 200, {}),
  'GET /rest/api/3/attachment/{id}': pointsFor('GET', '/rest/api/3/attachment/{id}', 200, { id: '1' }),
  'POST /rest/api/3/issue/{issueIdOrKey}/attachments': pointsFor(
    'POST',
    '/rest/api/3/issue/{issueIdOrKey}/attachments',
    200,
    [{ id: '1' }],
  ),
  'POST /rest/api/3/comment/list': pointsFor('POST', '/rest/api/3/comment/list', 200, {
    values: [{ id: '1' }, { id: '2' }],
  }),
  'DELETE /rest/api/3/attachment/{id}': pointsFor('DELETE', '/rest/api/3/attachment/{id}', 204, null),
  'DELETE /rest/api/3/issueLink/{linkId}': pointsFor('DELETE', '/rest/api/3/issueLink/{linkId}', 204, null),
  'POST /rest/api/3/workflows': pointsFor('POST', '/rest/api/3/workflows', 200, {
    workflows: [{ id: '1' }],
    statuses: [{ id: '1' }, { id: '2' }, { id: '3' }],
  }),
  'POST /rest/devinfo/0.10/bulk': pointsFor('POST', '/rest/devinfo/0.10/bulk', 202, {}),
  'DELETE /rest/devinfo/0.10/repository/{repositoryId}/{entityType}/{entityId}': pointsFor(
    'DELETE',
    '/rest/devinfo/0.10/repository/{repositoryId}/{entityType}/{entityId}',
    202,
    null,
  ),
  'DELETE /rest/devinfo/0.10/bulkByProperties': pointsFor(
    'DELETE',
    '/rest/devinfo/0.10/bulkByProperties',
    202,
    null,
  ),
};

const EXPECTED: Record<string, number> = {
  'POST /rest/api/3/search/jql': 21, // a page of the 20 seeded issues
  'POST /rest/api/3/issue/bulkfetch': 3, // two issues by id: a read, 1 plus 1 per issue returned
  'GET /rest/api/3/issue/{issueIdOrKey}': 2,
  'POST /rest/api/3/issue': 1,
  'POST /rest/api/3/issue/bulk': 1, // a write: its base cost, however many issues it creates
  'PUT /rest/api/3/issue/{issueIdOrKey}': 1,
  'GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': 2,
  'GET /rest/api/3/issue/{issueIdOrKey}/transitions': 3, // the seeded workflow offers two from To Do
  'POST /rest/api/3/issue/{issueIdOrKey}/transitions': 1,
  'POST /rest/api/3/workflows': 2, // a read: the one workflow of the issue's project and type
  'POST /rest/api/3/issue/{issueIdOrKey}/remotelink': 1,
  'GET /rest/api/3/issue/{issueIdOrKey}/remotelink': 2, // the one remote link made below
  'POST /rest/api/3/issueLink': 1,
  'DELETE /rest/api/3/issueLink/{linkId}': 1,
  'GET /rest/api/3/issue/{issueIdOrKey}/comment': 3, // two seeded comments
  'POST /rest/api/3/comment/list': 3, // the same two comments by id, with their properties
  'POST /rest/api/3/issue/{issueIdOrKey}/comment': 1,
  'PUT /rest/api/3/issue/{issueIdOrKey}/comment/{id}': 1,
  'DELETE /rest/api/3/issue/{issueIdOrKey}/comment/{id}': 1,
  'GET /rest/api/3/issue/{issueIdOrKey}/worklog': 3, // the two worklogs booked below
  'POST /rest/api/3/issue/{issueIdOrKey}/worklog': 1,
  'PUT /rest/api/3/issue/{issueIdOrKey}/worklog/{id}': 1,
  'DELETE /rest/api/3/issue/{issueIdOrKey}/worklog/{id}': 1,
  'GET /rest/api/3/attachment/content/{id}': 2,
  'GET /rest/api/3/attachment/{id}': 2,
  'POST /rest/api/3/issue/{issueIdOrKey}/attachments': 1,
  'DELETE /rest/api/3/attachment/{id}': 1,
  'GET /rest/api/3/issue/{issueIdOrKey}/changelog': 4, // the rename, the transition and the link made below
  'GET /rest/api/3/user/search': 2, // one user matches "a"
  'GET /rest/api/3/project/search': 2,
  // Every field of the site, system and custom: 26 system fields (parent and subtasks with the hierarchy, worklog) and DEMO's 10 custom ones.
  'GET /rest/api/3/field': 37,
  'GET /rest/api/3/project/{projectIdOrKey}': 2, // one project (the field catalog reads its issue types)
  // The create fields of one issue type, a page in `fields` (the field catalog's options)
  'GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}': CREATEMETA_TASK_FIELDS + 1,
  'GET /rest/api/3/project/{projectIdOrKey}/versions': 4, // DEMO's three versions
  'GET /rest/api/3/project/{projectIdOrKey}/components': 4, // DEMO's three components
  'POST /rest/devinfo/0.10/bulk': 1,
  'DELETE /rest/devinfo/0.10/repository/{repositoryId}/{entityType}/{entityId}': 1,
  'DELETE /rest/devinfo/0.10/bulkByProperties': 1,
};

it('prices every endpoint Tandem calls', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(JIRA_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
  for (const [call, points] of Object.entries(PRICED)) expect([call, points]).toEqual([call, EXPECTED[call]]);
});

it('charges the sync calls what the model says, made for real', async () => {
  const emulator = seededEmulator({ wallClock: () => 0 });
  emulator.setRateLimits('local', { quotaPoints: 100_000 });
  const charged: Record<string, number> = {};
  const call = async (
    key: string,
    method: string,
    path: string,
    options: Parameters<typeof callJson>[5] = {},
  ): Promise<unknown> => {
    const before = emulator.rateLimitUsage('local').totals.points;
    const answer = await callJson(emulator, APP, 'local', method, path, options);
    expect([key, answer.status < 300]).toEqual([key, true]);
    charged[key] = emulator.rateLimitUsage('local').totals.points - before;
    return answer.json;
  };

  await call('POST /rest/api/3/search/jql', 'POST', '/rest/api/3/search/jql', {
    body: { jql: 'project = DEMO', maxResults: 100, fields: ['summary'] },
  });
  await call('POST /rest/api/3/issue/bulkfetch', 'POST', '/rest/api/3/issue/bulkfetch', {
    body: { issueIdsOrKeys: ['DEMO-1', 'DEMO-2', 'NOPE-1'], fields: ['summary'] },
  });
  await call('GET /rest/api/3/issue/{issueIdOrKey}', 'GET', '/rest/api/3/issue/DEMO-1');
  const created = obj(
    await call('POST /rest/api/3/issue', 'POST', '/rest/api/3/issue', {
      body: { fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'New' } },
    }),
  );
  const key = String(created.key);
  const bulk = obj(
    await call('POST /rest/api/3/issue/bulk', 'POST', '/rest/api/3/issue/bulk', {
      body: {
        issueUpdates: ['One', 'Two', 'Three'].map((summary) => ({
          fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary },
        })),
      },
    }),
  );
  expect(arr(bulk.issues)).toHaveLength(3);
  await call('PUT /rest/api/3/issue/{issueIdOrKey}', 'PUT', `/rest/api/3/issue/${key}`, {
    body: { fields: { summary: 'Renamed' } },
  });
  await callJson(emulator, APP, 'local', 'PUT', `/rest/api/3/issue/${key}/properties/tandem`, {
    body: { a: 1 },
  });
  await call(
    'GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    'GET',
    `/rest/api/3/issue/${key}/properties/tandem`,
  );
  const transitions = arr(
    obj(
      await call(
        'GET /rest/api/3/issue/{issueIdOrKey}/transitions',
        'GET',
        `/rest/api/3/issue/${key}/transitions`,
      ),
    ).transitions,
  );
  await call(
    'POST /rest/api/3/issue/{issueIdOrKey}/transitions',
    'POST',
    `/rest/api/3/issue/${key}/transitions`,
    {
      body: { transition: { id: String(obj(transitions[0]).id) } },
    },
  );
  await call(
    'POST /rest/api/3/issue/{issueIdOrKey}/remotelink',
    'POST',
    `/rest/api/3/issue/${key}/remotelink`,
    {
      body: { object: { url: 'https://example.com/1', title: 'Partner' } },
    },
  );
  const remote = arr(
    await call(
      'GET /rest/api/3/issue/{issueIdOrKey}/remotelink',
      'GET',
      `/rest/api/3/issue/${key}/remotelink`,
    ),
  );
  expect(remote).toHaveLength(1);
  await call('POST /rest/api/3/issueLink', 'POST', '/rest/api/3/issueLink', {
    body: { type: { name: 'Relates' }, inwardIssue: { key }, outwardIssue: { key: 'DEMO-1' } },
  });
  await call('GET /rest/api/3/issue/{issueIdOrKey}/comment', 'GET', '/rest/api/3/issue/DEMO-1/comment');
  const comment = obj(
    await call('POST /rest/api/3/issue/{issueIdOrKey}/comment', 'POST', `/rest/api/3/issue/${key}/comment`, {
      body: { body: doc('hello') },
    }),
  );
  const commentPath = `/rest/api/3/issue/${key}/comment/${String(comment.id)}`;
  await call('PUT /rest/api/3/issue/{issueIdOrKey}/comment/{id}', 'PUT', commentPath, {
    body: { body: doc('edited') },
  });
  await call('DELETE /rest/api/3/issue/{issueIdOrKey}/comment/{id}', 'DELETE', commentPath);
  const booking = { started: '2026-11-23T09:30:00.000+0000', timeSpentSeconds: 600, comment: doc('work') };
  await callJson(emulator, APP, 'local', 'POST', `/rest/api/3/issue/${key}/worklog`, { body: booking });
  const worklog = obj(
    await call('POST /rest/api/3/issue/{issueIdOrKey}/worklog', 'POST', `/rest/api/3/issue/${key}/worklog`, {
      query: { adjustEstimate: 'leave', expand: 'properties' },
      body: { ...booking, properties: [{ key: 'tandem', value: { origin: 'x' } }] },
    }),
  );
  await call('GET /rest/api/3/issue/{issueIdOrKey}/worklog', 'GET', `/rest/api/3/issue/${key}/worklog`, {
    query: { expand: 'properties' },
  });
  const worklogPath = `/rest/api/3/issue/${key}/worklog/${String(worklog.id)}`;
  await call('PUT /rest/api/3/issue/{issueIdOrKey}/worklog/{id}', 'PUT', worklogPath, {
    query: { adjustEstimate: 'leave' },
    body: { timeSpentSeconds: 1200 },
  });
  await call('DELETE /rest/api/3/issue/{issueIdOrKey}/worklog/{id}', 'DELETE', worklogPath, {
    query: { adjustEstimate: 'leave' },
  });
  // The site's fields (named-field rules, and the analytics export's custom columns), and a page of an
  // issue's history (GET …/changelog answers a PageBeanChangelog, its entries in `values`).
  const fields = arr(await call('GET /rest/api/3/field', 'GET', '/rest/api/3/field'));
  const history = obj(
    await call(
      'GET /rest/api/3/issue/{issueIdOrKey}/changelog',
      'GET',
      `/rest/api/3/issue/${key}/changelog`,
      { query: { startAt: '0', maxResults: '100' } },
    ),
  );
  expect(arr(history.values)).toHaveLength(3);
  const users = arr(
    await call('GET /rest/api/3/user/search', 'GET', '/rest/api/3/user/search', { query: { query: 'a' } }),
  );
  const projects = arr(
    obj(await call('GET /rest/api/3/project/search', 'GET', '/rest/api/3/project/search')).values,
  );

  const versions = arr(
    await call(
      'GET /rest/api/3/project/{projectIdOrKey}/versions',
      'GET',
      '/rest/api/3/project/DEMO/versions',
    ),
  );
  const components = arr(
    await call(
      'GET /rest/api/3/project/{projectIdOrKey}/components',
      'GET',
      '/rest/api/3/project/DEMO/components',
    ),
  );

  const project = obj(
    await call('GET /rest/api/3/project/{projectIdOrKey}', 'GET', '/rest/api/3/project/DEMO'),
  );
  const taskType = arr(project.issueTypes).map(obj).find((t) => t.name === 'Task');
  const createFields = obj(
    await call(
      'GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}',
      'GET',
      `/rest/api/3/issue/createmeta/DEMO/issuetypes/${String(taskType?.id)}`,
    ),
  );
  expect(arr(createFields.fields)).toHaveLength(CREATEMETA_TASK_FIELDS);

  const workflows = obj(
    await call('POST /rest/api/3/workflows', 'POST', '/rest/api/3/workflows', {
      body: { projectAndIssueTypes: [{ projectId: String(obj(projects[0]).id), issueTypeId: '10001' }] },
    }),
  );
  expect(arr(workflows.workflows)).toHaveLength(1);

  // The counts the answers carried, so the pins below say what they are made of.
  expect(users.length + 1).toBe(charged['GET /rest/api/3/user/search']);
  expect(projects).toHaveLength(1);
  expect(fields.length + 1).toBe(charged['GET /rest/api/3/field']);
  expect([versions.length, components.length]).toEqual([3, 3]);
  for (const [call, points] of Object.entries(charged))
    expect([call, points]).toEqual([call, EXPECTED[call]]);
});
