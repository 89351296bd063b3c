/**
 * The issue links of a cycle's pairs, ready for the link planner: each outward link's far end looked up
 * as a pair (one batched read per side), and the synced links gone from one side checked: a link that
 * vanished because its far end's copy was deleted or hidden there was not deleted by anyone, so its
 * original must stay (it is forgotten instead).
 */
import type { CanonicalIssue, Side } from '../model';
import { otherSide } from '../model';
import { linkKeyOf, type ResolvedLink } from '../rules/plan-links';
import type { Connection } from '../schema/connection';
import type { LinkedPair } from '../state';
import type { EngineDeps } from './engine-deps';
import type { PairView } from './plan-pair';

export interface LinkCandidate {
  pair: LinkedPair;
  local?: CanonicalIssue;
  remote?: CanonicalIssue;
}

type PairRef = Pick<LinkedPair, 'pairId' | 'local' | 'remote'>;

export async function resolveLinks(
  deps: EngineDeps,
  connection: Connection,
  candidates: Map<string, LinkCandidate>,
): Promise<Map<string, NonNullable<PairView['links']>>> {
  // Only pairs whose trackers both list links: a tracker without them lists none.
  const both = [...candidates.values()].filter((c) => c.local?.links && c.remote?.links);
  const pairsBy = await farEndPairs(deps, connection, candidates, both);

  const out = new Map<string, NonNullable<PairView['links']> & { farEndGone: Set<string> }>();
  const vanished: { pairId: string; key: string; side: Side; issueId: string }[] = [];
  for (const c of both) {
    const resolved = {
      local: resolve(c, 'local', pairsBy.local),
      remote: resolve(c, 'remote', pairsBy.remote),
    };
    out.set(c.pair.pairId, { ...resolved, farEndGone: new Set() });
    const keys = (side: Side) =>
      new Map(
        resolved[side].flatMap((l) => (l.target ? [[linkKeyOf(l.type, l.target.pairId), l] as const] : [])),
      );
    const here = { local: keys('local'), remote: keys('remote') };
    for (const key of c.pair.issueLinks ?? [])
      for (const side of ['local', 'remote'] as const) {
        const gone = otherSide(side);
        const far = here[side].get(key)?.target?.[gone];
        if (!here[gone].has(key) && far !== undefined)
          vanished.push({ pairId: c.pair.pairId, key, side: gone, issueId: far });
      }
  }
  for (const side of ['local', 'remote'] as const) {
    const ids = [...new Set(vanished.filter((v) => v.side === side).map((v) => v.issueId))];
    if (ids.length === 0) continue;
    const visible = new Set(
      (await (side === 'local' ? deps.local : deps.remote).getIssues(ids)).map((i) => i.id),
    );
    for (const v of vanished)
      if (v.side === side && !visible.has(v.issueId)) out.get(v.pairId)?.farEndGone.add(v.key);
  }
  return out;
}

/**
 * Far ends as pairs: stored ones, and issues this cycle will copy (a pair in the making, whose other
 * issue does not exist yet, so links to it wait for a follow-up). Only issues the connection may copy
 * count; links to the others are links to unsynced issues.
 */
async function farEndPairs(
  deps: EngineDeps,
  connection: Connection,
  candidates: Map<string, LinkCandidate>,
  both: LinkCandidate[],
): Promise<Record<Side, Map<string, PairRef>>> {
  const targets = { local: new Set<string>(), remote: new Set<string>() };
  for (const c of both)
    for (const side of ['local', 'remote'] as const)
      for (const l of c[side]?.links ?? []) if (l.direction === 'outward') targets[side].add(l.issueId);
  const pairsBy: Record<Side, Map<string, PairRef>> = {
    local: await deps.store.findPairsBySide(connection.id, 'local', [...targets.local]),
    remote: await deps.store.findPairsBySide(connection.id, 'remote', [...targets.remote]),
  };
  const mayCopy: Record<Side, boolean> = {
    local: connection.create.toRemote && connection.outgoing.enabled,
    remote: connection.create.toLocal,
  };
  for (const c of candidates.values())
    for (const side of ['local', 'remote'] as const) {
      const issue = c[side];
      if (issue && mayCopy[side] && !c.pair[otherSide(side)] && !pairsBy[side].has(issue.id))
        pairsBy[side].set(issue.id, c.pair);
    }
  return pairsBy;
}

function resolve(c: LinkCandidate, side: Side, pairs: Map<string, PairRef>): ResolvedLink[] {
  return (c[side]?.links ?? [])
    .filter((l) => l.direction === 'outward')
    .map((l) => {
      const target = pairs.get(l.issueId);
      if (!target) return { id: l.id, type: l.type };
      return {
        id: l.id,
        type: l.type,
        target: {
          pairId: target.pairId,
          ...(target.local ? { local: target.local.id } : {}),
          ...(target.remote ? { remote: target.remote.id } : {}),
        },
      };
    });
}
