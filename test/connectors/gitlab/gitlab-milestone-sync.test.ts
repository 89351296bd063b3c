/**
 * The engine between a Jira-like tracker whose fix versions are a typed version list (the fake tracker) and
 * GitLab (the fake whose routes and parameters are GitLab's), with a two-way rule fixVersions ↔ milestone:
 * a version list of one is the milestone and a milestone a list of one, each way; several versions and a
 * milestone the project lacks are errors on the pair that name them; with createMissing the milestone is
 * created; once settled a cycle writes nothing.
 */
import { gitlabConnector } from '../../../src/connectors/gitlab/gitlab-connector';
import type { EngineDeps } from '../../../src/core/cycle/engine-deps';
import { runCycle } from '../../../src/core/cycle/run-cycle';
import { ConnectionSchema } from '../../../src/core/schema/connection';
import { FakeTracker } from '../../fakes/fake-tracker';
import { MemoryStateStore } from '../../fakes/memory-state-store';
import { FakeGitLab, HOST } from './fake-gitlab';

async function world(createMissing: boolean) {
  const fake = new FakeGitLab();
  const now = () => new Date(fake.ms);
  const local = new FakeTracker({
    kind: 'jira',
    project: 'DEMO',
    now,
    typedFields: { fixVersions: { kind: 'versions', names: ['1.0', '2.0', '3.0'] } },
  });
  const connection = ConnectionSchema.parse({
    id: 'gl',
    name: 'GitLab',
    localProject: 'DEMO',
    remote: { kind: 'gitlab', project: fake.project, baseUrl: HOST },
    rules: [
      { kind: 'two-way', local: 'summary', remote: 'title' },
      { kind: 'two-way', local: 'fixVersions', remote: 'milestone.title', createMissing },
    ],
  });
  // Built by the registry, as the platform builds it: createMissing reaches the tracker from the rule.
  const remote = await gitlabConnector.create({
    connection,
    credential: (name) => Promise.resolve(name === 'token' ? 'glpat-test' : undefined),
    fetch: fake.fetch,
    now,
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
  const { fake, local, store, cycle } = await world(false);
  fake.userMilestone('1.0');
  const two = fake.userMilestone('2.0', 'closed');
  const l = local.userCreate({ summary: 'From Jira', fixVersions: ['1.0'] });
  expect((await cycle()).report.errors).toEqual([]);
  const titleOf = (id: number | null | undefined) => fake.milestoneTitles()[(id ?? 0) - 300] ?? null;
  expect(titleOf(fake.stored(1)?.milestone)).toBe('1.0');

  fake.userEdit(1, { milestone: two.id });
  expect((await cycle()).report.errors).toEqual([]);
  expect(local.snapshot().find((i) => i.id === l.id)?.fields.fixVersions).toEqual(['2.0']);

  local.resetCalls();
  const writes = () => fake.calls.filter((c) => !c.startsWith('GET')).length;
  const before = writes();
  const quiet = await cycle();
  expect(quiet.plan.mutations).toEqual([]);
  expect(local.writes).toBe(0);
  expect(writes()).toBe(before);

  local.userEdit(l.id, { fixVersions: ['1.0', '2.0'] });
  expect((await cycle()).report.errors).toEqual([
    expect.objectContaining({
      message: expect.stringContaining('one milestone per issue, not 2: "1.0", "2.0"') as unknown,
    }),
  ]);
  expect(titleOf(fake.stored(1)?.milestone)).toBe('2.0');

  local.userEdit(l.id, { fixVersions: ['3.0'], summary: 'Renamed' });
  expect((await cycle()).report.errors).toEqual([
    expect.objectContaining({
      message: expect.stringContaining('has no milestone "3.0"; create it there') as unknown,
    }),
  ]);
  expect(fake.stored(1)?.title).toBe('Renamed');
  expect(fake.milestoneTitles()).toEqual(['1.0', '2.0']);
  expect(store.all('gl')[0]?.status).toEqual(expect.objectContaining({ state: 'error' }));
  expect(fake.violations).toEqual([]);
});

it('creates the missing milestone when the rule says createMissing', async () => {
  const { fake, local, cycle } = await world(true);
  local.userCreate({ summary: 'From Jira', fixVersions: ['3.0'] });
  expect((await cycle()).report.errors).toEqual([]);
  expect(fake.milestoneTitles()).toEqual(['3.0']);
  expect(fake.stored(1)?.milestone).toBe(300);
  expect(fake.violations).toEqual([]);
});
