/**
 * Parents and sub-tasks (rule kind `hierarchy`), by pair: the partner of my parent becomes my partner's parent.
 *
 * - A copy is created under its parent's partner; when that partner does not exist yet (it is being created
 *   in this very cycle, or waits itself), the copy waits for a follow-up pass, as issue links do. A sub-task
 *   cannot exist without its parent, so this also keeps every sub-task's create after its parent's.
 * - A parent outside the sync is not copied unless the rule says `createParents` (resolve-hierarchy.ts then
 *   brings it into the cycle). Otherwise a standard issue's copy has no parent and a sub-task is not copied;
 *   either way the pair is pending with the reason, never silently different.
 * - The pair remembers each side's parent as last synced (`LinkedPair.hierarchy`): the side whose parent
 *   differs from it moved, and its partner moves too; both moved: the newest change wins, as two-way rules do.
 */
import { hierarchyMutationKey } from '../identity';
import { otherSide, PARENT_PATH, type CanonicalIssue, type FieldPatch, type Side } from '../model';
import type { Bookkeeping, Mutation } from '../plan';
import type { Connection } from '../schema/connection';
import type { RuleOf } from '../schema/rules';
import type { LinkedPair, SyncedParent } from '../state';
import { ruleApplies } from './rule-applies';

/** One side's issue in its tree, its parent resolved to a pair where it has one. */
export interface SideTree {
  /** Jira's numbering: 1 an epic, 0 a standard issue, -1 a sub-task. */
  level: number;
  parent: null | {
    id: string;
    key: string;
    /** The parent's pair, with its issue on each side as far as they exist; absent: the parent is not synced. */
    pair?: { pairId: string; local?: string; remote?: string };
  };
}

/** Both sides' trees, present only where both trackers have a hierarchy and a hierarchy rule exists. */
export type PairTree = Partial<Record<Side, SideTree>>;

export interface HierarchyPlan {
  /** The pair's create must wait, and nothing of it is written now: why. */
  wait?: string;
  /** The create's parent, on the side created. */
  createParent?: string;
  set?: { side: Side; parentId: string | null };
  /** The parent as synced once this plan has run. */
  synced?: SyncedParent;
  /** Why the pair's place in the tree is not what its partner's is (it is pending with this). */
  note?: string;
  followUp?: boolean;
}

const NONE: SyncedParent = { pairId: null, local: null, remote: null };

export function planHierarchy(input: {
  creating: Side | undefined;
  tree: PairTree;
  synced: SyncedParent | undefined;
  updated: Partial<Record<Side, string>>;
  outgoingAllowed: boolean;
}): HierarchyPlan {
  const { creating, tree, synced } = input;
  if (creating) return planCreate(creating, tree[otherSide(creating)]);
  const local = tree.local;
  const remote = tree.remote;
  if (!local || !remote) return {};
  const moved = (side: Side, t: SideTree) => synced === undefined || (t.parent?.id ?? null) !== synced[side];
  const localMoved = moved('local', local);
  const remoteMoved = moved('remote', remote);
  if (!localMoved && !remoteMoved) {
    if (samePlace(local, remote)) return {};
    // Left apart while one side's parent was not synced. Once it is (its copy found after a lost create
    // answer, or it entered the sync), the partner follows it; until then the pair stays pending with why,
    // never silently different (both found by test/core/convergence.property.test.ts).
    const paired = (t: SideTree) => t.parent?.pair?.local !== undefined && t.parent.pair.remote !== undefined;
    if (paired(local) === paired(remote)) return apart(local, remote);
    return moveFrom(paired(local) ? 'local' : 'remote', local, remote, input.outgoingAllowed);
  }
  if (samePlace(local, remote))
    return { synced: syncedOf(local.parent?.pair?.pairId ?? null, local, remote) };
  const from: Side =
    localMoved && remoteMoved
      ? (input.updated.local ?? '') > (input.updated.remote ?? '')
        ? 'local'
        : 'remote'
      : localMoved
        ? 'local'
        : 'remote';
  return moveFrom(from, local, remote, input.outgoingAllowed);
}

/** The partner of `from`'s issue goes where `from`'s issue is: under its parent's partner, or under none. */
function moveFrom(from: Side, local: SideTree, remote: SideTree, outgoingAllowed: boolean): HierarchyPlan {
  const to = otherSide(from);
  if (to === 'remote' && !outgoingAllowed) return {};
  const source = from === 'local' ? local : remote;
  const target = to === 'local' ? local : remote;
  const parent = source.parent;
  if (!parent) {
    if (target.level < 0)
      return { note: `the ${from} issue has no parent, but its partner is a sub-task, which must keep one` };
    return { set: { side: to, parentId: null }, synced: NONE };
  }
  if (!parent.pair)
    return {
      note: `its parent ${parent.key} on the ${from} side is not synced, so its partner keeps its own`,
    };
  const there = parent.pair[to];
  if (there === undefined) return { note: waitingFor(parent.key), followUp: true };
  return {
    set: { side: to, parentId: there },
    synced: sideBySide(parent.pair.pairId, from, parent.id, there),
  };
}

function planCreate(creating: Side, source: SideTree | undefined): HierarchyPlan {
  if (!source) return {};
  const parent = source.parent;
  if (!parent) return { synced: NONE };
  if (parent.pair) {
    const there = parent.pair[creating];
    if (there === undefined) return { wait: waitingFor(parent.key), followUp: true };
    const sourceSide = otherSide(creating);
    return {
      createParent: there,
      synced: sideBySide(parent.pair.pairId, sourceSide, parent.id, there),
    };
  }
  if (source.level < 0)
    return {
      wait: `a sub-task of ${parent.key}, which is not synced: not copied (the hierarchy rule copies parents outside the sync only with "createParents")`,
    };
  // Where both sides stand is recorded: without it the next cycle took the copy's missing parent for a move
  // and took the original's parent away (found by test/core/hierarchy.test.ts).
  return {
    note: `its parent ${parent.key} is not synced, so the copy has no parent`,
    synced: { pairId: null, local: null, remote: null, [otherSide(creating)]: parent.id },
  };
}

/** Why two sides left where they are sit under different parents: the one whose parent is not synced. */
function apart(local: SideTree, remote: SideTree): HierarchyPlan {
  for (const [side, t] of [
    ['local', local],
    ['remote', remote],
  ] as const) {
    const parent = t.parent;
    if (!parent) continue;
    if (!parent.pair)
      return {
        note: `its parent ${parent.key} on the ${side} side is not synced, so its partner keeps its own`,
      };
    // Its copy is being made: the partner follows once it exists.
    if (parent.pair[otherSide(side)] === undefined) return { note: waitingFor(parent.key), followUp: true };
  }
  return {};
}

const waitingFor = (key: string) => `waits for its parent ${key} to be copied`;

function samePlace(local: SideTree, remote: SideTree): boolean {
  if (!local.parent || !remote.parent) return local.parent === remote.parent;
  const pairId = local.parent.pair?.pairId;
  return pairId !== undefined && pairId === remote.parent.pair?.pairId;
}

function syncedOf(pairId: string | null, local: SideTree, remote: SideTree): SyncedParent {
  return { pairId, local: local.parent?.id ?? null, remote: remote.parent?.id ?? null };
}

function sideBySide(pairId: string, side: Side, id: string, partnerId: string): SyncedParent {
  return side === 'local'
    ? { pairId, local: id, remote: partnerId }
    : { pairId, local: partnerId, remote: id };
}

/**
 * The pair's hierarchy as mutations: `wait` when its create must wait (then the caller writes nothing else
 * for it), the create's parent field, a move, and the bookkeeping that stores the parent or why it waits.
 */
export function planPairHierarchy(
  connection: Connection,
  view: {
    pair: LinkedPair;
    hierarchy?: PairTree | undefined;
    local: { updated: string } | undefined;
    remote: { updated: string } | undefined;
  },
  when: Parameters<typeof ruleApplies>[2] & { creating: Side | undefined },
): {
  wait?: { mutations: Mutation[]; bookkeeping: Bookkeeping[]; followUp?: boolean };
  createFields: FieldPatch;
  mutations: Mutation[];
  bookkeeping: Bookkeeping[];
  followUp: boolean;
} {
  const none = { createFields: {}, mutations: [], bookkeeping: [], followUp: false };
  const rule = connection.rules.find(
    (r): r is RuleOf<'hierarchy'> => r.kind === 'hierarchy' && ruleApplies(r, connection, when),
  );
  if (!rule || !view.hierarchy) return none;
  const { pair } = view;
  const pairId = pair.pairId;
  const planned = planHierarchy({
    creating: when.creating,
    tree: view.hierarchy,
    synced: pair.hierarchy,
    updated: {
      ...(view.local ? { local: view.local.updated } : {}),
      ...(view.remote ? { remote: view.remote.updated } : {}),
    },
    outgoingAllowed: connection.outgoing.enabled,
  });
  const followUp = planned.followUp === true;
  if (planned.wait !== undefined) {
    const bookkeeping: Bookkeeping[] = [{ kind: 'record-parent', pairId, waiting: planned.wait }];
    return { ...none, wait: { mutations: [], bookkeeping, ...(followUp ? { followUp } : {}) } };
  }
  const mutations: Mutation[] = [];
  if (planned.set && planned.synced)
    mutations.push({
      kind: 'set-parent',
      key: hierarchyMutationKey(pairId, planned.set.side),
      pairId,
      side: planned.set.side,
      parentId: planned.set.parentId,
      synced: planned.synced,
    });
  const record = planned.synced && !planned.set ? { synced: planned.synced } : {};
  const bookkeeping: Bookkeeping[] =
    planned.note !== undefined || 'synced' in record
      ? [
          {
            kind: 'record-parent',
            pairId,
            ...record,
            ...(planned.note !== undefined ? { waiting: planned.note } : {}),
          },
        ]
      : [];
  return {
    createFields: planned.createParent !== undefined ? { [PARENT_PATH]: planned.createParent } : {},
    mutations,
    bookkeeping,
    followUp,
  };
}

/** Whether this side's parent is another than the one last synced (side-changed.ts). */
export function parentMoved(side: Side, issue: CanonicalIssue, pair: LinkedPair): boolean {
  if (!issue.hierarchy) return false;
  return (issue.hierarchy.parent?.id ?? null) !== (pair.hierarchy?.[side] ?? null);
}
