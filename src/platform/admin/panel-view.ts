/**
 * What the issue panel shows for one issue, per connection of its project: the linked remote issue with
 * its status, when it last synced, what is waiting to go out, conflicts with both values, the error, or
 * why the issue is not linked. Reading the remote status is best effort: a remote that is down or refuses
 * the credentials must not hide what Tandem knows locally.
 */
import { pathsOn } from '../../core/cycle/side-changed';
import type { EngineDeps } from '../../core/cycle/engine-deps';
import type { CanonicalIssue } from '../../core/model';
import { getPath } from '../../core/paths';
import type { Connection } from '../../core/schema/connection';
import type { PanelLink } from '../../core/schema/resolver-answers';
import type { LinkedPair } from '../../core/state';
import { sameValue } from '../../core/values';
import { CONNECTORS } from '../../connectors/registry';
import type { AdminDeps } from './admin-deps';
import { describeValue } from './describe-value';
import { filterAdmits } from './filter-check';

export async function panelLink(
  deps: AdminDeps,
  connection: Connection,
  issueId: string,
): Promise<PanelLink> {
  const pair = await deps.store.findPairBySide(connection.id, 'local', issueId);
  const engine = await deps.engineFor(connection).catch(() => undefined);
  const base: PanelLink = {
    connectionId: connection.id,
    connectionName: connection.name,
    remoteLabel: `${CONNECTORS[connection.remote.kind].label} ${connection.remote.project}`,
    state: 'not-linked',
    filter: null,
    remote: null,
    lastSyncedAt: pair?.lastSyncedAt ?? null,
    status: pair ? statusOf(pair) : null,
    pending: [],
    conflicts: [],
    pairId: pair?.pairId ?? null,
    canCreate: connection.create.toRemote && connection.outgoing.enabled,
  };
  if (!pair?.remote) {
    const admitted = await filterAdmits(connection, issueId);
    return admitted === false ? { ...base, state: 'filtered', filter: connection.localFilter ?? null } : base;
  }
  const remote = engine ? await firstOf(engine, 'remote', pair.remote.id) : undefined;
  const local = engine ? await firstOf(engine, 'local', issueId) : undefined;
  const status = remote ? getPath(remote.fields, 'status.name') : undefined;
  return {
    ...base,
    state: 'linked',
    remote: {
      key: pair.remote.key,
      url: pair.remote.url,
      status: typeof status === 'string' ? status : null,
    },
    pending: local ? pendingPaths(connection, pair, local) : [],
    conflicts: pair.conflicts.map((c) => ({
      localPath: c.localPath,
      remotePath: c.remotePath,
      localValue: describeValue(c.localValue),
      remoteValue: describeValue(c.remoteValue),
    })),
  };
}

function statusOf(pair: LinkedPair): PanelLink['status'] {
  const s = pair.status;
  switch (s.state) {
    case 'ok':
    case 'conflict':
      return { state: s.state, message: null };
    case 'pending':
      return { state: 'pending', message: s.reason };
    case 'error':
      return { state: 'error', message: s.message };
    case 'drift':
      return { state: 'drift', message: s.message };
  }
}

/** Local fields whose value differs from the last synced one: they go out with the next cycle. */
function pendingPaths(connection: Connection, pair: LinkedPair, local: CanonicalIssue): string[] {
  const conflicted = new Set(pair.conflicts.map((c) => c.localPath));
  // Only rules that send local values out make a local edit "pending"; one-way rules bring values in.
  const outgoing = connection.rules.filter(
    (r) => r.kind === 'two-way' || r.kind === 'to-remote' || r.kind === 'multi-to-remote',
  );
  const paths = [...new Set(pathsOn('local', outgoing))];
  return paths.filter(
    (p) =>
      p in pair.base.local && !conflicted.has(p) && !sameValue(getPath(local.fields, p), pair.base.local[p]),
  );
}

async function firstOf(engine: EngineDeps, side: 'local' | 'remote', id: string) {
  try {
    return (await engine[side].getIssues([id]))[0];
  } catch {
    return undefined;
  }
}
