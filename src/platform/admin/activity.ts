/**
 * The Activity section: the last cycles, changes per hour over the last 24 hours, the pairs in error or
 * out of sync (drift, counted) and
 * a running backfill. Everything is read from the connection's state and its pairs; nothing is written.
 */
import type { Connection } from '../../core/schema/connection';
import type { AnswerOf, PairError } from '../../core/schema/resolver-answers';
import { stallOf } from '../../core/cycle/stall';
import type { Side } from '../../core/model';
import { quotaEtaMs, quotaViewOf, type QuotaView } from '../../core/rate';
import type { BackfillCopies, CycleSummary } from '../../core/state';
import type { AdminDeps } from './admin-deps';

const HOUR_MS = 60 * 60_000;
const SHOWN_CYCLES = 20;
/** Pages of pairs read for errors: enough for most connections, bounded for the 25 s resolver limit. */
const MAX_PAIR_PAGES = 20;
const MAX_ERRORS = 100;

export async function activityOf(deps: AdminDeps, connection: Connection): Promise<AnswerOf<'activity/get'>> {
  const state = await deps.store.getConnectionState(connection.id);
  const now = deps.now().getTime();
  const quotas = (await deps.siteQuotas(connection)).map(({ side, label, state: governor }) => ({
    side,
    label,
    view: quotaViewOf(governor, now),
  }));
  const real = state.recentCycles.filter((c) => !c.dryRun);
  return {
    cycles: real
      .slice(-SHOWN_CYCLES)
      .reverse()
      .map((c) => ({ at: c.at, incoming: c.incoming, outgoing: c.outgoing, errors: c.errors, held: c.held })),
    hourly: hourly(real, deps.now()),
    ...(await pairsInTrouble(deps, connection.id)),
    lastError: state.lastError ? { message: state.lastError.message, at: state.lastError.at } : null,
    stalled: stallOf(state, await deps.store.readLock(connection.id, '*'), deps.now(), connection.enabled),
    backfill: state.backfill
      ? {
          startedAt: state.backfill.startedAt,
          finishedAt: state.backfill.finishedAt ?? null,
          scanned: state.backfill.scanned,
          linked: state.backfill.linked,
          ambiguous: state.backfill.ambiguous,
          copies: copiesView(state.backfill.copies, quotas, now),
        }
      : null,
    quotas: quotas.map(({ label, view }) => ({
      label,
      used: view.used,
      limit: view.limit,
      reserve: view.reserve,
      resetAt: iso(view.resetAtMs),
      paused: view.paused
        ? { reason: view.paused.reason, until: new Date(view.paused.untilMs).toISOString() }
        : null,
    })),
  };
}

/** Jira's quota window: `Beta-RateLimit-Policy` says `w=3600`. */
const QUOTA_WINDOW_MS = HOUR_MS;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function copiesView(
  copies: BackfillCopies | undefined,
  quotas: readonly { side: Side; view: QuotaView }[],
  now: number,
) {
  if (!copies) return null;
  // Each write costs at least its base cost of one point, so the quota lets them through no sooner.
  const etas = quotas
    .map(({ side, view }) => quotaEtaMs(view, copies.writes[side], QUOTA_WINDOW_MS, now))
    .filter((eta): eta is number => eta !== null);
  const pending = copies.finishedAt === undefined && copies.writes.local + copies.writes.remote > 0;
  return {
    total: copies.total,
    remaining: copies.remaining,
    at: copies.at,
    finishedAt: copies.finishedAt ?? null,
    notBefore: pending && etas.length > 0 ? iso(Math.max(...etas)) : null,
  };
}

/** 24 buckets ending with the current hour; a held cycle wrote nothing, so it counts zero. */
export function hourly(cycles: readonly CycleSummary[], now: Date): { hourStart: string; changes: number }[] {
  const current = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const buckets = Array.from({ length: 24 }, (_, i) => ({ start: current - (23 - i) * HOUR_MS, changes: 0 }));
  for (const c of cycles) {
    if (c.held) continue;
    const hoursAgo = Math.floor((current - Math.floor(Date.parse(c.at) / HOUR_MS) * HOUR_MS) / HOUR_MS);
    const bucket = buckets[23 - hoursAgo];
    if (bucket) bucket.changes += c.incoming + c.outgoing;
  }
  return buckets.map((b) => ({ hourStart: new Date(b.start).toISOString(), changes: b.changes }));
}

async function pairsInTrouble(
  deps: AdminDeps,
  connectionId: string,
): Promise<{ pairsInError: PairError[]; pairsInDrift: number }> {
  const out: PairError[] = [];
  let drift = 0;
  let token: string | undefined;
  for (let page = 0; page < MAX_PAIR_PAGES && out.length < MAX_ERRORS; page++) {
    const listed = await deps.store.listPairs(connectionId, token);
    for (const p of listed.items) {
      const refs = {
        pairId: p.pairId,
        local: p.local ? { key: p.local.key, url: p.local.url } : null,
        remote: p.remote ? { key: p.remote.key, url: p.remote.url } : null,
      };
      if (p.status.state === 'drift') {
        drift += 1;
        out.push({
          ...refs,
          kind: 'drift',
          message: p.status.message,
          attempts: 0,
          lastAttemptAt: p.status.since,
        });
      }
      if (p.status.state !== 'error') continue;
      out.push({
        ...refs,
        kind: 'error',
        message: p.status.message,
        attempts: p.status.attempts,
        lastAttemptAt: p.status.lastAttemptAt,
      });
    }
    token = listed.next;
    if (token === undefined) break;
  }
  return { pairsInError: out.slice(0, MAX_ERRORS), pairsInDrift: drift };
}
