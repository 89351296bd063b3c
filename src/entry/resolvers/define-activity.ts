/** Settings page, Activity: recent cycles, changes per hour, pairs in error, and Retry for one pair. */
import type Resolver from '@forge/resolver';
import { replanDrift } from '../../core/cycle/replan-drift';
import { runCycle } from '../../core/cycle/run-cycle';
import type { AdminDeps } from '../../platform/admin/admin-deps';
import { activityOf } from '../../platform/admin/activity';
import { cycleOutcome } from './cycle-outcome';
import { defineAdmin } from './define-guarded';
import { ResolverFailure } from './guarded';
import { requireConnection } from './project-connection';

export function defineActivity(resolver: Resolver, deps: AdminDeps): void {
  defineAdmin(resolver, 'activity/get', async ({ payload, projectKey }) =>
    activityOf(deps, await requireConnection(deps, projectKey, payload.connectionId)),
  );

  defineAdmin(resolver, 'pairs/retry', async ({ payload, projectKey }) => {
    const connection = await requireConnection(deps, projectKey, payload.connectionId);
    const pair = await deps.store.getPair(connection.id, payload.pairId);
    if (!pair) throw new ResolverFailure({ code: 'not_found', message: 'no such pair', field: 'pairId' });
    await replanDrift(deps.store, pair);
    // A cycle scoped to this pair's two issues: the error state makes the planner look at it again.
    const scope = {
      kind: 'issues' as const,
      local: pair.local ? [pair.local.id] : [],
      remote: pair.remote ? [pair.remote.id] : [],
    };
    return cycleOutcome(await runCycle(await deps.engineFor(connection), connection, { scope }));
  });

  // Thousands of issues take longer than a resolver may run: a consumer links them, and Activity shows it.
  defineAdmin(resolver, 'pairs/bulk-connect', async ({ payload, projectKey }) => {
    const connection = await requireConnection(deps, projectKey, payload.connectionId);
    await deps.queue.push([
      { kind: 'backfill', body: { connectionId: connection.id, match: payload.match } },
    ]);
    return { queued: true as const };
  });
}
