/**
 * Issue links between synced issues: a link between two issues on one side is made between their partners
 * on the other. A link is keyed by its type and the pair at its far end (`Blocks>l-10001`), so the same
 * link reads the same on both sides; the pair remembers the keys it synced, which is how a link missing on
 * one side is told apart from a link not yet copied (a three-way merge of sets, like labels).
 *
 * Only the source end plans a link (Jira lists each link on both issues), and only links whose far end is
 * itself a pair with both issues: a link to an issue outside the sync has nothing to point at over there.
 */
import type { Side } from '../model';
import type { RuleOf } from '../schema/rules';

/** An outward link on one side, with its far end resolved to a pair where that pair exists. */
export interface ResolvedLink {
  id: string;
  type: string;
  /** The far end's pair and its issue id on each side; absent when the far end is not synced. */
  target?: { pairId: string; local?: string; remote?: string };
}

export type LinkAction =
  | { kind: 'add-issue-link'; side: Side; linkKey: string; type: string; targetIssueId: string }
  | { kind: 'delete-issue-link'; side: Side; linkKey: string; linkId: string };

export interface LinkPlan {
  actions: LinkAction[];
  /** Keys now on both sides that the pair does not remember yet, and remembered keys gone from both. */
  record: { add: string[]; remove: string[] };
  /**
   * A link's far end is a synced pair whose other issue does not exist yet (it is being created in this
   * very cycle, say): the link can be made once it does, so the pair should be looked at again soon.
   */
  deferred: boolean;
}

export const linkKeyOf = (type: string, targetPairId: string) => `${type}>${targetPairId}`;

export function planLinks(input: {
  rule: RuleOf<'links'>;
  local: readonly ResolvedLink[];
  remote: readonly ResolvedLink[];
  synced: readonly string[];
  /** Links a tracker refused to write (a type the other site lacks, a far end it hides): not tried again. */
  refused?: readonly string[];
  /** Synced links gone from one side only because their far end's copy is gone there: forgotten, not deleted. */
  farEndGone?: ReadonlySet<string>;
  outgoingAllowed: boolean;
}): LinkPlan {
  const { rule } = input;
  const wanted = (l: ResolvedLink) => !rule.types || rule.types.includes(l.type);
  const bySide = (links: readonly ResolvedLink[]) =>
    new Map(
      links
        .filter(wanted)
        .flatMap((l) => (l.target ? [[linkKeyOf(l.type, l.target.pairId), l] as const] : [])),
    );
  const here = { local: bySide(input.local), remote: bySide(input.remote) };
  const synced = new Set(input.synced);
  const refused = new Set(input.refused ?? []);
  const farEndGone = input.farEndGone ?? new Set<string>();
  const actions: LinkAction[] = [];
  const record: LinkPlan['record'] = { add: [], remove: [] };
  let deferred = false;

  for (const from of ['local', 'remote'] as const) {
    const to: Side = from === 'local' ? 'remote' : 'local';
    for (const [key, link] of here[from]) {
      if (here[to].has(key) || refused.has(key)) continue;
      if (synced.has(key) && farEndGone.has(key)) {
        record.remove.push(key);
        continue;
      }
      if (synced.has(key)) {
        // Synced before and now only here: it was deleted on the other side.
        if (rule.deletions === 'propagate' && (from === 'local' || input.outgoingAllowed))
          actions.push({ kind: 'delete-issue-link', side: from, linkKey: key, linkId: link.id });
        continue;
      }
      const targetIssueId = link.target?.[to];
      if (targetIssueId === undefined) {
        deferred = true; // its far end's partner does not exist yet
        continue;
      }
      if (to === 'remote' && !input.outgoingAllowed) continue;
      actions.push({ kind: 'add-issue-link', side: to, linkKey: key, type: link.type, targetIssueId });
    }
  }
  for (const key of here.local.keys()) if (here.remote.has(key) && !synced.has(key)) record.add.push(key);
  for (const key of synced) if (!here.local.has(key) && !here.remote.has(key)) record.remove.push(key);
  return { actions, record, deferred };
}
