/**
 * Done-when of Gropius (issue 16): a DEMO issue and its comments reach a Gropius project through the real
 * handlers on the sandbox host, are edited there as a person would (title, body, state, a comment added
 * and then edited, over GraphQL), and come back to Jira edited; a Jira comment's edit reaches its copy.
 * (An edit to a copy stays where it is, by the engine's rule: core/rules/plan-comments.ts.) The Gropius side is the schema-backed server of
 * `npm start -- --remote gropius`: every request it answered was valid against Gropius' published schema,
 * and the test fails on any it rejected.
 */
import { startGropiusRemote } from '../../sandbox/gropius';
import type { GropiusSeed } from '../../sandbox/gropius/gropius-seed';
import type { GropiusServer } from '../../sandbox/gropius/gropius-server';
import { adfToMarkdown, markdownToAdf } from '../../src/connectors/markdown';
import { startWorld, type World } from './world';

let w: World;
let gropius: { server: GropiusServer; seed: GropiusSeed };

beforeAll(async () => {
  w = await startWorld({ seedConnection: false });
  gropius = await startGropiusRemote(w.host, () => undefined);
}, 120_000);

afterAll(async () => {
  await gropius.server.close();
  await w.close();
});

/** Ana, a person in Gropius, acting through its GraphQL API with her own token. */
async function asAna(query: string, input: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(gropius.server.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer gropius-ana-token' },
    body: JSON.stringify({ query, variables: { input } }),
  });
  const body = (await res.json()) as { errors?: unknown[]; data?: unknown };
  if (body.errors) throw new Error(`Gropius refused Ana's change: ${JSON.stringify(body.errors)}`);
  return body.data;
}

interface JiraIssue {
  fields: {
    summary: string;
    status: { name: string };
    description: unknown;
    comment: { comments: { id: string; body: unknown }[] };
  };
}

it('a DEMO issue and its comments reach Gropius, and come back edited', async () => {
  const created = await w.create('local', 'Checkout breaks on save', {
    description: markdownToAdf('It **breaks** on save'),
    labels: ['ui'],
    priority: { name: 'High' },
  });
  await w.comment('local', created.key, 'First seen on Monday');
  await w.cycle();

  const store = gropius.seed.store;
  const copy = [...store.issues.values()].find((i) => i.title === 'Checkout breaks on save');
  if (!copy) throw new Error('the DEMO issue did not reach Gropius');
  const template = gropius.seed.template;
  expect(copy.body).toMatch(/^<!-- tandem:origin=[^\n]+ -->\nIt \*\*breaks\*\* on save$/);
  expect(template.states.find((s) => s.id === copy.stateId)?.name).toBe('Open');
  expect(template.priorities.find((p) => p.id === copy.priorityId)?.name).toBe('High');
  expect(copy.labelIds.map((id) => store.labels.get(id)?.name)).toEqual(['ui']);
  const copied = [...store.comments.values()].filter((c) => c.issueId === copy.id);
  expect(copied).toHaveLength(1);
  expect(copied[0]?.body).toContain('First seen on Monday');

  // Ana edits the issue in Gropius and adds a comment of her own.
  const closed = template.states.find((s) => s.name === 'Closed')?.id;
  await asAna(
    'mutation T($input: ChangeIssueTitleInput!) { changeIssueTitle(input: $input) { titleChangedEvent { id } } }',
    { issue: copy.id, title: 'Checkout breaks on save and load' },
  );
  const [marker] = copy.body.split('\n');
  await asAna('mutation B($input: UpdateBodyInput!) { updateBody(input: $input) { body { id } } }', {
    id: copy.bodyId,
    body: `${marker ?? ''}\nIt **breaks** on save, and on load`,
  });
  await asAna(
    'mutation S($input: ChangeIssueStateInput!) { changeIssueState(input: $input) { stateChangedEvent { id } } }',
    { issue: copy.id, state: closed },
  );
  const added = (await asAna(
    'mutation C($input: CreateIssueCommentInput!) { createIssueComment(input: $input) { issueComment { id } } }',
    { issue: copy.id, body: 'Fixed in **2.1**' },
  )) as { createIssueComment: { issueComment: { id: string } } };
  await w.cycle();

  const read = async () => {
    const { json } = await w.rest(
      'local',
      'GET',
      `/rest/api/3/issue/${created.key}?fields=summary,status,description,comment`,
    );
    return json as JiraIssue;
  };
  const back = await read();
  expect(back.fields.summary).toBe('Checkout breaks on save and load');
  expect(back.fields.status.name).toBe('Done');
  expect(adfToMarkdown(back.fields.description as never)).toBe('It **breaks** on save, and on load');
  const comments = back.fields.comment.comments.map((c) => adfToMarkdown(c.body as never));
  expect(comments).toHaveLength(2);
  expect(comments[0]).toBe('First seen on Monday');
  expect(comments[1]).toContain('Fixed in **2.1**');

  // Each side edits the comment written there; the edit reaches the copy on the other side.
  await asAna(
    'mutation U($input: UpdateIssueCommentInput!) { updateIssueComment(input: $input) { issueComment { id } } }',
    { id: added.createIssueComment.issueComment.id, body: 'Fixed in **2.1.1**' },
  );
  const jiraComment = back.fields.comment.comments[0]!;
  const edit = await w.rest('local', 'PUT', `/rest/api/3/issue/${created.key}/comment/${jiraComment.id}`, {
    body: markdownToAdf('First seen on Sunday'),
  });
  expect(edit.status).toBe(200);
  // And Jira's side edits the description, which Gropius gets with the origin marker kept on top.
  await w.edit('local', created.key, { description: markdownToAdf('It breaks on *every* save') });
  await w.cycle();
  expect(store.issues.get(copy.id)?.body).toBe(`${marker ?? ''}\nIt breaks on *every* save`);
  const again = (await read()).fields.comment.comments.map((c) => adfToMarkdown(c.body as never));
  expect(again).toHaveLength(2);
  expect(again[1]).toContain('Fixed in **2.1.1**');
  expect(store.comments.get(copied[0]!.id)?.body).toContain('First seen on Sunday');

  // Quiet afterwards: another cycle writes nothing on either side.
  const operations = gropius.server.operations.length;
  await w.cycle();
  const writes = gropius.server.operations
    .slice(operations)
    .filter((o) => !/List|Recent|Comments|Template|Label$/.test(o));
  expect(writes).toEqual([]);

  expect(gropius.server.rejected).toEqual([]);
  expect(gropius.server.operations).toEqual(
    expect.arrayContaining(['TandemCreateIssue', 'TandemCreateComment']),
  );
  expect(w.failedInvocations()).toEqual([]);
});
