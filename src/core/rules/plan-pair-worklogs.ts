/** The worklog part of a pair's plan: planWorklogs' actions as keyed mutations and bookkeeping. */
import { worklogMutationKey } from '../identity';
import type { CanonicalIssue, CanonicalWorklog, Side } from '../model';
import type { Bookkeeping, Mutation } from '../plan';
import type { Connection } from '../schema/connection';
import type { RuleOf } from '../schema/rules';
import type { LinkedPair } from '../state';
import { planWorklogs } from './plan-worklogs';
import { ruleApplies } from './rule-applies';

/** Both sides' worklogs, read only when the connection has a worklogs rule (and the pair's trackers have them). */
export interface PairWorklogs {
  local: CanonicalWorklog[];
  remote: CanonicalWorklog[];
}

/** Adds the pair's worklog writes to `out`; nothing when the view holds no worklogs or no rule applies. */
export function planPairWorklogs(
  connection: Connection,
  view: { pair: LinkedPair; worklogs?: PairWorklogs },
  when: { creating: Side | undefined; remote: CanonicalIssue | undefined },
  out: { mutations: Mutation[]; bookkeeping: Bookkeeping[] },
): void {
  const { pair, worklogs } = view;
  // More than one worklogs rule would book each worklog once per rule: the first that applies decides.
  const rule = connection.rules.find(
    (r): r is RuleOf<'worklogs'> => r.kind === 'worklogs' && ruleApplies(r, connection, when),
  );
  if (!worklogs || !rule) return;
  const pairId = pair.pairId;
  const actions = planWorklogs({
    rule,
    connectionId: connection.id,
    local: worklogs.local,
    remote: worklogs.remote,
    links: pair.worklogs ?? [],
    outgoingAllowed: connection.outgoing.enabled,
    sideNames: { local: connection.localProject, remote: connection.remote.project },
  });
  for (const a of actions) {
    if (a.kind === 'forget-worklog') {
      out.bookkeeping.push({
        kind: 'forget-link',
        pairId,
        what: 'worklog',
        local: a.local,
        remote: a.remote,
      });
      continue;
    }
    const id = a.kind === 'add-worklog' ? a.sourceWorklogId : a.worklogId;
    out.mutations.push({ ...a, key: worklogMutationKey(pairId, a.kind, a.side, id), pairId });
  }
}
