/**
 * The engine between a local tracker and GitHub (the contract-checked fake): issues and comments go both
 * ways, pull requests stay out, and once settled a cycle writes nothing.
 */
import { Octokit } from '@octokit/rest';
import type { OpenAPIBackend } from 'openapi-backend';
import { fetchFor } from '../../../src/connectors/github/github-fetch';
import { GitHubTracker } from '../../../src/connectors/github/github-tracker';
import type { EngineDeps } from '../../../src/core/cycle/engine-deps';
import { runCycle } from '../../../src/core/cycle/run-cycle';
import { ConnectionSchema } from '../../../src/core/schema/connection';
import { FakeTracker } from '../../fakes/fake-tracker';
import { MemoryStateStore } from '../../fakes/memory-state-store';
import { FakeGitHub } from './fake-github';
import { API } from './github-shapes';
import { githubApi } from './github-openapi';

let api: OpenAPIBackend;

beforeAll(async () => {
  api = await githubApi();
}, 120_000);

it('syncs issues and comments with GitHub both ways and then rests', async () => {
  const fake = new FakeGitHub(api);
  const now = () => new Date(fake.ms);
  const local = new FakeTracker({ kind: 'jira', project: 'DEMO', now });
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
    rules: [
      { kind: 'two-way', local: 'summary', remote: 'title' },
      { kind: 'two-way', local: 'description', remote: 'body' },
      {
        kind: 'two-way',
        local: 'status.name',
        remote: 'state',
        map: [
          { local: 'Done', remote: 'closed' },
          { local: 'To Do', remote: 'open' },
        ],
      },
      { kind: 'two-way', local: 'labels', remote: 'labels', mergeSets: true },
      { kind: 'messages', allOutgoing: true },
    ],
  });
  let ids = 0;
  const deps: EngineDeps = {
    local,
    remote,
    store: new MemoryStateStore(() => fake.ms),
    clock: { now, remainingMs: () => Number.POSITIVE_INFINITY },
    newId: () => `p${++ids}`,
  };
  const cycle = async () => {
    fake.ms += 5000;
    const result = await runCycle(deps, connection);
    if (result.outcome !== 'executed') throw new Error(result.outcome);
    expect(result.report.errors).toEqual([]);
    return result;
  };

  const l = local.userCreate({
    summary: 'From Jira',
    description: 'Steps',
    status: { name: 'To Do' },
    labels: ['ui'],
  });
  local.userComment(l.id, 'first look');
  const r = fake.userCreate({ title: 'From GitHub', body: 'Please **fix**', labels: ['bug'] });
  fake.userCreate({ title: 'A pull request', pullRequest: true });
  await cycle();

  const copy = fake.snapshot(3);
  expect(copy).toEqual(expect.objectContaining({ title: 'From Jira', labels: ['ui'], state: 'open' }));
  expect(fake.commentsOf(3).map((c) => c.body)).toEqual([
    '*Alice wrote in DEMO:*\n\nfirst look\n\n<!-- tandem:origin=tandem%3Agh%3Alc%3A100001 -->',
  ]);
  const mirrored = local.snapshot().find((i) => i.fields.summary === 'From GitHub');
  expect(mirrored?.fields).toEqual(
    expect.objectContaining({ description: 'Please **fix**', labels: ['bug'] }),
  );
  expect(local.snapshot().some((i) => i.fields.summary === 'A pull request')).toBe(false);

  fake.userCreate({ title: 'unrelated later issue' });
  await cycle();
  local.resetCalls();
  const quiet = await cycle();
  expect(quiet.plan.mutations).toEqual([]);
  expect(local.writes).toBe(0);
  expect(r.number).toBe(1);
  expect(fake.violations).toEqual([]);
});
