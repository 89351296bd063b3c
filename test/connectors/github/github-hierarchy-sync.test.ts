/**
 * The hierarchy rule between a tracker that keeps parents as Jira does (the fake tracker: epic, task and
 * sub-task levels) and GitHub's sub-issues (the contract-checked fake): a Jira tree is copied as a tree of
 * sub-issues over a cycle and its follow-ups, a move on GitHub moves the Jira partner, a move in Jira moves
 * the GitHub partner, a new sub-issue is copied under its parent's partner, and once settled a cycle writes
 * nothing.
 */
import { Octokit } from '@octokit/rest';
import type { OpenAPIBackend } from 'openapi-backend';
import { fetchFor } from '../../../src/connectors/github/github-fetch';
import { GitHubTracker } from '../../../src/connectors/github/github-tracker';
import type { EngineDeps } from '../../../src/core/cycle/engine-deps';
import { runCycle, type CycleResult } from '../../../src/core/cycle/run-cycle';
import { ConnectionSchema } from '../../../src/core/schema/connection';
import { MAX_FOLLOW_UP_CHAIN } from '../../../src/core/work/work-items';
import { followUpOf } from '../../../src/core/work/run-work-item';
import { FakeTracker } from '../../fakes/fake-tracker';
import { MemoryStateStore } from '../../fakes/memory-state-store';
import { FakeGitHub } from './fake-github';
import { API } from './github-shapes';
import { githubApi } from './github-openapi';

let api: OpenAPIBackend;

beforeAll(async () => {
  api = await githubApi();
}, 120_000);

function world() {
  const fake = new FakeGitHub(api);
  const now = () => new Date(fake.ms);
  const local = new FakeTracker({
    kind: 'jira',
    project: 'DEMO',
    now,
    hierarchy: { typePath: 'issuetype.name', levels: { Epic: 1, Task: 0, 'Sub-task': -1 } },
  });
  const remote = new GitHubTracker({
    octokit: new Octokit({ baseUrl: API, request: { fetch: fetchFor(fake.fetch) } }),
    repo: fake.repo,
    now,
  });
  const connection = ConnectionSchema.parse({
    id: 'gh',
    name: 'GitHub',
    localProject: 'DEMO',
    remote: { kind: 'github', project: fake.repo },
    rules: [{ kind: 'two-way', local: 'summary', remote: 'title' }, { kind: 'hierarchy' }],
  });
  let ids = 0;
  const store = new MemoryStateStore(() => fake.ms);
  const deps: EngineDeps = {
    local,
    remote,
    store,
    clock: { now, remainingMs: () => Number.POSITIVE_INFINITY },
    newId: () => `p${++ids}`,
  };
  const clean = (r: CycleResult): Extract<CycleResult, { outcome: 'executed' }> => {
    if (r.outcome !== 'executed') throw new Error(r.outcome);
    expect(r.report.errors).toEqual([]);
    return r;
  };
  /** A cycle and the follow-ups it asks for, as the work queue runs them. */
  const cycle = async () => {
    fake.ms += 5000;
    let r = clean(await runCycle(deps, connection));
    for (let depth = 1; depth <= MAX_FOLLOW_UP_CHAIN; depth++) {
      const f = followUpOf(connection.id, r.plan, depth);
      if (!f) break;
      r = clean(await runCycle(deps, connection, { scope: { kind: 'issues', ...f.body.issues } }));
    }
    return r;
  };
  const partnerOf = (localId: string) => {
    const pair = store.all(connection.id).find((p) => p.local?.id === localId);
    if (!pair?.remote) throw new Error(`${localId} has no partner`);
    return Number(pair.remote.id);
  };
  return { fake, local, store, cycle, partnerOf };
}

it('copies a Jira tree as sub-issues, follows moves on either side, then rests', async () => {
  const { fake, local, store, cycle, partnerOf } = world();
  const epic = local.userCreate({ summary: 'Epic', 'issuetype.name': 'Epic' });
  const task = local.userCreate({ summary: 'Task', 'issuetype.name': 'Task', parent: epic.id });
  const sub = local.userCreate({ summary: 'Sub', 'issuetype.name': 'Sub-task', parent: task.id });
  await cycle();
  const [e, t, s] = [epic.id, task.id, sub.id].map(partnerOf);
  expect([e, t, s].map((n) => fake.snapshot(n ?? 0)?.title)).toEqual(['Epic', 'Task', 'Sub']);
  expect([e, t, s].map((n) => fake.snapshot(n ?? 0)?.parent ?? null)).toEqual([null, e, t]);
  expect(store.all('gh').every((p) => p.status.state === 'ok')).toBe(true);

  // A person on GitHub takes the task out from under the epic: the Jira task follows.
  fake.userSetParent(t ?? 0, null);
  await cycle();
  expect(local.parentOf(task.id)).toBeNull();
  expect(local.parentOf(sub.id)).toBe(task.id);

  // Someone in Jira puts it back: the sub-issue follows.
  local.userSetParent(task.id, epic.id);
  await cycle();
  expect(fake.snapshot(t ?? 0)?.parent).toBe(e);

  // A person opens a sub-issue under the epic's copy on GitHub: its Jira copy is created under the epic.
  const story = fake.userCreate({ title: 'Story' });
  fake.userSetParent(story.number, e ?? 0);
  await cycle();
  const storyCopy = local.snapshot().find((i) => i.fields.summary === 'Story');
  expect(storyCopy && local.parentOf(storyCopy.id)).toBe(epic.id);

  // Settled: nothing is written either way.
  local.resetCalls();
  const writes = () => fake.calls.filter((c) => !c.startsWith('GET')).length;
  const before = writes();
  const quiet = await cycle();
  expect(quiet.plan.mutations).toEqual([]);
  expect(local.writes).toBe(0);
  expect(writes()).toBe(before);
  expect(fake.violations).toEqual([]);
});
