/**
 * The Gropius connector against the schema-backed server (sandbox/gropius): every request it sends is
 * validated against Gropius' published schema there, so these tests also fail on a query the API rejects.
 */
import { GropiusClient } from '../../../src/connectors/gropius/gropius-client';
import { GropiusTracker } from '../../../src/connectors/gropius/gropius-tracker';
import { TrackerError } from '../../../src/core/errors';
import { seedGropius, type GropiusSeed } from '../../../sandbox/gropius/gropius-seed';
import { startGropiusServer, type GropiusServer } from '../../../sandbox/gropius/gropius-server';
import { nodeFetch } from '../node-fetch';

let servers: GropiusServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function world(opts: { originField?: boolean; token?: string } = {}) {
  const seed: GropiusSeed = seedGropius(opts);
  const server = await startGropiusServer(seed.store);
  servers.push(server);
  const client = new GropiusClient(server.endpoint, opts.token ?? seed.token, nodeFetch, 'Gropius (test)');
  return { seed, server, tracker: new GropiusTracker({ client, trackable: seed.project.id }) };
}

test('an issue is created with its state, priority, type and labels, and reads back as written', async () => {
  const { tracker } = await world();
  const created = await tracker.createIssue(
    {
      title: 'Checkout fails',
      description: '**Steps**: pay',
      'state.name': 'In Progress',
      'priority.name': 'High',
      'type.name': 'Bug',
      labels: ['ui', 'payments'],
    },
    'c1:local:10001',
  );
  expect(created.fields).toMatchObject({
    title: 'Checkout fails',
    description: '**Steps**: pay',
    state: { name: 'In Progress', isOpen: true },
    priority: { name: 'High' },
    type: { name: 'Bug' },
    labels: ['payments', 'ui'],
  });
  expect(created.origin).toBe('c1:local:10001');
  const [again] = await tracker.getIssues([created.id]);
  expect(again?.fields).toEqual(created.fields);
});

test("the origin sits on the body's first line without a template field, and in the field with one", async () => {
  const plain = await world();
  const a = await plain.tracker.createIssue({ title: 'a', description: 'text' }, 'c1:local:1');
  const stored = plain.seed.store.issues.get(a.id);
  expect(stored?.body.split('\n')[0]).toBe('<!-- tandem:origin=c1%3Alocal%3A1 -->');
  expect((await plain.tracker.findIssueByOrigin('c1:local:1'))?.id).toBe(a.id);

  const fielded = await world({ originField: true });
  const b = await fielded.tracker.createIssue({ title: 'b', description: 'text' }, 'c1:local:2');
  const held = fielded.seed.store.issues.get(b.id);
  expect(held?.body).toBe('text');
  expect(held?.templatedFields.tandemOrigin).toBe('c1:local:2');
  expect((await fielded.tracker.findIssueByOrigin('c1:local:2'))?.id).toBe(b.id);
  expect(await fielded.tracker.findIssueByOrigin('c1:local:3')).toBeUndefined();
});

test('updateIssue writes each change and answers what Gropius now holds; the marker survives a new body', async () => {
  const { tracker, seed } = await world();
  const issue = await tracker.createIssue({ title: 't', description: 'old', labels: ['a', 'b'] }, 'o:1');
  const held = await tracker.updateIssue(issue.id, {
    title: 't2',
    description: 'new',
    'state.name': 'closed',
    'priority.name': 'Low',
    labels: ['b', 'c'],
  });
  expect(held).toEqual({
    title: 't2',
    description: 'new',
    'state.name': 'Closed',
    'priority.name': 'Low',
    labels: ['b', 'c'],
  });
  expect(seed.store.issues.get(issue.id)?.body).toBe('<!-- tandem:origin=o%3A1 -->\nnew');
  expect((await tracker.findIssueByOrigin('o:1'))?.fields.title).toBe('t2');
});

test('a state the template lacks is refused by name and nothing is written', async () => {
  const { tracker, seed } = await world();
  const issue = await tracker.createIssue({ title: 't' }, 'o:2');
  const before = JSON.stringify(seed.store.issues.get(issue.id));
  const err = await tracker
    .updateIssue(issue.id, { title: 'changed', 'state.name': 'Done' })
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TrackerError);
  expect((err as TrackerError).message).toMatch(
    /no state "Done"; it has (?=.*"Open")(?=.*"In Progress")(?=.*"Closed")/,
  );
  expect(JSON.stringify(seed.store.issues.get(issue.id))).toBe(before);
});

test('incremental reads: oldest first, inclusive of since, by cursor, and a comment counts as a change', async () => {
  const { tracker } = await world();
  const made = [];
  for (let i = 0; i < 105; i++) made.push(await tracker.createIssue({ title: `i${i}` }, `o:${i}`));
  const first = await tracker.listUpdatedSince(undefined);
  expect(first.items).toHaveLength(100);
  expect(first.next).toBeDefined();
  const second = await tracker.listUpdatedSince(undefined, first.next);
  expect(second.items.map((i) => i.fields.title)).toEqual(['i100', 'i101', 'i102', 'i103', 'i104']);
  expect(second.next).toBeUndefined();

  const target = made[3]!;
  await tracker.addComment(target.id, 'hello', 'oc:1');
  const commented = (await tracker.getIssues([target.id]))[0]!;
  const since = await tracker.listUpdatedSince(commented.updated);
  expect(since.items.map((i) => i.id)).toEqual([target.id]);
});

test('comments: added with a marker, edited keeping it, deleted (twice is fine)', async () => {
  const { tracker, seed } = await world();
  const issue = await tracker.createIssue({ title: 't' }, 'o:c');
  const c = await tracker.addComment(issue.id, 'first', 'oc:9', 'Ana Lima wrote in DEMO:');
  expect(c.origin).toBe('oc:9');
  expect(c.body).toBe('*Ana Lima wrote in DEMO:*\n\nfirst');
  await tracker.updateComment(issue.id, c.id, 'edited', 'Ana Lima wrote in DEMO:');
  const [read] = await tracker.listComments(issue.id);
  expect(read).toMatchObject({ id: c.id, body: '*Ana Lima wrote in DEMO:*\n\nedited', origin: 'oc:9' });
  await tracker.deleteComment(issue.id, c.id);
  await tracker.deleteComment(issue.id, c.id);
  expect(await tracker.listComments(issue.id)).toEqual([]);
  expect(seed.store.comments.get(c.id)?.isDeleted).toBe(true);
});

test('findIssue takes an issue id of this project only; other text is invalid before any request', async () => {
  const { tracker, server } = await world();
  const other = await world();
  const mine = await tracker.createIssue({ title: 'mine' }, 'o:f');
  const theirs = await other.tracker.createIssue({ title: 'theirs' }, 'o:g');
  expect(await tracker.findIssue(mine.id)).toMatchObject({ outcome: 'found', issue: { id: mine.id } });
  expect(await tracker.findIssue(theirs.id)).toEqual({ outcome: 'not-in-connection' });
  const calls = server.operations.length;
  expect(await tracker.findIssue('") { id } #')).toMatchObject({ outcome: 'invalid' });
  expect(server.operations.length).toBe(calls);
});

test('a read-only token is refused on writes with a permission error, not retried', async () => {
  const { tracker, seed } = await world();
  const issue = await tracker.createIssue({ title: 't' }, 'o:r');
  const client = new GropiusClient(servers[0]!.endpoint, seed.readerToken, nodeFetch, 'Gropius (reader)');
  const reader = new GropiusTracker({ client, trackable: seed.project.id });
  const err = (await reader.updateIssue(issue.id, { title: 'x' }).catch((e: unknown) => e)) as TrackerError;
  expect(err.code).toBe('forbidden');
  expect(err.isRetryable).toBe(false);
  const bad = new GropiusTracker({
    client: new GropiusClient(servers[0]!.endpoint, 'wrong', nodeFetch, 'Gropius (bad token)'),
    trackable: seed.project.id,
  });
  const denied = (await bad.listUpdatedSince(undefined).catch((e: unknown) => e)) as TrackerError;
  expect(denied.status).toBe(403);
  expect(denied.message).not.toContain('wrong');
});

test('a new issue without a state starts Open', async () => {
  const { tracker } = await world();
  for (let i = 0; i < 3; i++)
    expect((await tracker.createIssue({ title: `n${i}` }, `o:n${i}`)).fields.state).toEqual({
      name: 'Open',
      isOpen: true,
    });
});
