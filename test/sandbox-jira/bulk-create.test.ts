/**
 * `POST /rest/api/3/issue/bulk` as the platform OpenAPI (v3, createIssues) describes it: up to 50 elements,
 * each created or refused on its own; `CreatedIssues` lists the issues created in the order of the elements
 * that succeeded and an error per failed element with its number; 201 when any was created, 400 when none.
 */
import { DEMO_USERS } from '../../sandbox/jira';
import { APP, arr, callJson, obj, seededEmulator } from './harness';

const emulator = seededEmulator();
afterEach(() => expect(emulator.contractViolations).toEqual([]));

const element = (summary: string | undefined, extra: Record<string, unknown> = {}) => ({
  fields: {
    project: { key: 'DEMO' },
    issuetype: { name: 'Task' },
    ...(summary === undefined ? {} : { summary }),
  },
  properties: [{ key: 'tandem', value: { origin: `o:${summary ?? 'none'}` } }],
  ...extra,
});

const bulk = (body: unknown, identity = APP) =>
  callJson(emulator, identity, 'local', 'POST', '/rest/api/3/issue/bulk', { body });

it('creates every element as a single create would, answering them in order', async () => {
  const answer = await bulk({ issueUpdates: [element('First'), element('Second')] });
  expect(answer.status).toBe(201);
  const body = obj(answer.json);
  expect(body.errors).toEqual([]);
  const issues = arr(body.issues).map(obj);
  const site = emulator.site('local');
  expect(issues.map((i) => site.findIssue(String(i.id))?.summary)).toEqual(['First', 'Second']);
  expect(issues.map((i) => site.findIssue(String(i.key))?.properties.tandem)).toEqual([
    { origin: 'o:First' },
    { origin: 'o:Second' },
  ]);
  expect(String(issues[0]!.self)).toMatch(new RegExp(`/issue/${String(issues[0]!.id)}$`));
});

it('refuses an invalid element alone, naming its number, and creates the rest', async () => {
  const before = Object.keys(emulator.site('local').state.issues).length;
  const answer = await bulk({ issueUpdates: [element('Kept'), element(undefined), element('Also kept')] });
  expect(answer.status).toBe(201);
  const body = obj(answer.json);
  expect(arr(body.issues).map((i) => emulator.site('local').findIssue(String(obj(i).id))?.summary)).toEqual([
    'Kept',
    'Also kept',
  ]);
  expect(body.errors).toEqual([
    {
      failedElementNumber: 1,
      status: 400,
      elementErrors: { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } },
    },
  ]);
  expect(Object.keys(emulator.site('local').state.issues).length).toBe(before + 2);
});

it('answers 400 with every element refused when none could be created', async () => {
  const before = Object.keys(emulator.site('local').state.issues).length;
  const answer = await bulk({
    issueUpdates: [element(undefined), element('x', { fields: { summary: 'x' } })],
  });
  expect(answer.status).toBe(400);
  const body = obj(answer.json);
  expect(body.issues).toEqual([]);
  expect(arr(body.errors).map((e) => obj(e).failedElementNumber)).toEqual([0, 1]);
  expect(Object.keys(emulator.site('local').state.issues).length).toBe(before);
});

it('refuses per element a person without Create issues in the project', async () => {
  const viewer = emulator.site('local').userByEmail(DEMO_USERS.viewer.email);
  const answer = await bulk(
    { issueUpdates: [element('Not allowed')] },
    {
      kind: 'user',
      accountId: viewer?.accountId ?? '',
    },
  );
  expect(answer.status).toBe(400);
  expect(obj(arr(obj(answer.json).errors)[0]).status).toBe(403);
});

it('reports a requested transition on the created issue, which exists whether or not it could be taken', async () => {
  const answer = await bulk({
    issueUpdates: [element('Moves', { transition: { id: '99999' } })],
  });
  expect(answer.status).toBe(201);
  const [created] = arr(obj(answer.json).issues).map(obj);
  expect(obj(created!.transition).status).toBe(400);
  expect(emulator.site('local').findIssue(String(created!.id))?.summary).toBe('Moves');
});

it('refuses no elements, or more than 50, whole', async () => {
  expect((await bulk({ issueUpdates: [] })).status).toBe(400);
  const many = Array.from({ length: 51 }, (_, i) => element(`n${i}`));
  const before = Object.keys(emulator.site('local').state.issues).length;
  const over = await bulk({ issueUpdates: many });
  expect(over.status).toBe(400);
  expect(JSON.stringify(over.json)).toContain('50');
  expect(Object.keys(emulator.site('local').state.issues).length).toBe(before);
});
