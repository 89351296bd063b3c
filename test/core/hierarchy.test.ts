/**
 * Rule kind `hierarchy`: the planner (rules/plan-hierarchy.ts) on its own, the resolver of parents
 * (cycle/resolve-hierarchy.ts) against fake trackers and a store, and both in whole cycles between two fake
 * trackers that keep parents as Jira does. What each case pins: a parent outside the sync with and without
 * `createParents`, a tree of new issues built by a cycle and its follow-ups (two deep, the chain's limit),
 * a move on either side, and both sides moved (the newest change wins).
 */
import { resolveHierarchy, type TreeCandidate } from '../../src/core/cycle/resolve-hierarchy';
import { FULL_SCAN_EVERY_MS, runCycle, type CycleResult } from '../../src/core/cycle/run-cycle';
import type { CanonicalIssue, Side } from '../../src/core/model';
import { planHierarchy, type PairTree, type SideTree } from '../../src/core/rules/plan-hierarchy';
import type { ConnectionInput } from '../../src/core/schema/connection';
import { newPair, pairIdFor, type LinkedPair, type SyncedParent } from '../../src/core/state';
import { MAX_FOLLOW_UP_CHAIN } from '../../src/core/work/work-items';
import { followUpOf } from '../../src/core/work/run-work-item';
import type { FakeTrackerOptions } from '../fakes/fake-tracker';
import { DEFAULT_RULES, makeWorld, type World } from './harness';

const LEVELS = { Epic: 1, Task: 0, 'Sub-task': -1 };
const TYPE = { local: 'issuetype.name', remote: 'type' } as const;

function treeWorld(
  hierarchyRule: Record<string, unknown> = {},
  overrides: Partial<ConnectionInput> = {},
  trackers: { local?: FakeTrackerOptions; remote?: FakeTrackerOptions } = {},
) {
  const rules = [
    ...DEFAULT_RULES,
    { kind: 'two-way', local: TYPE.local, remote: TYPE.remote },
    { kind: 'hierarchy', ...hierarchyRule },
  ] as ConnectionInput['rules'];
  return makeWorld(
    { rules, ...overrides },
    {
      local: { hierarchy: { typePath: TYPE.local, levels: LEVELS }, ...trackers.local },
      remote: { hierarchy: { typePath: TYPE.remote, levels: LEVELS }, ...trackers.remote },
    },
  );
}

const localIssue = (w: World, summary: string, type: string, parent?: string, extra = {}) =>
  w.local.userCreate({
    summary,
    'status.name': 'To Do',
    [TYPE.local]: type,
    ...(parent ? { parent } : {}),
    ...extra,
  });

const remoteIssue = (w: World, title: string, type: string, parent?: string) =>
  w.remote.userCreate({ title, state: 'open', [TYPE.remote]: type, ...(parent ? { parent } : {}) });

const pairOf = (w: World, side: Side, id: string): LinkedPair | undefined =>
  w.store.all(w.connection.id).find((p) => p[side]?.id === id);

function partner(w: World, side: Side, id: string): string {
  const other = pairOf(w, side, id)?.[side === 'local' ? 'remote' : 'local'];
  if (!other) throw new Error(`${side} issue ${id} has no partner`);
  return other.id;
}

/** The parent's title on the remote side, for each remote issue: the tree as a person sees it there. */
function remoteTree(w: World): Record<string, string | null> {
  const issues = w.remote.snapshot();
  const title = (id: string | undefined) => issues.find((i) => i.id === id)?.fields.title as string;
  return Object.fromEntries(
    issues.map((i) => [title(i.id), i.hierarchy?.parent ? title(i.hierarchy.parent.id) : null]),
  );
}

function expectClean(r: CycleResult): asserts r is Extract<CycleResult, { outcome: 'executed' }> {
  if (r.outcome !== 'executed') throw new Error(`cycle ${r.outcome}`);
  expect(r.report.errors).toEqual([]);
  expect(r.report.complete).toBe(true);
}

// ---- The planner on its own ---------------------------------------------------------------------------------

const side = (
  level: number,
  parent?: { id: string; pair?: { pairId: string; local?: string; remote?: string } },
): SideTree => ({
  level,
  parent: parent
    ? { id: parent.id, key: `K-${parent.id}`, ...(parent.pair ? { pair: parent.pair } : {}) }
    : null,
});
const EPIC_A = { pairId: 'l-1', local: '1', remote: '101' };
const EPIC_B = { pairId: 'l-2', local: '2', remote: '102' };
const underA: SyncedParent = { pairId: 'l-1', local: '1', remote: '101' };

describe('planHierarchy', () => {
  const plan = (tree: PairTree, synced: SyncedParent | undefined, updated = {}, outgoingAllowed = true) =>
    planHierarchy({ creating: undefined, tree, synced, updated, outgoingAllowed });

  it("a move on the local side moves the remote partner under the new parent's partner", () => {
    const p = plan(
      { local: side(0, { id: '2', pair: EPIC_B }), remote: side(0, { id: '101', pair: EPIC_A }) },
      underA,
    );
    expect(p).toEqual({
      set: { side: 'remote', parentId: '102' },
      synced: { pairId: 'l-2', local: '2', remote: '102' },
    });
  });

  it('a move on the remote side moves the local partner, and out from under a parent too', () => {
    const p = plan(
      { local: side(0, { id: '1', pair: EPIC_A }), remote: side(0, { id: '102', pair: EPIC_B }) },
      underA,
    );
    expect(p.set).toEqual({ side: 'local', parentId: '2' });
    const out = plan({ local: side(0, { id: '1', pair: EPIC_A }), remote: side(0) }, underA);
    expect(out).toEqual({
      set: { side: 'local', parentId: null },
      synced: { pairId: null, local: null, remote: null },
    });
  });

  it('both sides moved: the newest change wins, whichever side it is on', () => {
    const tree = { local: side(0, { id: '2', pair: EPIC_B }), remote: side(0) };
    const localNewer = plan(tree, underA, {
      local: '2026-11-24T09:00:00.000Z',
      remote: '2026-11-24T08:00:00.000Z',
    });
    expect(localNewer.set).toEqual({ side: 'remote', parentId: '102' });
    const remoteNewer = plan(tree, underA, {
      local: '2026-11-24T08:00:00.000Z',
      remote: '2026-11-24T09:00:00.000Z',
    });
    expect(remoteNewer.set).toEqual({ side: 'local', parentId: null });
  });

  it('both moved to the same place: nothing to write, the new place is recorded', () => {
    const p = plan(
      { local: side(0, { id: '2', pair: EPIC_B }), remote: side(0, { id: '102', pair: EPIC_B }) },
      underA,
    );
    expect(p).toEqual({ synced: { pairId: 'l-2', local: '2', remote: '102' } });
  });

  it('left apart while the parent was not synced, then it is: the partner follows it', () => {
    const leftApart: SyncedParent = { pairId: null, local: '1', remote: null };
    expect(plan({ local: side(0, { id: '1', pair: EPIC_A }), remote: side(0) }, leftApart)).toEqual({
      set: { side: 'remote', parentId: '101' },
      synced: underA,
    });
    // Its copy being made in this cycle: the pair waits for it, with a follow-up.
    expect(
      plan({ local: side(0, { id: '1', pair: { pairId: 'l-1', local: '1' } }), remote: side(0) }, leftApart),
    ).toEqual({
      note: 'waits for its parent K-1 to be copied',
      followUp: true,
    });
    // Not synced at all: still apart, and saying why.
    expect(plan({ local: side(0, { id: '1' }), remote: side(0) }, leftApart)).toEqual({
      note: 'its parent K-1 on the local side is not synced, so its partner keeps its own',
    });
  });

  it('a local move is not sent out while outgoing writes are off', () => {
    expect(
      plan(
        { local: side(0, { id: '2', pair: EPIC_B }), remote: side(0, { id: '101', pair: EPIC_A }) },
        underA,
        {},
        false,
      ),
    ).toEqual({});
  });

  it('a move under a parent outside the sync leaves the partner where it is, saying why', () => {
    const p = plan({ local: side(0, { id: '9' }), remote: side(0, { id: '101', pair: EPIC_A }) }, underA);
    expect(p).toEqual({
      note: 'its parent K-9 on the local side is not synced, so its partner keeps its own',
    });
  });

  it("a sub-task's partner keeps its parent when the other side has none", () => {
    const p = plan({ local: side(-1), remote: side(-1, { id: '101', pair: EPIC_A }) }, underA);
    expect(p.set).toBeUndefined();
    expect(p.note).toContain('its partner is a sub-task, which must keep one');
  });

  it("a create goes under its parent's partner, or waits for it to be copied first", () => {
    const create = (source: SideTree) =>
      planHierarchy({
        creating: 'remote',
        tree: { local: source },
        synced: undefined,
        updated: {},
        outgoingAllowed: true,
      });
    expect(create(side(0, { id: '1', pair: EPIC_A }))).toEqual({ createParent: '101', synced: underA });
    expect(create(side(0, { id: '1', pair: { pairId: 'l-1', local: '1' } }))).toEqual({
      wait: 'waits for its parent K-1 to be copied',
      followUp: true,
    });
  });

  it('a create whose parent is outside the sync: a standard issue goes without it, a sub-task waits', () => {
    const create = (source: SideTree) =>
      planHierarchy({
        creating: 'remote',
        tree: { local: source },
        synced: undefined,
        updated: {},
        outgoingAllowed: true,
      });
    expect(create(side(0, { id: '9' }))).toEqual({
      note: 'its parent K-9 is not synced, so the copy has no parent',
      // Where both stand, so the copy's missing parent is not taken for a move next time.
      synced: { pairId: null, local: '9', remote: null },
    });
    const sub = create(side(-1, { id: '9' }));
    expect(sub.wait).toContain('a sub-task of K-9, which is not synced: not copied');
    expect(sub.wait).toContain('createParents');
    expect(sub.followUp).toBeUndefined();
  });
});

// ---- The resolver against fake trackers -------------------------------------------------------------------

describe('resolveHierarchy', () => {
  const candidate = (side: Side, issue: CanonicalIssue): [string, TreeCandidate] => {
    const pair = newPair('c1', pairIdFor(side, issue.id));
    return [pair.pairId, { pair, [side]: issue }];
  };
  /** A sub-task in the sync under a task and an epic that are not (the filter leaves them out). */
  function outsideWorld(rule: Record<string, unknown>, overrides: Partial<ConnectionInput> = {}) {
    const w = treeWorld(rule, overrides, { local: { filter: (f) => f.labels !== undefined } });
    const epic = localIssue(w, 'Epic', 'Epic');
    const task = localIssue(w, 'Task', 'Task', epic.id);
    const sub = localIssue(w, 'Sub', 'Sub-task', task.id, { labels: ['synced'] });
    return { w, epic, task, sub };
  }

  it('without createParents, a parent outside the sync is named without a pair and not read', async () => {
    const { w, task, sub } = outsideWorld({});
    const candidates = new Map([candidate('local', sub)]);
    const trees = await resolveHierarchy(w.deps, w.connection, candidates);
    expect(trees.get(`l-${sub.id}`)).toEqual({
      local: { level: -1, parent: { id: task.id, key: task.key } },
    });
    expect(candidates.size).toBe(1);
    expect(w.local.calls.getIssues).toBe(0);
  });

  it('with createParents, the parent joins the cycle, and its epic above it, each a pair in the making', async () => {
    const { w, epic, task, sub } = outsideWorld({ createParents: true });
    const candidates = new Map([candidate('local', sub)]);
    const trees = await resolveHierarchy(w.deps, w.connection, candidates);
    expect([...candidates.keys()].sort()).toEqual([`l-${epic.id}`, `l-${sub.id}`, `l-${task.id}`].sort());
    expect(trees.get(`l-${sub.id}`)?.local?.parent?.pair).toEqual({ pairId: `l-${task.id}` });
    expect(trees.get(`l-${task.id}`)?.local?.parent?.pair).toEqual({ pairId: `l-${epic.id}` });
    expect(trees.get(`l-${epic.id}`)).toEqual({ local: { level: 1, parent: null } });
    // One read per level up, and none once nothing new turns up.
    expect(w.local.calls.getIssues).toBe(2);
  });

  it('with createParents but no creates to the remote side, the parent stays outside', async () => {
    const { w, task, sub } = outsideWorld(
      { createParents: true },
      { create: { toRemote: false, toLocal: true } },
    );
    const candidates = new Map([candidate('local', sub)]);
    const trees = await resolveHierarchy(w.deps, w.connection, candidates);
    expect(candidates.size).toBe(1);
    expect(trees.get(`l-${sub.id}`)?.local?.parent).toEqual({ id: task.id, key: task.key });
  });

  it('a parent already paired is found in the store, with its issue on both sides', async () => {
    const w = treeWorld();
    const epic = localIssue(w, 'Epic', 'Epic');
    expectClean(await w.cycle());
    const task = localIssue(w, 'Task', 'Task', epic.id);
    const trees = await resolveHierarchy(w.deps, w.connection, new Map([candidate('local', task)]));
    expect(trees.get(`l-${task.id}`)?.local?.parent?.pair).toEqual({
      pairId: `l-${epic.id}`,
      local: epic.id,
      remote: partner(w, 'local', epic.id),
    });
  });
});

// ---- Whole cycles -------------------------------------------------------------------------------------------

describe('hierarchy between two trackers', () => {
  it('a parent outside the sync, without createParents: a task is copied without it, a sub-task not at all, each saying why', async () => {
    const w = treeWorld({}, {}, { local: { filter: (f) => f.labels !== undefined } });
    const epic = localIssue(w, 'Epic', 'Epic');
    const task = localIssue(w, 'Task', 'Task', epic.id, { labels: ['synced'] });
    const sub = localIssue(w, 'Sub', 'Sub-task', task.id, { labels: ['synced'] });
    const outsider = localIssue(w, 'Outside task', 'Task');
    const orphan = localIssue(w, 'Sub of outsider', 'Sub-task', outsider.id, { labels: ['synced'] });
    expectClean(await w.cycle());
    expectClean(await w.cycle());

    expect(remoteTree(w)).toEqual({ Task: null, Sub: 'Task' });
    // The original keeps its parent: the copy's having none is not a move (the engine took it for one).
    expect(w.local.parentOf(task.id)).toBe(epic.id);
    expect(pairOf(w, 'local', task.id)?.status).toEqual({
      state: 'pending',
      reason: `its parent ${epic.key} on the local side is not synced, so its partner keeps its own`,
    });
    // Still so after another change to the pair sets its status again.
    w.local.userEdit(task.id, { summary: 'Task, renamed' });
    expectClean(await w.cycle());
    expect(w.local.parentOf(task.id)).toBe(epic.id);
    expect(pairOf(w, 'local', task.id)?.status).toMatchObject({ state: 'pending' });
    const orphanPair = pairOf(w, 'local', orphan.id);
    expect(orphanPair?.remote).toBeUndefined();
    expect(orphanPair?.status).toMatchObject({ state: 'pending' });
    expect(orphanPair?.status.state === 'pending' && orphanPair.status.reason).toContain(
      `a sub-task of ${outsider.key}, which is not synced: not copied`,
    );
    expect(pairOf(w, 'local', sub.id)?.status).toEqual({ state: 'ok' });
  });

  it('a parent that enters the sync later is copied, and the copy left without it moves under its copy', async () => {
    const w = treeWorld({}, {}, { local: { filter: (f) => f.labels !== undefined } });
    const epic = localIssue(w, 'Epic', 'Epic');
    const task = localIssue(w, 'Task', 'Task', epic.id, { labels: ['synced'] });
    expectClean(await w.cycle());
    expect(remoteTree(w)).toEqual({ Task: null });
    w.local.userEdit(epic.id, { labels: ['synced'] }); // someone brings the epic into the sync
    expectClean(await w.cycle());
    expect(remoteTree(w)).toEqual({ Task: null, Epic: null });
    // The task did not change, so no listing by time brings it back; the hourly full scan does.
    w.clock.advance(FULL_SCAN_EVERY_MS);
    expectClean(await w.cycle());
    expect(remoteTree(w)).toEqual({ Task: 'Epic', Epic: null });
    expect(pairOf(w, 'local', task.id)?.status).toEqual({ state: 'ok' });
  });

  it('a parent outside the sync, with createParents: the parents are copied and the tree is whole', async () => {
    const w = treeWorld({ createParents: true }, {}, { local: { filter: (f) => f.labels !== undefined } });
    const epic = localIssue(w, 'Epic', 'Epic');
    const task = localIssue(w, 'Task', 'Task', epic.id);
    localIssue(w, 'Sub', 'Sub-task', task.id, { labels: ['synced'] });
    let r = await w.cycle();
    expectClean(r);
    for (let depth = 1; depth <= MAX_FOLLOW_UP_CHAIN; depth++) {
      const f = followUpOf(w.connection.id, r.plan, depth);
      if (!f) break;
      r = await runCycle(w.deps, w.connection, { scope: { kind: 'issues', ...f.body.issues } });
      expectClean(r);
    }
    expect(remoteTree(w)).toEqual({ Epic: null, Task: 'Epic', Sub: 'Task' });
    expect(w.store.all(w.connection.id).map((p) => p.status)).toEqual([
      { state: 'ok' },
      { state: 'ok' },
      { state: 'ok' },
    ]);
  });

  it('a new epic, task and sub-task: the cycle and two follow-ups build the tree, each waiting for its parent', async () => {
    expect(MAX_FOLLOW_UP_CHAIN).toBe(2); // the chain this test walks to its end
    const w = treeWorld();
    const epic = localIssue(w, 'Epic', 'Epic');
    const task = localIssue(w, 'Task', 'Task', epic.id);
    const sub = localIssue(w, 'Sub', 'Sub-task', task.id);

    const first = await w.cycle();
    expectClean(first);
    expect(remoteTree(w)).toEqual({ Epic: null });
    expect(first.plan.followUp).toEqual({ local: [task.id, sub.id], remote: [] });
    expect(pairOf(w, 'local', task.id)?.status).toEqual({
      state: 'pending',
      reason: `waits for its parent ${epic.key} to be copied`,
    });

    const f1 = followUpOf(w.connection.id, first.plan, 1);
    const second = await runCycle(w.deps, w.connection, { scope: { kind: 'issues', ...f1!.body.issues } });
    expectClean(second);
    expect(remoteTree(w)).toEqual({ Epic: null, Task: 'Epic' });
    expect(second.plan.followUp).toEqual({ local: [sub.id], remote: [] });

    const f2 = followUpOf(w.connection.id, second.plan, 2);
    expect(f2?.body.followUpDepth).toBe(2);
    const third = await runCycle(w.deps, w.connection, { scope: { kind: 'issues', ...f2!.body.issues } });
    expectClean(third);
    expect(third.plan.followUp).toBeUndefined();
    expect(remoteTree(w)).toEqual({ Epic: null, Task: 'Epic', Sub: 'Task' });
    const subCopy = w.remote.snapshot().find((i) => i.fields.title === 'Sub');
    expect(subCopy?.hierarchy?.parent?.id).toBe(partner(w, 'local', task.id));
    expect(subCopy?.hierarchy?.level).toBe(-1);
    expect(w.store.all(w.connection.id).every((p) => p.status.state === 'ok')).toBe(true);
  });

  async function twoEpics() {
    const w = treeWorld();
    const a = localIssue(w, 'Epic A', 'Epic');
    const b = remoteIssue(w, 'Epic B', 'Epic');
    expectClean(await w.cycle());
    const task = localIssue(w, 'Task', 'Task', a.id);
    expectClean(await w.cycle());
    expect(remoteTree(w)).toEqual({ 'Epic B': null, 'Epic A': null, Task: 'Epic A' });
    return {
      w,
      a: { local: a.id, remote: partner(w, 'local', a.id) },
      b: { remote: b.id, local: partner(w, 'remote', b.id) },
      task: { local: task.id, remote: partner(w, 'local', task.id) },
    };
  }

  it('a move on the local side moves the remote copy', async () => {
    const { w, b, task } = await twoEpics();
    w.local.userSetParent(task.local, b.local);
    expectClean(await w.cycle());
    expect(w.remote.parentOf(task.remote)).toBe(b.remote);
    expect(pairOf(w, 'local', task.local)?.hierarchy).toEqual({
      pairId: `r-${b.remote}`,
      local: b.local,
      remote: b.remote,
    });
    w.local.resetCalls();
    w.remote.resetCalls();
    expectClean(await w.cycle());
    expect(w.local.writes + w.remote.writes).toBe(0);
  });

  it('a move on the remote side, out from under its epic, moves the local issue out too', async () => {
    const { w, task } = await twoEpics();
    w.remote.userSetParent(task.remote, null);
    expectClean(await w.cycle());
    expect(w.local.parentOf(task.local)).toBeNull();
    expect(pairOf(w, 'local', task.local)?.hierarchy).toEqual({ pairId: null, local: null, remote: null });
  });

  it('both sides moved before a cycle: the newest move wins on both sides', async () => {
    const { w, a, b, task } = await twoEpics();
    w.remote.userSetParent(task.remote, null);
    w.clock.advance(5000);
    w.local.userSetParent(task.local, b.local); // the newer move
    expectClean(await w.cycle());
    expect([w.local.parentOf(task.local), w.remote.parentOf(task.remote)]).toEqual([b.local, b.remote]);

    w.local.userSetParent(task.local, a.local);
    w.clock.advance(5000);
    w.remote.userSetParent(task.remote, null); // now the remote side is newer
    expectClean(await w.cycle());
    expect([w.local.parentOf(task.local), w.remote.parentOf(task.remote)]).toEqual([null, null]);
  });
});
