/**
 * The parents of a cycle's pairs, ready for the hierarchy planner: each issue's parent looked up as a pair
 * (one batched read per side), or as an issue this cycle will copy (a pair in the making, whose children
 * wait for a follow-up). With `createParents`, a parent outside the sync is read by id and joins the cycle
 * as an issue to copy, and so on up the tree (an epic above it), a few levels at most.
 */
import type { CanonicalIssue, Side } from '../model';
import { otherSide } from '../model';
import type { PairTree, SideTree } from '../rules/plan-hierarchy';
import type { Connection } from '../schema/connection';
import type { RuleOf } from '../schema/rules';
import { newPair, pairIdFor, type LinkedPair } from '../state';
import type { EngineDeps } from './engine-deps';

export interface TreeCandidate {
  pair: LinkedPair;
  local?: CanonicalIssue;
  remote?: CanonicalIssue;
}

/** Jira has three levels (epic, standard, sub-task): parents are looked for this many levels up. */
const MAX_LEVELS_UP = 3;

export async function resolveHierarchy(
  deps: EngineDeps,
  connection: Connection,
  candidates: Map<string, TreeCandidate>,
): Promise<Map<string, PairTree>> {
  const rule = connection.rules.find((r): r is RuleOf<'hierarchy'> => r.kind === 'hierarchy');
  const out = new Map<string, PairTree>();
  if (!rule || !deps.local.capabilities.hierarchy || !deps.remote.capabilities.hierarchy) return out;
  const mayCopy: Record<Side, boolean> = {
    local: connection.create.toRemote && connection.outgoing.enabled,
    remote: connection.create.toLocal,
  };

  let pairsBy = await parentPairs(deps, connection, candidates, mayCopy);
  for (let level = 0; rule.createParents && level < MAX_LEVELS_UP; level++) {
    let added = 0;
    for (const side of ['local', 'remote'] as const) {
      if (!mayCopy[side]) continue;
      // A parent an earlier cycle brought in whose copy is not made yet (it waited for its own parent) is
      // read again too: outside the filter, no listing or follow-up brings it back, and its children would
      // wait for it forever (found by test/core/hierarchy.test.ts).
      const missing = [...parentIdsOn(candidates, side)].filter((id) => {
        const known = pairsBy[side].get(id);
        return !known || (!known[otherSide(side)] && !candidates.has(known.pairId));
      });
      if (missing.length === 0) continue;
      const tracker = side === 'local' ? deps.local : deps.remote;
      for (const issue of await tracker.getIssues(missing)) {
        const pair = pairsBy[side].get(issue.id) ?? newPair(connection.id, pairIdFor(side, issue.id));
        if (candidates.has(pair.pairId)) continue;
        candidates.set(pair.pairId, { pair, [side]: issue });
        added += 1;
      }
    }
    if (added === 0) break;
    pairsBy = await parentPairs(deps, connection, candidates, mayCopy);
  }

  for (const c of candidates.values()) {
    const tree: PairTree = {};
    for (const side of ['local', 'remote'] as const) {
      const h = c[side]?.hierarchy;
      if (h) tree[side] = sideTree(h.level, h.parent, pairsBy[side]);
    }
    if (tree.local || tree.remote) out.set(c.pair.pairId, tree);
  }
  return out;
}

function parentIdsOn(candidates: Map<string, TreeCandidate>, side: Side): Set<string> {
  const ids = new Set<string>();
  for (const c of candidates.values()) {
    const parent = c[side]?.hierarchy?.parent;
    if (parent) ids.add(parent.id);
  }
  return ids;
}

/**
 * Parents as pairs: stored ones, and issues this cycle will copy (pairs in the making). Only issues the
 * connection may copy count as pairs in the making; the others are parents outside the sync.
 */
async function parentPairs(
  deps: EngineDeps,
  connection: Connection,
  candidates: Map<string, TreeCandidate>,
  mayCopy: Record<Side, boolean>,
): Promise<Record<Side, Map<string, LinkedPair>>> {
  const out: Record<Side, Map<string, LinkedPair>> = {
    local: await deps.store.findPairsBySide(connection.id, 'local', [...parentIdsOn(candidates, 'local')]),
    remote: await deps.store.findPairsBySide(connection.id, 'remote', [...parentIdsOn(candidates, 'remote')]),
  };
  for (const c of candidates.values())
    for (const side of ['local', 'remote'] as const) {
      const issue = c[side];
      if (issue && mayCopy[side] && !c.pair[otherSide(side)] && !out[side].has(issue.id))
        out[side].set(issue.id, c.pair);
    }
  return out;
}

function sideTree(
  level: number,
  parent: { id: string; key: string } | null,
  pairs: Map<string, LinkedPair>,
): SideTree {
  if (!parent) return { level, parent: null };
  const pair = pairs.get(parent.id);
  if (!pair) return { level, parent };
  return {
    level,
    parent: {
      ...parent,
      pair: {
        pairId: pair.pairId,
        ...(pair.local ? { local: pair.local.id } : {}),
        ...(pair.remote ? { remote: pair.remote.id } : {}),
      },
    },
  };
}
