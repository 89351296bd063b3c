/** The issue-link part of a pair's plan: planLinks' actions as keyed mutations and bookkeeping. */
import type { CanonicalIssue, Side } from '../model';
import type { Bookkeeping, Mutation } from '../plan';
import type { Connection } from '../schema/connection';
import type { RuleOf } from '../schema/rules';
import type { LinkedPair } from '../state';
import { planLinks, type ResolvedLink } from './plan-links';
import { ruleApplies } from './rule-applies';

/** Adds the pair's link writes to `out`; answers whether the pair should be looked at again right after. */
export function planPairLinks(
  connection: Connection,
  view: {
    pair: LinkedPair;
    local: CanonicalIssue | undefined;
    links?: { local: ResolvedLink[]; remote: ResolvedLink[]; farEndGone: ReadonlySet<string> };
  },
  when: { creating: Side | undefined; remote: CanonicalIssue | undefined },
  out: { mutations: Mutation[]; bookkeeping: Bookkeeping[] },
): boolean {
  const { pair, links } = view;
  const { creating, remote } = when;
  const pairId = pair.pairId;
  let followUp = false;
  const rules = connection.rules.filter(
    (r): r is RuleOf<'links'> => r.kind === 'links' && ruleApplies(r, connection, when),
  );
  if (links && !creating) {
    for (const rule of rules) {
      const planned = planLinks({
        rule,
        local: links.local,
        remote: links.remote,
        synced: pair.issueLinks ?? [],
        refused: (pair.refusedLinks ?? []).map((r) => r.key),
        farEndGone: links.farEndGone,
        outgoingAllowed: connection.outgoing.enabled,
      });
      for (const a of planned.actions)
        out.mutations.push({ ...a, key: `${pairId}:${a.kind}:${a.side}:${a.linkKey}`, pairId });
      if (planned.record.add.length + planned.record.remove.length > 0)
        out.bookkeeping.push({ kind: 'record-issue-links', pairId, ...planned.record });
      followUp ||= planned.deferred;
    }
  }
  // A new copy cannot be linked before it exists: its links are made by a follow-up look at the pair.
  const source = creating === 'local' ? remote : creating === 'remote' ? view.local : undefined;
  if (
    source?.links?.some((l) => l.direction === 'outward') &&
    connection.rules.some((r) => r.kind === 'links')
  )
    followUp = true;
  return followUp;
}
