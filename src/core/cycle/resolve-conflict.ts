/**
 * A person settles a manual conflict from the issue panel: the chosen side's current value is written to
 * the other side, both sides' base becomes that value, and the conflict is cleared. The chosen value is
 * read again rather than taken from the recorded conflict, because "keep mine" means what is there now.
 */
import { getPath } from '../paths';
import { outgoingAllowed } from '../rules/rule-applies';
import type { Side } from '../model';
import type { Connection } from '../schema/connection';
import { localToRemote, remoteToLocal } from '../value-map';
import type { EngineDeps } from './engine-deps';
import { asHeld } from './apply-mutation';
import { withLease } from './with-lease';

export type ResolveConflictResult =
  | { outcome: 'resolved' }
  | { outcome: 'busy' }
  | { outcome: 'not-found'; message: string }
  | { outcome: 'refused'; message: string };

export async function resolveConflict(
  deps: EngineDeps,
  connection: Connection,
  pairId: string,
  localPath: string,
  choose: Side,
): Promise<ResolveConflictResult> {
  const held = await withLease(
    deps.store,
    connection.id,
    pairId,
    async (): Promise<ResolveConflictResult> => {
      const pair = await deps.store.getPair(connection.id, pairId);
      const conflict = pair?.conflicts.find((c) => c.localPath === localPath);
      if (!pair?.local || !pair.remote || !conflict)
        return { outcome: 'not-found', message: `no conflict on ${localPath} for this issue` };
      if (choose === 'local' && !outgoingAllowed(connection, conflict.remotePath))
        return { outcome: 'refused', message: `the connection does not send ${conflict.remotePath} out` };

      const rule = connection.rules.find((r) => r.kind === 'two-way' && r.local === localPath);
      const map = rule && 'map' in rule ? rule.map : undefined;
      const source = choose === 'local' ? deps.local : deps.remote;
      const sourceRef = choose === 'local' ? pair.local : pair.remote;
      const [issue] = await source.getIssues([sourceRef.id]);
      if (!issue) return { outcome: 'not-found', message: `the ${choose} issue no longer exists` };

      const chosen = getPath(issue.fields, choose === 'local' ? localPath : conflict.remotePath) ?? null;
      const localValue = choose === 'local' ? chosen : (remoteToLocal(map, chosen) ?? null);
      const remoteValue = choose === 'remote' ? chosen : (localToRemote(map, chosen) ?? null);
      if (choose === 'local') {
        const held = await deps.remote.updateIssue(pair.remote.id, { [conflict.remotePath]: remoteValue });
        pair.base.local[localPath] = chosen;
        pair.base.remote[conflict.remotePath] =
          asHeld({ [conflict.remotePath]: remoteValue }, held)[conflict.remotePath] ?? null;
      } else {
        const held = await deps.local.updateIssue(pair.local.id, { [localPath]: localValue });
        pair.base.remote[conflict.remotePath] = chosen;
        pair.base.local[localPath] = asHeld({ [localPath]: localValue }, held)[localPath] ?? null;
      }
      pair.conflicts = pair.conflicts.filter((c) => c !== conflict);
      if (pair.status.state === 'conflict' && pair.conflicts.length === 0) pair.status = { state: 'ok' };
      pair.lastSyncedAt = deps.clock.now().toISOString();
      await deps.store.putPair(pair);
      return { outcome: 'resolved' };
    },
  );
  return held.busy ? { outcome: 'busy' } : held.value;
}
