/**
 * Did this side of a pair change since the last sync, as far as the rules can see? Used to skip pairs that
 * a listing returned only because of our own writes (echoes) or the cursor overlap, without reading the
 * partner issue: a real change on the partner shows up in the partner's own listing.
 */
import type { CanonicalIssue, Side } from '../model';
import { getPath } from '../paths';
import type { Connection } from '../schema/connection';
import type { Rule } from '../schema/rules';
import type { LinkedPair } from '../state';
import { hashValue, sameValue } from '../values';
import { worklogHash } from '../rules/plan-worklogs';
import { parentMoved } from '../rules/plan-hierarchy';

export function pathsOn(side: Side, rules: readonly Rule[]): string[] {
  const paths: string[] = [];
  for (const r of rules) {
    if (side === 'local') {
      if ('local' in r) paths.push(r.local);
      if (r.kind === 'multi-to-remote') paths.push(...r.locals);
    } else if ('remote' in r && r.remote !== undefined) paths.push(r.remote);
  }
  return paths;
}

export function sideChanged(
  connection: Connection,
  side: Side,
  issue: CanonicalIssue,
  pair: LinkedPair,
): boolean {
  const last = side === 'local' ? pair.lastLocalUpdated : pair.lastRemoteUpdated;
  if (last !== undefined && last === issue.updated) return false;
  if (pair.status.state === 'error' || pair.status.state === 'pending' || pair.status.state === 'drift')
    return true;
  // A stepwise write (a status along its workflow) that was not confirmed: finish it or end it.
  if (Object.keys(pair.inflight).some((k) => /:update:(local|remote)$/.test(k))) return true;

  const base = pair.base[side];
  for (const path of pathsOn(side, connection.rules)) {
    const known = path in base;
    const value = getPath(issue.fields, path);
    if (known ? !sameValue(value, base[path]) : value !== undefined && value !== null) return true;
  }
  const rules = connection.rules;
  if (rules.some((r) => r.kind === 'messages')) {
    if (!issue.comments) return true;
    const links = new Map(pair.comments.map((l) => [l[side], l]));
    if (links.size !== issue.comments.length) return true;
    for (const c of issue.comments) {
      const link = links.get(c.id);
      if (!link) return true;
      const hash = side === 'local' ? link.localHash : link.remoteHash;
      if (link.origin === side && hash !== hashValue(c.body)) return true;
    }
  }
  if (rules.some((r) => r.kind === 'worklogs') && worklogsChanged(side, issue, pair)) return true;
  if (rules.some((r) => r.kind === 'hierarchy') && parentMoved(side, issue, pair)) return true;
  if (rules.some((r) => r.kind === 'files')) {
    if (!issue.attachments) return true;
    const known = new Set([
      ...pair.attachments.map((a) => a[side]),
      ...pair.skippedAttachments.filter((s) => s.side === side).map((s) => s.id),
    ]);
    if (issue.attachments.some((a) => !known.has(a.id))) return true;
    if (pair.attachments.length > issue.attachments.filter((a) => known.has(a.id)).length) return true;
  }
  if (rules.some((r) => r.kind === 'links') && issue.links) {
    // Link targets are pairs, which take a lookup to resolve: an issue that changed and has outward links
    // is looked at; one that has none is unchanged only if none were synced.
    const outward = issue.links.filter((l) => l.direction === 'outward').length;
    if (outward > 0 || (pair.issueLinks?.length ?? 0) > 0) return true;
  }
  return false;
}

/**
 * Worklogs as comments: unknown ones (the issue was read without them) count as changed; otherwise one
 * not linked, a link without its worklog, or an original edited since its copy was written.
 */
function worklogsChanged(side: Side, issue: CanonicalIssue, pair: LinkedPair): boolean {
  if (!issue.worklogs) return true;
  const links = new Map((pair.worklogs ?? []).map((l) => [l[side], l]));
  if (links.size !== issue.worklogs.length) return true;
  return issue.worklogs.some((w) => {
    const link = links.get(w.id);
    if (!link) return true;
    return link.origin === side && (side === 'local' ? link.localHash : link.remoteHash) !== worklogHash(w);
  });
}
