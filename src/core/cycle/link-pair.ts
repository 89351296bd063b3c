/**
 * "Link to an existing remote issue": records a pair between a local issue and a remote issue that a
 * person says are the same. No base is stored, so the next cycle treats every mapped field as changed on
 * both sides and the rule's conflict policy settles them, the same as for any pair linked for the first time.
 */
import type { CanonicalIssue } from '../model';
import { newPair, pairIdFor } from '../state';
import type { Connection } from '../schema/connection';
import type { EngineDeps } from './engine-deps';
import { withLease } from './with-lease';

export type LinkResult =
  | { outcome: 'linked'; pairId: string; local: CanonicalIssue; remote: CanonicalIssue }
  | { outcome: 'busy' }
  | { outcome: 'not-found'; message: string }
  | { outcome: 'invalid'; message: string }
  | { outcome: 'not-in-connection'; message: string }
  | { outcome: 'already-linked'; message: string };

export async function linkPair(
  deps: EngineDeps,
  connection: Connection,
  localIssueId: string,
  remoteIssue: string,
): Promise<LinkResult> {
  // What a person typed goes only to the lookup that is scoped to the connection; a form it does not
  // take is refused before any request.
  const lookup = await deps.remote.findIssue(remoteIssue);
  if (lookup.outcome === 'invalid') return lookup;
  if (lookup.outcome === 'not-in-connection')
    return {
      outcome: 'not-in-connection',
      message: `${remoteIssue} is not in this connection: it links to issues of ${connection.remote.project} only.`,
    };
  const remote = lookup.issue;
  const [local] = await deps.local.getIssues([localIssueId]);
  if (!local) return { outcome: 'not-found', message: `issue ${localIssueId} was not found` };

  const mine = await deps.store.findPairBySide(connection.id, 'local', local.id);
  if (mine?.remote)
    return { outcome: 'already-linked', message: `${local.key} is already linked to ${mine.remote.key}` };
  const theirs = await deps.store.findPairBySide(connection.id, 'remote', remote.id);
  if (theirs?.local)
    return { outcome: 'already-linked', message: `${remote.key} is already linked to ${theirs.local.key}` };

  const pairId = mine?.pairId ?? pairIdFor('local', local.id);
  const held = await withLease(deps.store, connection.id, pairId, async (): Promise<LinkResult> => {
    const pair = (await deps.store.getPair(connection.id, pairId)) ?? newPair(connection.id, pairId);
    if (pair.remote) return { outcome: 'already-linked', message: `${local.key} is already linked` };
    pair.local = { id: local.id, key: local.key, url: local.url };
    pair.remote = { id: remote.id, key: remote.key, url: remote.url };
    pair.status = { state: 'pending', reason: 'linked by hand; not yet synced' };
    await deps.store.putPair(pair);
    return { outcome: 'linked', pairId, local, remote };
  });
  return held.busy ? { outcome: 'busy' } : held.value;
}
