/**
 * Every push, pull_request, create and delete example of @octokit/webhooks-examples (api.github.com), signed
 * with the demo GitHub integration's secret and POSTed to its web trigger URL, ends as development
 * information on the emulated site under the expected issue key.
 *
 * The examples name no Jira issue, so they are rewritten deterministically (nothing else is changed):
 * - example n (push, then pull_request, create, delete, in the package's order) gets key DEMO-(n mod 20 + 1),
 *   an issue of the seeded DEMO project;
 * - push: every commit and head commit message starts with the key; `refs/heads/<b>` becomes
 *   `refs/heads/<key>-<b>`; tag refs stay;
 * - pull_request: the title starts with the key;
 * - create and delete: the package has only tag examples, and Jira has no tag entity. Each is sent as it is
 *   (acknowledged, recorded, nothing stored) and once more as a branch event for `<key>-<ref>`: a created
 *   branch is built from the push GitHub sends with it (sent next), a deleted one is removed.
 * The same commit and pull request ids recur across examples, so each example is checked right after it
 * is processed; the update sequence of an entity must grow from one example to the next.
 */
import examples from '@octokit/webhooks-examples/api.github.com/index.json';
import { z } from 'zod';
import {
  deliverGithub,
  devInfoOf,
  entityOn,
  jiraJsFailures,
  settle,
  startDevInfoWorld,
  type DevInfoWorld,
} from './harness';
import { containing } from './matchers';

const Definition = z.looseObject({ name: z.string(), examples: z.array(z.record(z.string(), z.unknown())) });
type Payload = Record<string, unknown>;

const EVENTS = ['push', 'pull_request', 'create', 'delete'] as const;
type Event = (typeof EVENTS)[number];

const Commit = z.looseObject({ id: z.string(), message: z.string() });
const Push = z.looseObject({
  ref: z.string(),
  deleted: z.boolean(),
  commits: z.array(Commit),
  head_commit: Commit.nullable(),
});
const PullRequest = z.looseObject({
  pull_request: z.looseObject({
    number: z.number(),
    title: z.string(),
    state: z.string(),
    merged: z.boolean().nullish(),
  }),
});
const RefEvent = z.looseObject({ ref: z.string(), ref_type: z.string() });

const all = z.array(Definition).parse(examples);
const cases: { event: Event; index: number; key: string; payload: Payload }[] = [];
for (const event of EVENTS) {
  for (const [index, payload] of (all.find((d) => d.name === event)?.examples ?? []).entries()) {
    cases.push({ event, index, key: `DEMO-${(cases.length % 20) + 1}`, payload });
  }
}

const clone = (p: Payload): Payload => z.record(z.string(), z.unknown()).parse(JSON.parse(JSON.stringify(p)));

function withKeyInMessages(payload: Payload, key: string): Payload {
  const p = clone(payload);
  const push = Push.parse(p);
  for (const c of push.commits) c.message = `${key} ${c.message}`;
  if (push.head_commit) push.head_commit.message = `${key} ${push.head_commit.message}`;
  if (push.ref.startsWith('refs/heads/'))
    push.ref = `refs/heads/${key}-${push.ref.slice('refs/heads/'.length)}`;
  return push;
}

/** A push of `branch` whose head is the package's first branch push, for the create/delete variants. */
function branchPush(key: string, branch: string): Payload {
  const source = cases.find((c) => c.event === 'push' && Push.parse(c.payload).ref.startsWith('refs/heads/'));
  if (!source) throw new Error('the package has no branch push example');
  const push = Push.parse(withKeyInMessages(source.payload, key));
  push.ref = `refs/heads/${branch}`;
  return push;
}

let w: DevInfoWorld;
const sequences = new Map<string, number>();

beforeAll(async () => {
  w = await startDevInfoWorld();
});
afterAll(async () => {
  await w.close();
});

/** The entity is on the issue with the key, and its update sequence grew since it was last seen. */
function expectOn(key: string, kind: 'commits' | 'branches' | 'pullRequests', id: string) {
  const entity = entityOn(w, key, kind, id);
  expect(entity?.issueKeys).toContain(key);
  const seen = sequences.get(`${kind}/${id}`);
  if (entity && seen !== undefined) expect(entity.updateSequenceId).toBeGreaterThan(seen);
  if (entity) sequences.set(`${kind}/${id}`, entity.updateSequenceId);
  return entity;
}

it('covers every example the package has for the four events', () => {
  const counts = Object.fromEntries(EVENTS.map((e) => [e, cases.filter((c) => c.event === e).length]));
  expect(counts).toEqual({ push: 7, pull_request: 29, create: 5, delete: 4 });
});

describe.each(cases.filter((c) => c.event === 'push'))('push example $index ($key)', ({ payload, key }) => {
  it('is accepted and stored under its key', async () => {
    const push = Push.parse(withKeyInMessages(payload, key));
    const answer = await deliverGithub(w, 'push', push);
    await settle(w);
    const commits = [...push.commits, ...(push.head_commit ? [push.head_commit] : [])];
    if (commits.length === 0) {
      // A deleted tag: nothing in Jira to change; acknowledged and recorded.
      expect(answer).toMatchObject({ status: 200, body: { accepted: false } });
      return;
    }
    expect(answer.status).toBe(202);
    for (const id of new Set(commits.map((c) => c.id))) expectOn(key, 'commits', id);
    if (push.ref.startsWith('refs/heads/')) expectOn(key, 'branches', push.ref.slice('refs/heads/'.length));
  });
});

describe.each(cases.filter((c) => c.event === 'push' && Push.parse(c.payload).deleted))(
  'push example $index as a deleted branch ($key)',
  ({ payload, key }) => {
    it('removes the branch entity', async () => {
      const branch = `${key}-simple-tag-${cases.indexOf(cases.find((c) => c.payload === payload) ?? cases[0]!)}`;
      await deliverGithub(w, 'push', branchPush(key, branch));
      await settle(w);
      expectOn(key, 'branches', branch);
      const deletion = { ...clone(payload), ref: `refs/heads/${branch}` };
      expect((await deliverGithub(w, 'push', deletion)).status).toBe(202);
      await settle(w);
      expect(entityOn(w, key, 'branches', branch)).toBeUndefined();
    });
  },
);

describe.each(cases.filter((c) => c.event === 'pull_request'))(
  'pull_request example $index ($key)',
  ({ payload, key }) => {
    it('is stored with its status under its key', async () => {
      const p = PullRequest.parse(clone(payload));
      p.pull_request.title = `${key} ${p.pull_request.title}`;
      expect((await deliverGithub(w, 'pull_request', p)).status).toBe(202);
      await settle(w);
      const pr = expectOn(key, 'pullRequests', String(p.pull_request.number));
      const expected = p.pull_request.merged
        ? 'MERGED'
        : p.pull_request.state === 'closed'
          ? 'DECLINED'
          : 'OPEN';
      expect(pr?.status).toBe(expected);
    });
  },
);

it('stores a merged pull request as MERGED (closed example with merged set)', async () => {
  const closed = cases.find(
    (c) => c.event === 'pull_request' && PullRequest.parse(c.payload).pull_request.state === 'closed',
  );
  const p = PullRequest.parse(clone(closed!.payload));
  p.pull_request.title = `DEMO-20 ${p.pull_request.title}`;
  p.pull_request.merged = true;
  expect((await deliverGithub(w, 'pull_request', p)).status).toBe(202);
  await settle(w);
  expect(expectOn('DEMO-20', 'pullRequests', String(p.pull_request.number))?.status).toBe('MERGED');
});

describe.each(cases.filter((c) => c.event === 'create' || c.event === 'delete'))(
  '$event example $index ($key)',
  ({ event, index, payload, key }) => {
    it('as sent (a tag): acknowledged, recorded, nothing stored', async () => {
      const before = devInfoOf(w, key).length;
      const answer = await deliverGithub(w, event, payload);
      expect(answer).toMatchObject({ status: 200, body: { accepted: false, reason: containing('tag') } });
      await settle(w);
      expect(devInfoOf(w, key).length).toBe(before);
    });

    it('as a branch event: created with its push, deleted by it', async () => {
      const branch = `${key}-${RefEvent.parse(payload).ref}-${event}-${index}`;
      const asBranch = { ...clone(payload), ref: branch, ref_type: 'branch' };
      if (event === 'create') {
        expect((await deliverGithub(w, 'create', asBranch)).status).toBe(200);
        expect((await deliverGithub(w, 'push', branchPush(key, branch))).status).toBe(202);
        await settle(w);
        expectOn(key, 'branches', branch);
      } else {
        await deliverGithub(w, 'push', branchPush(key, branch));
        await settle(w);
        expectOn(key, 'branches', branch);
        expect((await deliverGithub(w, 'delete', asBranch)).status).toBe(202);
        await settle(w);
        expect(entityOn(w, key, 'branches', branch)).toBeUndefined();
      }
    });
  },
);

it('sent only payloads that jira.js and the OpenAPI document accept', async () => {
  expect(w.emulator.bulkBodies.length).toBeGreaterThan(20);
  const check = await jiraJsFailures(w.emulator.bulkBodies);
  expect(check).toEqual({ checked: w.emulator.bulkBodies.length, failures: [] });
  expect(w.emulator.contractViolations).toEqual([]);
}, 30_000);
