/**
 * The schema-backed Gropius server that the connector's tests and the sandbox use: it must refuse what the
 * real API refuses (no token, an unknown field, a write without permission) and page by keyset.
 */
import { seedDefaultTemplate, GropiusStore } from '../../../sandbox/gropius/gropius-store';
import { startGropiusServer, type GropiusServer } from '../../../sandbox/gropius/gropius-server';

let server: GropiusServer;
let projectId: string;
let templateId: string;
let stateId: string;
let typeId: string;

const post = (body: unknown, token?: string) =>
  fetch(server.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  const store = new GropiusStore();
  const admin = store.addUser(
    { username: 'ana', displayName: 'Ana', email: null, isAdmin: false },
    'tok-ana',
  );
  const reader = store.addUser(
    { username: 'rui', displayName: 'Rui', email: null, isAdmin: false },
    'tok-rui',
  );
  const project = store.addProject('Partner');
  store.grant(project.id, admin.id, 'ADMIN');
  store.grant(project.id, reader.id, 'READ');
  const template = seedDefaultTemplate(store);
  projectId = project.id;
  templateId = template.id;
  stateId = template.states[0]!.id;
  typeId = template.types[0]!.id;
  server = await startGropiusServer(store);
});
afterAll(() => server.close());

const CREATE = `mutation Create($input: CreateIssueInput!) { createIssue(input: $input) { issue { id title lastUpdatedAt } } }`;
const input = (title: string) => ({
  title,
  body: 'text',
  template: templateId,
  state: stateId,
  type: typeId,
  trackables: [projectId],
  templatedFields: [],
});

test('no bearer token and an unknown token are refused with 403, as Gropius answers', async () => {
  expect((await post({ query: '{ currentUser { id } }' })).status).toBe(403);
  expect((await post({ query: '{ currentUser { id } }' }, 'nope')).status).toBe(403);
  const ok = await post({ query: '{ currentUser { username } }' }, 'tok-ana');
  expect(await ok.json()).toEqual({ data: { currentUser: { username: 'ana' } } });
});

test('a field the schema lacks is a validation error, and nothing runs', async () => {
  const res = await post({ query: '{ currentUser { id shoeSize } }' }, 'tok-ana');
  const body = (await res.json()) as { errors: { message: string }[]; data?: unknown };
  expect(body.data).toBeUndefined();
  expect(body.errors[0]?.message).toMatch(/Cannot query field "shoeSize" on type "GropiusUser"/);
});

test('a reader may not create an issue, and the store is unchanged', async () => {
  const before = server.store.issues.size;
  const res = await post({ query: CREATE, variables: { input: input('nope') } }, 'tok-rui');
  const body = (await res.json()) as { errors?: { message: string }[] };
  expect(body.errors?.[0]?.message).toMatch(/CREATE_ISSUES/);
  expect(server.store.issues.size).toBe(before);
});

test('issues page by lastUpdatedAt with cursors; an issue edited mid-read moves behind the cursor', async () => {
  const ids: string[] = [];
  for (const t of ['a', 'b', 'c']) {
    const res = await post({ query: CREATE, variables: { input: input(t) } }, 'tok-ana');
    ids.push(
      ((await res.json()) as { data: { createIssue: { issue: { id: string } } } }).data.createIssue.issue.id,
    );
  }
  const LIST = `query L($p: ID!, $after: String) { node(id: $p) { ... on Trackable { issues(first: 2, after: $after,
    orderBy: [{ field: LAST_UPDATED_AT, direction: ASC }]) { nodes { title } pageInfo { hasNextPage endCursor } } } } }`;
  type Page = {
    data: {
      node: { issues: { nodes: { title: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    };
  };
  const first = ((await (await post({ query: LIST, variables: { p: projectId } }, 'tok-ana')).json()) as Page)
    .data.node.issues;
  expect(first.nodes.map((n) => n.title)).toEqual(['a', 'b']);
  expect(first.pageInfo.hasNextPage).toBe(true);
  // 'a' is edited between the pages: it comes again at the end, and 'c' is not skipped.
  await post(
    {
      query: `mutation T($i: ChangeIssueTitleInput!) { changeIssueTitle(input: $i) { titleChangedEvent { id } } }`,
      variables: { i: { issue: ids[0], title: 'a2' } },
    },
    'tok-ana',
  );
  const second = (
    (await (
      await post({ query: LIST, variables: { p: projectId, after: first.pageInfo.endCursor } }, 'tok-ana')
    ).json()) as Page
  ).data.node.issues;
  expect(second.nodes.map((n) => n.title)).toEqual(['c', 'a2']);
  expect(second.pageInfo.hasNextPage).toBe(false);
});
