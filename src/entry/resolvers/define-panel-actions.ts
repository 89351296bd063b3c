/**
 * Issue panel actions: Sync now, settle a conflict, link to an existing remote issue, create the remote
 * copy. Each runs a cycle scoped to this issue, so the person sees the outcome at once instead of waiting
 * for the schedule.
 */
import type Resolver from '@forge/resolver';
import { linkPair } from '../../core/cycle/link-pair';
import { replanDrift } from '../../core/cycle/replan-drift';
import { resolveConflict } from '../../core/cycle/resolve-conflict';
import { runCycle } from '../../core/cycle/run-cycle';
import type { Connection } from '../../core/schema/connection';
import type { AdminDeps } from '../../platform/admin/admin-deps';
import { connectionsOfProject } from '../../platform/admin/admin-deps';
import { filterAdmits } from '../../platform/admin/filter-check';
import { cycleOutcome } from './cycle-outcome';
import { definePanel, issueOf } from './define-guarded';
import { requireConnection } from './project-connection';

async function syncIssue(deps: AdminDeps, connection: Connection, issueId: string) {
  const pair = await deps.store.findPairBySide(connection.id, 'local', issueId);
  await replanDrift(deps.store, pair);
  const scope = { kind: 'issues' as const, local: [issueId], remote: pair?.remote ? [pair.remote.id] : [] };
  return runCycle(await deps.engineFor(connection), connection, { scope, live: true });
}

export function defineIssueActions(resolver: Resolver, deps: AdminDeps): void {
  definePanel(resolver, 'panel/sync-now', async (call) => {
    const issue = issueOf(call);
    const { connectionId } = call.payload;
    const connections =
      connectionId === undefined
        ? (await connectionsOfProject(deps, call.projectKey)).filter((c) => c.enabled)
        : [await requireConnection(deps, call.projectKey, connectionId)];
    const messages: string[] = [];
    let outcome = 'synced';
    for (const c of connections) {
      const linked = (await deps.store.findPairBySide(c.id, 'local', issue.id))?.remote !== undefined;
      // An issue the filter leaves out is not created remotely by Sync now; "Create in remote" says so.
      if (!linked && (await filterAdmits(c, issue.id)) === false) continue;
      const result = cycleOutcome(await syncIssue(deps, c, issue.id));
      if (result.outcome !== 'synced') outcome = result.outcome;
      messages.push(connections.length > 1 ? `${c.name}: ${result.message}` : result.message);
    }
    return { outcome, message: messages.join(' ') || 'Nothing to sync for this issue.' };
  });

  definePanel(resolver, 'panel/resolve-conflict', async (call) => {
    const issue = issueOf(call);
    const connection = await requireConnection(deps, call.projectKey, call.payload.connectionId);
    const pair = await deps.store.findPairBySide(connection.id, 'local', issue.id);
    if (!pair) return { outcome: 'not-found', message: 'This issue is not linked.' };
    const engine = await deps.engineFor(connection);
    const { localPath, choose } = call.payload;
    const result = await resolveConflict(engine, connection, pair.pairId, localPath, choose);
    switch (result.outcome) {
      case 'resolved':
        return { outcome: 'resolved', message: `Kept the ${choose} value of ${localPath} on both sides.` };
      case 'busy':
        return { outcome: 'busy', message: 'This issue is syncing right now. Try again in a moment.' };
      case 'not-found':
      case 'refused':
        return result;
    }
  });

  definePanel(resolver, 'panel/link-existing', async (call) => {
    const issue = issueOf(call);
    const connection = await requireConnection(deps, call.projectKey, call.payload.connectionId);
    const engine = await deps.engineFor(connection);
    const linked = await linkPair(engine, connection, issue.id, call.payload.remoteIssue);
    if (linked.outcome === 'busy') return { outcome: 'busy', message: 'This issue is syncing right now.' };
    if (linked.outcome !== 'linked') return linked;
    const scope = { kind: 'issues' as const, local: [linked.local.id], remote: [linked.remote.id] };
    const synced = cycleOutcome(await runCycle(engine, connection, { scope }));
    return { outcome: 'linked', message: `Linked to ${linked.remote.key}. ${synced.message}` };
  });

  definePanel(resolver, 'panel/create-remote', async (call) => {
    const issue = issueOf(call);
    const connection = await requireConnection(deps, call.projectKey, call.payload.connectionId);
    const existing = await deps.store.findPairBySide(connection.id, 'local', issue.id);
    if (existing?.remote)
      return { outcome: 'already-linked', message: `Already linked to ${existing.remote.key}.` };
    if (!connection.create.toRemote || !connection.outgoing.enabled)
      return { outcome: 'refused', message: `${connection.name} does not create remote issues.` };
    if ((await filterAdmits(connection, issue.id)) === false)
      return {
        outcome: 'refused',
        message: `${connection.name}'s filter excludes this issue: ${connection.localFilter ?? ''}`,
      };
    const result = cycleOutcome(await syncIssue(deps, connection, issue.id));
    const created = (await deps.store.findPairBySide(connection.id, 'local', issue.id))?.remote;
    return created
      ? { outcome: 'created', message: `Created ${created.key}.` }
      : { outcome: result.outcome, message: result.message };
  });
}
