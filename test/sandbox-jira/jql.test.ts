import type { JiraEmulator } from '../../sandbox/jira';
import { parseJql } from '../../sandbox/jira/jql/parser';
import { APP, arr, callJson, obj, seededEmulator } from './harness';

async function search(
  emulator: JiraEmulator,
  jql: string,
  extra: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const answer = await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/search/jql', {
    query: { jql, maxResults: '100', ...extra },
  });
  return { status: answer.status, body: obj(answer.json) };
}

async function keys(emulator: JiraEmulator, jql: string): Promise<string[]> {
  const { status, body } = await search(emulator, jql, { fields: 'summary' });
  expect(status).toBe(200);
  return arr(body.issues).map((i) => String(obj(i).key));
}

describe('JQL subset', () => {
  let emulator: JiraEmulator;

  beforeAll(() => {
    emulator = seededEmulator();
  });

  afterEach(() => {
    expect(emulator.contractViolations).toEqual([]);
  });

  it.each([
    ['summary ~ "login"', "the field 'summary'"],
    ['project = DEMO OR project = PARTNER', "the 'OR' keyword"],
    ['project = DEMO AND status WAS "Done"', "the operator 'WAS' (field 'status')"],
    ['project = DEMO AND labels != backend', "the operator '!=' for field 'labels'"],
    ['project = DEMO AND key in issueHistory()', "the function 'issueHistory()'"],
    ['project = DEMO AND assignee = currentUser()', "the function 'currentUser()'"],
    ['project = DEMO AND assignee = 712020', "the field 'assignee'"],
    ['project = DEMO ORDER BY priority DESC', "ORDER BY 'priority'"],
  ])('rejects %s with a 400 naming %s', async (jql, part) => {
    const { status, body } = await search(emulator, jql);
    expect(status).toBe(400);
    expect(body.errors).toEqual({});
    expect(arr(body.errorMessages)[0]).toContain(part);
  });

  it('answers Jira’s own 400s for bad values, unbounded queries and bad tokens', async () => {
    const cases: [string, string][] = [
      ['project = NOPE', "The value 'NOPE' does not exist for the field 'project'."],
      ['key = DEMO-999', "An issue with key 'DEMO-999' does not exist for field 'key'."],
      ['key = NOPE-1', "The issue key 'NOPE-1' for field 'key' is invalid."],
      ['updated >= "yesterday"', "Date value 'yesterday' for field 'updated' is invalid."],
      ['ORDER BY key', 'Unbounded JQL queries are not allowed here.'],
      ['project = DEMO AND', 'Error in the JQL Query: Expecting a field name but got the end of the query'],
    ];
    for (const [jql, message] of cases) {
      const { status, body } = await search(emulator, jql);
      expect([jql, status, String(arr(body.errorMessages)[0])]).toEqual([
        jql,
        400,
        expect.stringContaining(message),
      ]);
    }
    const bad = await search(emulator, 'project = DEMO', { nextPageToken: 'garbage' });
    expect(bad.status).toBe(400);
  });

  it('filters by project, key, id, labels and status category', async () => {
    expect(await keys(emulator, 'project = DEMO')).toHaveLength(20);
    expect(await keys(emulator, 'key in (DEMO-2, "DEMO-1") ORDER BY key ASC')).toEqual(['DEMO-1', 'DEMO-2']);
    const demo1 = emulator.site('local').findIssue('DEMO-1');
    expect(await keys(emulator, `id in (${demo1?.id ?? ''})`)).toEqual(['DEMO-1']);
    expect(await keys(emulator, 'labels = docs ORDER BY key ASC')).toEqual([
      'DEMO-5',
      'DEMO-10',
      'DEMO-15',
      'DEMO-20',
    ]);
    expect(await keys(emulator, 'project = DEMO AND labels in (ux, performance) ORDER BY key ASC')).toEqual([
      'DEMO-2',
      'DEMO-4',
      'DEMO-7',
      'DEMO-9',
      'DEMO-12',
      'DEMO-14',
      'DEMO-17',
      'DEMO-19',
    ]);
    // DEMO-5 is in Won't Do, a status of the Done category (the demo's unreachable one).
    expect(await keys(emulator, 'statusCategory = Done ORDER BY key ASC')).toEqual([
      'DEMO-3',
      'DEMO-5',
      'DEMO-8',
      'DEMO-13',
      'DEMO-18',
    ]);
    expect(await keys(emulator, 'project = DEMO AND statusCategory = "In Progress"')).toHaveLength(4);
    expect(await keys(emulator, 'project = DEMO AND statusCategory != Done')).toHaveLength(15);
    expect(await keys(emulator, 'project = DEMO AND statusCategory = "To Do"')).toHaveLength(11);
  });

  it('negates a clause with NOT, binding tighter than AND (Jira’s "Keywords: NOT")', async () => {
    const [one, two] = ['DEMO-1', 'DEMO-2'].map((k) => emulator.site('local').findIssue(k)?.id ?? '');
    expect(await keys(emulator, `project = DEMO AND NOT id in (${one}, ${two})`)).toHaveLength(18);
    // Tandem's form: leave out issues known unchanged unless they were updated since a time.
    expect(
      await keys(emulator, `project = DEMO AND NOT (id in (${one}, ${two}) AND updated < "-5m")`),
    ).toHaveLength(18);
    expect(
      await keys(
        emulator,
        `project = DEMO AND NOT (id in (${one}, ${two}) AND updated < "-0m") ORDER BY key ASC`,
      ),
    ).toHaveLength(18);
    // The seed's issues were last updated days ago: an issue known unchanged that changed since is kept.
    expect(await keys(emulator, `project = DEMO AND NOT (id in (${one}) AND updated > "-5m")`)).toHaveLength(
      20,
    );
  });

  it('compares updated and created at minute precision, in UTC', async () => {
    // Seeding starts at 2025-06-02 09:00 UTC and advances one minute per timestamp taken; DEMO-1 is created first.
    const site = emulator.site('local');
    const demo20 = site.findIssue('DEMO-20');
    const at = new Date(demo20?.created ?? 0);
    const minute = `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 16)}`;
    expect(await keys(emulator, `project = DEMO AND created >= "${minute}"`)).toEqual(['DEMO-20']);
    expect(await keys(emulator, `project = DEMO AND created > "${minute}"`)).toEqual([]);
    const all = await keys(emulator, 'project = DEMO AND updated >= "2025/06/02" ORDER BY updated DESC');
    expect(all).toHaveLength(20);
    expect(all[0]).toBe('DEMO-20');
    expect(await keys(emulator, 'project = DEMO AND updated < "2025-06-02 09:00"')).toEqual([]);
  });

  it('defaults to ids only, honours fields selection and orders newest first', async () => {
    const { body } = await search(emulator, 'project = DEMO');
    const first = obj(arr(body.issues)[0]);
    expect(first.key).toBe('DEMO-20');
    expect(first.fields).toBeUndefined();
    const { body: some } = await search(emulator, 'project = DEMO', { fields: '-description' });
    const fields = obj(obj(arr(some.issues)[0]).fields);
    expect(fields.description).toBeUndefined();
    expect(fields.summary).toBe('Rate-limit the public endpoints');
    expect(fields.comment).toBeUndefined();
  });

  it('pages with nextPageToken and reports isLast', async () => {
    const first = await search(emulator, 'project = DEMO ORDER BY key ASC', { maxResults: '15' });
    expect(first.body.isLast).toBe(false);
    const second = await search(emulator, 'project = DEMO ORDER BY key ASC', {
      maxResults: '15',
      nextPageToken: String(first.body.nextPageToken),
    });
    expect(second.body.isLast).toBe(true);
    expect(second.body.nextPageToken).toBeUndefined();
    expect(arr(second.body.issues).map((i) => obj(i).key)).toEqual([
      'DEMO-16',
      'DEMO-17',
      'DEMO-18',
      'DEMO-19',
      'DEMO-20',
    ]);
    const reused = await search(emulator, 'project = PARTNER', {
      nextPageToken: String(first.body.nextPageToken),
    });
    expect(reused.status).toBe(400);
  });

  it('serves POST /search/jql the same way', async () => {
    const answer = await callJson(emulator, APP, 'local', 'POST', '/rest/api/3/search/jql', {
      body: {
        jql: 'project = DEMO ORDER BY created ASC',
        maxResults: 2,
        fields: ['summary', 'status'],
        expand: 'names',
      },
    });
    const body = obj(answer.json);
    expect(arr(body.issues).map((i) => obj(i).key)).toEqual(['DEMO-1', 'DEMO-2']);
    expect(obj(obj(arr(body.issues)[0]).names)).toEqual({ summary: 'Summary', status: 'Status' });
  });
});

describe('JQL parser', () => {
  it('reads quoted values, lists, parentheses and sort clauses', () => {
    expect(parseJql('(project = "My Proj" AND labels in (a, \'b c\')) order by updated desc, key')).toEqual({
      where: {
        kind: 'and',
        clauses: [
          {
            kind: 'condition',
            field: 'project',
            operator: '=',
            values: [{ text: 'My Proj', quoted: true }],
            list: false,
          },
          {
            kind: 'condition',
            field: 'labels',
            operator: 'IN',
            values: [
              { text: 'a', quoted: false },
              { text: 'b c', quoted: true },
            ],
            list: true,
          },
        ],
      },
      orderBy: [
        { field: 'updated', direction: 'DESC' },
        { field: 'key', direction: 'ASC' },
      ],
    });
  });
});
