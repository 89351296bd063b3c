/**
 * A cycle for one connection: plan, count, then either execute or hold. Damage control (from Gropius):
 * the mutations are counted before any is executed, and a plan over the connection's limit is stored for
 * an admin and nothing is written. Approving executes exactly that plan, once; discarding drops it.
 */
import { TrackerError } from '../errors';
import { countBySide, type SyncPlan } from '../plan';
import type { Connection } from '../schema/connection';
import type { ConnectionState, CycleSummary } from '../state';
import type { EngineDeps } from './engine-deps';
import { finishBackfillCopies, noteBackfillCopies } from './backfill-copies';
import { executePlan, type ExecutionReport } from './execute-plan';
import { linkExisting, type MatchRule } from './link-existing';
import { nextKnownCopies, planCycle, type CycleScope } from './plan-cycle';
import { withLease } from './with-lease';

const KEEP_CYCLES = 50;
const KEEP_EXECUTED_PLANS = 20;

export type CycleResult =
  | { outcome: 'busy' }
  | { outcome: 'disabled' }
  | { outcome: 'dry-run'; plan: SyncPlan }
  | { outcome: 'failed'; message: string }
  | { outcome: 'held'; plan: SyncPlan }
  | { outcome: 'executed'; plan: SyncPlan; report: ExecutionReport };

/** How often the scheduled cycle re-reads everything in scope: the self-healing pass. */
export const FULL_SCAN_EVERY_MS = 60 * 60_000;

export interface CycleOptions {
  dryRun?: boolean;
  /** Default: changes since the cursors, or a full scan when the last one is older than FULL_SCAN_EVERY_MS. */
  scope?: CycleScope;
  /**
   * A person's work (the live lane): a scoped cycle that finds the connection held by another cycle goes
   * beside it instead of waiting (see besideTheLock). Background scoped work (follow-ups) waits its turn.
   */
  live?: boolean;
}

export async function runCycle(
  deps: EngineDeps,
  connection: Connection,
  opts: CycleOptions = {},
): Promise<CycleResult> {
  if (!connection.enabled && !opts.dryRun) return { outcome: 'disabled' };
  const locked = await withConnectionLock(deps, connection.id, (state) =>
    lockedCycle(deps, connection, opts, state),
  );
  // A person's scoped cycle does not wait behind a backfill holding the connection: see besideTheLock.
  if (
    locked.outcome === 'busy' &&
    opts.live === true &&
    opts.scope?.kind === 'issues' &&
    opts.dryRun !== true
  )
    return besideTheLock(deps, connection, opts.scope);
  return locked;
}

/**
 * The live lane's cycle while another cycle holds the connection: it plans and writes only the issues it
 * names, under their pair locks (a pair's id follows from its issue, so both cycles meet on the same lock,
 * and each create looks up the origin first). It moves no cursor and writes no connection state; the cycle
 * holding the connection does. A plan a limit would hold, or a held plan, waits for that cycle instead.
 */
async function besideTheLock(
  deps: EngineDeps,
  connection: Connection,
  scope: Extract<CycleScope, { kind: 'issues' }>,
): Promise<CycleResult> {
  const state = await deps.store.getConnectionState(connection.id);
  if (state.heldPlan) return { outcome: 'busy' };
  const plan = await planCycle(deps, connection, state, scope);
  if (plan.mutations.length > connection.limits.maxMutationsPerCycle) return { outcome: 'busy' };
  return { outcome: 'executed', plan, report: await executePlan(deps, connection, plan) };
}

async function lockedCycle(
  deps: EngineDeps,
  connection: Connection,
  opts: CycleOptions,
  state: ConnectionState,
): Promise<CycleResult> {
  if (state.heldPlan) {
    // An approved plan that a killed invocation left half done is finished first; otherwise wait for the admin.
    if (!state.heldPlan.approvedAt || opts.dryRun) return { outcome: 'held', plan: state.heldPlan };
    return finishApproved(deps, connection, state, state.heldPlan);
  }
  const scope = opts.scope ?? defaultScope(deps, state);
  let plan: SyncPlan;
  try {
    plan = await planCycle(deps, connection, state, scope);
  } catch (err) {
    // A tracker that refuses us (bad credentials, a wrong URL, a missing project) is the connection's
    // problem, not a crash: it is shown on the connection, and nothing was written.
    if (!(err instanceof TrackerError) || err.isRetryable || opts.dryRun) throw err;
    state.lastError = { message: err.message, code: err.code, at: deps.clock.now().toISOString() };
    await deps.store.putConnectionState(state);
    return { outcome: 'failed', message: err.message };
  }
  if (opts.dryRun) return { outcome: 'dry-run', plan };
  if (plan.mutations.length > connection.limits.maxMutationsPerCycle) {
    state.heldPlan = plan;
    record(state, summary(deps, plan, { held: true, errors: 0 }));
    await deps.store.putConnectionState(state);
    return { outcome: 'held', plan };
  }
  // A backfill's progress is stored before the writes, so Activity shows it while they run.
  if (scope.kind === 'full' && noteBackfillCopies(state, plan, deps.clock.now()))
    await deps.store.putConnectionState(state);
  const report = await executePlan(deps, connection, plan);
  if (report.complete) {
    state.cursors = plan.cursors;
    state.lastCompletedAt = deps.clock.now().toISOString();
    if (scope.kind === 'full') {
      state.lastFullScanAt = plan.createdAt;
      finishBackfillCopies(state, deps.clock.now());
    }
  }
  rememberCopies(state, plan, report);
  record(state, summary(deps, plan, { held: false, errors: report.errors.length }));
  delete state.lastError;
  await deps.store.putConnectionState(state);
  return { outcome: 'executed', plan, report };
}

export type ApprovalResult =
  | { outcome: 'busy' }
  | { outcome: 'not-found'; message: string }
  | { outcome: 'already-executed' }
  | { outcome: 'executed'; plan: SyncPlan; report: ExecutionReport };

export async function approvePlan(
  deps: EngineDeps,
  connection: Connection,
  planId: string,
): Promise<ApprovalResult> {
  return withConnectionLock(deps, connection.id, async (state) => {
    if (state.executedPlanIds.includes(planId)) return { outcome: 'already-executed' };
    const plan = state.heldPlan;
    if (plan?.id !== planId) return { outcome: 'not-found', message: `no held plan with id ${planId}` };
    plan.approvedAt = deps.clock.now().toISOString();
    await deps.store.putConnectionState(state);
    const { report } = await finishApproved(deps, connection, state, plan);
    return { outcome: 'executed', plan, report };
  });
}

export type DiscardResult =
  | { outcome: 'busy' }
  | { outcome: 'not-found'; message: string }
  | { outcome: 'discarded' };

/**
 * Drops a held plan. Its changes are not sent; the cursors move past them, so they travel again only when
 * the issue changes again or someone presses "Sync now" on it.
 */
export async function discardPlan(
  deps: EngineDeps,
  connectionId: string,
  planId: string,
): Promise<DiscardResult> {
  return withConnectionLock(deps, connectionId, async (state) => {
    if (state.heldPlan?.id !== planId)
      return { outcome: 'not-found', message: `no held plan with id ${planId}` };
    if (state.heldPlan.approvedAt)
      return { outcome: 'not-found', message: `plan ${planId} is already approved` };
    state.cursors = state.heldPlan.cursors;
    delete state.heldPlan;
    await deps.store.putConnectionState(state);
    return { outcome: 'discarded' };
  });
}

async function finishApproved(
  deps: EngineDeps,
  connection: Connection,
  state: ConnectionState,
  plan: SyncPlan,
): Promise<{ outcome: 'executed'; plan: SyncPlan; report: ExecutionReport }> {
  // A backfill's copies often come as one large plan an admin approves.
  if (noteBackfillCopies(state, plan, deps.clock.now())) await deps.store.putConnectionState(state);
  const report = await executePlan(deps, connection, plan);
  if (report.complete) {
    finishBackfillCopies(state, deps.clock.now());
    delete state.heldPlan;
    state.lastCompletedAt = deps.clock.now().toISOString();
    state.cursors = plan.cursors;
    state.executedPlanIds = [...state.executedPlanIds, plan.id].slice(-KEEP_EXECUTED_PLANS);
  }
  rememberCopies(state, plan, report);
  record(state, summary(deps, plan, { held: false, errors: report.errors.length }));
  await deps.store.putConnectionState(state);
  return { outcome: 'executed', plan, report };
}

/**
 * Bulk connect, then a full cycle: issues that already exist on both sides are linked by the match rule,
 * everything else follows the rules (and damage control) as in any cycle.
 */
export async function backfill(
  deps: EngineDeps,
  connection: Connection,
  match: MatchRule,
): Promise<CycleResult | { outcome: 'busy' }> {
  const linked = await withConnectionLock(deps, connection.id, async (state) => {
    const progress = await linkExisting(deps, connection, match, async (started) => {
      state.backfill = started;
      await deps.store.putConnectionState(state);
    });
    state.backfill = progress;
    await deps.store.putConnectionState(state);
    return { outcome: 'linked' as const };
  });
  if (linked.outcome === 'busy') return linked;
  return runCycle(deps, connection, { scope: { kind: 'full' } });
}

async function withConnectionLock<T>(
  deps: EngineDeps,
  connectionId: string,
  fn: (state: ConnectionState) => Promise<T>,
): Promise<T | { outcome: 'busy' }> {
  // A killed invocation never releases; its lease runs out within LEASE_MS, as it stops renewing.
  const held = await withLease(deps.store, connectionId, '*', async () =>
    fn(await deps.store.getConnectionState(connectionId)),
  );
  return held.busy ? { outcome: 'busy' } : held.value;
}

/**
 * The self-healing pass: every so often, read everything in scope instead of what changed since the
 * cursors. It repairs pairs that a lost cursor, a clock jump or an outage left stale, and retries pairs in
 * error; unchanged pairs cost no more than the listing, since nothing is read or written for them.
 */
function defaultScope(deps: EngineDeps, state: ConnectionState): CycleScope {
  const last =
    state.lastFullScanAt === undefined ? Number.NEGATIVE_INFINITY : Date.parse(state.lastFullScanAt);
  return deps.clock.now().getTime() - last >= FULL_SCAN_EVERY_MS ? { kind: 'full' } : { kind: 'changes' };
}

/** Copies made in a run that stopped early count too: what Tandem knows about them does not depend on the cursor. */
function rememberCopies(state: ConnectionState, plan: SyncPlan, report: ExecutionReport): void {
  // A group this run read by id is done only if the run finished: stopped halfway, its cursors are not
  // kept, so the next run must read the group again (plan-cycle.ts knownCopiesPlan).
  const listing = plan.knownCopies && {
    offered: plan.knownCopies.offered,
    retired: report.complete ? plan.knownCopies.retired : [],
  };
  const known = nextKnownCopies(state, state.cursors, report.created ?? [], listing);
  if (known.local || known.remote) state.knownCopies = known;
  else delete state.knownCopies;
}

function summary(deps: EngineDeps, plan: SyncPlan, extra: { held: boolean; errors: number }): CycleSummary {
  return { at: deps.clock.now().toISOString(), ...countBySide(plan), ...extra, dryRun: false };
}

function record(state: ConnectionState, s: CycleSummary): void {
  state.recentCycles = [...state.recentCycles, s].slice(-KEEP_CYCLES);
}
