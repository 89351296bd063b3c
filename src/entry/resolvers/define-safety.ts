/**
 * Settings page, Safety: the mutation limit, the held plan with Approve and Discard, and a dry run that
 * plans the next cycle without writing anything.
 */
import { followUpOf } from '../../core/work/run-work-item';
import type Resolver from '@forge/resolver';
import { approvePlan, discardPlan, runCycle } from '../../core/cycle/run-cycle';
import type { AdminDeps } from '../../platform/admin/admin-deps';
import { planView } from '../../platform/admin/plan-view';
import { defineAdmin } from './define-guarded';
import { ResolverFailure } from './guarded';
import { requireConnection } from './project-connection';

export function defineSafety(resolver: Resolver, deps: AdminDeps): void {
  defineAdmin(resolver, 'limits/save', async ({ payload, projectKey }) => {
    const connection = await requireConnection(deps, projectKey, payload.connectionId);
    const limits = { maxMutationsPerCycle: payload.maxMutationsPerCycle };
    await deps.connections.put({ ...connection, limits });
    return limits;
  });

  defineAdmin(resolver, 'plans/dry-run', async ({ payload, projectKey }) => {
    const connection = await requireConnection(deps, projectKey, payload.connectionId);
    const result = await runCycle(await deps.engineFor(connection), connection, { dryRun: true });
    if (result.outcome === 'dry-run' || result.outcome === 'held')
      return { outcome: result.outcome, plan: planView(result.plan) };
    if (result.outcome === 'busy') return { outcome: 'busy' as const, plan: null };
    throw new Error(`a dry run ended as ${result.outcome}`);
  });

  defineAdmin(resolver, 'plans/held', async ({ payload, projectKey }) => {
    const connection = await requireConnection(deps, projectKey, payload.connectionId);
    const state = await deps.store.getConnectionState(connection.id);
    return {
      plan: state.heldPlan ? planView(state.heldPlan) : null,
      limit: connection.limits.maxMutationsPerCycle,
    };
  });

  defineAdmin(resolver, 'plans/approve', async ({ payload, projectKey }) => {
    const connection = await requireConnection(deps, projectKey, payload.connectionId);
    const result = await approvePlan(await deps.engineFor(connection), connection, payload.planId);
    switch (result.outcome) {
      case 'not-found':
        throw new ResolverFailure({ code: 'not_found', message: result.message, field: 'planId' });
      case 'busy':
      case 'already-executed':
        return { outcome: result.outcome, written: 0, complete: result.outcome !== 'busy', errors: [] };
      case 'executed': {
        // Links that waited on the copies this plan made are made by a follow-up, as after any cycle.
        const followUp = result.report.complete ? followUpOf(connection.id, result.plan) : undefined;
        if (followUp) await deps.queue.push([followUp]);
        return {
          outcome: 'executed' as const,
          written: result.report.written,
          complete: result.report.complete,
          errors: result.report.errors,
        };
      }
    }
  });

  defineAdmin(resolver, 'plans/discard', async ({ payload, projectKey }) => {
    const connection = await requireConnection(deps, projectKey, payload.connectionId);
    const result = await discardPlan(await deps.engineFor(connection), connection.id, payload.planId);
    if (result.outcome === 'busy')
      throw new ResolverFailure({ code: 'conflict', message: 'a sync is running; try again in a minute' });
    if (result.outcome === 'not-found')
      throw new ResolverFailure({ code: 'not_found', message: result.message, field: 'planId' });
    return { outcome: 'discarded' as const };
  });
}
