/**
 * Typed fields (a select, a version list) between two fake trackers that, as Jira does, hold only the
 * options and versions their project has: a value the other side lacks is named on the pair, and nothing
 * the pair settles later is lost to it.
 */
import type { ConnectionInput } from '../../src/core/schema/connection';
import { DEFAULT_RULES, makeWorld, type World } from './harness';

function typedWorld() {
  const rules = [
    ...DEFAULT_RULES,
    { kind: 'two-way', local: 'Severity', remote: 'Severity' },
    { kind: 'two-way', local: 'fixVersions', remote: 'fixVersions', mergeSets: true },
  ] as ConnectionInput['rules'];
  const typed = (options: string[], names: string[]) => ({
    typedFields: {
      Severity: { kind: 'select' as const, options },
      fixVersions: { kind: 'versions' as const, names },
    },
  });
  return makeWorld(
    { rules },
    { local: typed(['Low', 'High', 'Blocker'], ['1.0', '3.0']), remote: typed(['Low', 'High'], ['1.0']) },
  );
}

async function linked(w: World) {
  const local = w.local.userCreate({ summary: 'A', 'status.name': 'To Do' });
  await w.cycle();
  const remote = w.remote.snapshot()[0]!;
  return { local: local.id, remote: remote.id };
}

const fields = (w: World, ids: { local: string; remote: string }, path: string) => [
  w.local.snapshot().find((i) => i.id === ids.local)?.fields[path],
  w.remote.snapshot().find((i) => i.id === ids.remote)?.fields[path],
];
const statusOf = (w: World) => w.store.all(w.connection.id)[0]?.status;
const errorOf = (w: World) => {
  const status = statusOf(w);
  return status?.state === 'error' ? status.message : `not in error: ${JSON.stringify(status)}`;
};

it('an option the other side lacks is named on the pair; picking one it has settles the pair', async () => {
  const w = typedWorld();
  const ids = await linked(w);
  w.local.userEdit(ids.local, { Severity: 'Blocker' });
  await w.cycle();
  expect(fields(w, ids, 'Severity')).toEqual(['Blocker', null]);
  expect(errorOf(w)).toContain('"Blocker"');
  w.local.userEdit(ids.local, { Severity: 'High' });
  await w.cycle();
  expect(fields(w, ids, 'Severity')).toEqual(['High', 'High']);
  expect(statusOf(w)).toEqual({ state: 'ok' });
});

it('a merge whose remote half is refused, then undone on the source side, converges rather than stays apart', async () => {
  const w = typedWorld();
  const ids = await linked(w);
  w.remote.userEdit(ids.remote, { fixVersions: ['1.0'] });
  w.local.userEdit(ids.local, { fixVersions: ['3.0'] });
  await w.cycle();
  // Merged locally; the remote side lacks 3.0 and says so.
  expect(fields(w, ids, 'fixVersions')).toEqual([['1.0', '3.0'], ['1.0']]);
  expect(errorOf(w)).toContain('"3.0"');
  // Someone clears the local list: the remote side's 1.0 (added since the last sync) comes back, and the
  // pair is in step. Before the fix, the refused half's base was taken as settled: the pair said "ok"
  // with [] on one side and [1.0] on the other, for good.
  w.local.userEdit(ids.local, { fixVersions: [] });
  await w.cycle();
  await w.cycle();
  const [l, r] = fields(w, ids, 'fixVersions');
  expect(l).toEqual(r);
  expect(statusOf(w)).toEqual({ state: 'ok' });
});
