/**
 * The engine between a Jira-like tracker whose fix versions are a typed version list (the fake tracker, as
 * Jira reads them: names, sorted) and GitHub (the contract-checked fake), with a two-way rule fixVersions ↔
 * milestone: a version list of one is the milestone and a milestone is a list of one, each way; several
 * versions and a milestone the repository lacks are errors on the pair that name them; once settled a
 * cycle writes nothing.
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

function world() {
  const fake = new FakeGitHub(api);
  const now = () => new Date(fake.ms);
  const local = new FakeTracker({
    kind: 'jira',
    project: 'DEMO',
    now,
    typedFields: { fixVersions: { kind: 'versions', names: ['1.0', '2.0', '3.0'] } },
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
    rules: [
      { kind: 'two-way', local: 'summary', remote: 'title' },
      { kind: 'two-way', local: 'fixVersions', remote: 'milestone.title' },
    ],
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
  const cycle = async () => {
    fake.ms += 5000;
    const result = await runCycle(deps, connection);
    if (result.outcome !== 'executed') throw new Error(result.outcome);
    return result;
  };
  return { fake, local, store, cycle };
}

it('syncs fix versions with the milestone both ways, names what cannot be written, then rests', async () => {
  const { fake, local, store, cycle } = world();
  fake.userMilestone('1.0');
  const two = fake.userMilestone('2.0', 'closed');
  const l = local.userCreate({ summary: 'From Jira', fixVersions: ['1.0'] });
  expect((await cycle()).report.errors).toEqual([]);
  const copy = fake.snapshot(1);
  expect(copy).toEqual(expect.objectContaining({ title: 'From Jira' }));
  expect(copy?.milestone?.title).toBe('1.0');

  // GitHub → Jira: a milestone is a version list of one.
  fake.userEdit(1, { milestone: two });
  expect((await cycle()).report.errors).toEqual([]);
  expect(local.snapshot().find((i) => i.id === l.id)?.fields.fixVersions).toEqual(['2.0']);

  // Settled: nothing is written either way.
  local.resetCalls();
  const writesBefore = fake.calls.filter((c) => !c.startsWith('GET')).length;
  const quiet = await cycle();
  expect(quiet.plan.mutations).toEqual([]);
  expect(local.writes).toBe(0);
  expect(fake.calls.filter((c) => !c.startsWith('GET')).length).toBe(writesBefore);

  // Jira → GitHub: two versions cannot be one milestone; the pair says which, and GitHub keeps its own.
  local.userEdit(l.id, { fixVersions: ['1.0', '2.0'] });
  const several = await cycle();
  expect(several.report.errors).toEqual([
    expect.objectContaining({
      message: expect.stringContaining('one milestone per issue, not 2: "1.0", "2.0"') as unknown,
    }),
  ]);
  expect(fake.snapshot(1)?.milestone?.title).toBe('2.0');

  // A version the repository has no milestone for: named on the pair, none created, the title still syncs.
  local.userEdit(l.id, { fixVersions: ['3.0'], summary: 'Renamed' });
  const missing = await cycle();
  expect(missing.report.errors).toEqual([
    expect.objectContaining({
      message: expect.stringContaining('has no milestone "3.0"; create it there') as unknown,
    }),
  ]);
  expect(fake.snapshot(1)).toEqual(expect.objectContaining({ title: 'Renamed' }));
  expect(fake.milestoneTitles()).toEqual(['1.0', '2.0']);
  expect(store.all('gh')[0]?.status).toEqual(expect.objectContaining({ state: 'error' }));

  // Once a person adds the milestone, the next cycle writes it and the pair is well again.
  fake.userMilestone('3.0');
  expect((await cycle()).report.errors).toEqual([]);
  expect(fake.snapshot(1)?.milestone?.title).toBe('3.0');
  expect(fake.violations).toEqual([]);
});
