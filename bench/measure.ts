/**
 * What one phase of a bench cost, measured from the sandbox host's own logs: API calls by site and kind (reads
 * and writes as Jira prices them), Jira points and 429s by reason from the emulator's counters, KVS operations,
 * queue pushes, invocations against their limits, wall time and peak RSS. Shared by `npm run bench` (run.ts)
 * and `npm run bench:analytics` (analytics.ts).
 */
import type { SandboxHost } from '../sandbox/host';
import { isRead, JiraEmulator, LIMIT_REASONS, type LimitReason } from '../sandbox/jira';

export interface PhaseResult {
  apiCalls: { total: number; reads: number; writes: number; bySite: Record<string, Record<string, number>> };
  lowerBound: number;
  ratio: number | null;
  kvsOps: number;
  queueEvents: number;
  invocations: { count: number; maxMs: number; limitMs: number; overLimit: number; failed: number };
  wallMs: number;
  peakRssMb: number;
  /** Jira points charged per site (app traffic only, as Jira counts its quota). */
  points: Record<string, number>;
  limited: Record<LimitReason, number>;
  /** Changes that crossed in the phase, and the points a perfect sync would pay for them (see README). */
  changes?: number;
  pointsBound?: number;
  pointsRatio?: number | null;
  /** The wall time the quota alone forces: whole windows waited for, on the busiest site. */
  quotaBoundS?: number;
  /** Edit-to-partner latencies of the live edits made during the phase, in ms. */
  liveEdits?: { count: number; crossed: number; p50Ms: number | null; p95Ms: number | null };
}

/** Points and 429s by reason so far, per site, from the emulator's own counters. */
function limitTotals(emulator: JiraEmulator) {
  return Object.fromEntries(emulator.siteNames().map((site) => [site, emulator.rateLimitUsage(site).totals]));
}

const kindOf = (p: string): string => {
  if (p.includes('/search/jql')) return 'search';
  if (p.includes('/comment')) return 'comment';
  if (p.includes('/transitions')) return 'transition';
  if (p.includes('/attachment')) return 'attachment';
  if (p.includes('/remotelink')) return 'remotelink';
  if (p.includes('/issue')) return 'issue';
  return 'other';
};

export async function measure(
  emulator: JiraEmulator,
  host: SandboxHost,
  lowerBound: number,
  run: () => Promise<void>,
): Promise<PhaseResult> {
  const reqSeq = host.requests().at(-1)?.seq ?? 0;
  const invSeq = host.invocations().at(-1)?.seq ?? 0;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
  const started = Date.now();
  const limitsBefore = limitTotals(emulator);
  await run();
  const wallMs = Date.now() - started;
  clearInterval(sampler);

  const requests = host.requests(reqSeq);
  const api = requests.filter((r) => r.target === 'jira' || r.target === 'fetch');
  const bySite: Record<string, Record<string, number>> = {};
  let reads = 0;
  for (const r of api) {
    const site =
      r.site ?? (r.path.startsWith('/sites/') ? (r.path.split('/')[2] ?? 'remote') : (r.host ?? 'remote'));
    // A read as Jira prices it (rate-limits/cost.ts): GETs, and the POSTs that only read (search, bulkfetch,
    // workflows, comment/list), which this table once counted as writes.
    const read = isRead(r.method, r.path.replace(/^\/sites\/[^/]+/, '').split('?')[0] ?? r.path);
    if (read) reads += 1;
    const kind = `${kindOf(r.path)} ${read ? 'read' : 'write'}`;
    const row = (bySite[site] ??= {});
    row[kind] = (row[kind] ?? 0) + 1;
  }
  const invocations = host.invocations(invSeq);
  const limitMs = Math.max(0, ...invocations.map((i) => i.limitMs));
  const rssPeak = Math.max(peak, ...invocations.map((i) => i.rssPeakBytes));
  const limitsAfter = limitTotals(emulator);
  const points: Record<string, number> = {};
  const limited = Object.fromEntries(LIMIT_REASONS.map((r) => [r, 0])) as Record<LimitReason, number>;
  for (const [site, after] of Object.entries(limitsAfter)) {
    const before = limitsBefore[site];
    points[site] = after.points - (before?.points ?? 0);
    for (const reason of LIMIT_REASONS)
      limited[reason] += after.limited[reason] - (before?.limited[reason] ?? 0);
  }
  return {
    points,
    limited,
    apiCalls: { total: api.length, reads, writes: api.length - reads, bySite },
    lowerBound,
    ratio: lowerBound === 0 ? null : Number((api.length / lowerBound).toFixed(3)),
    kvsOps: requests.filter((r) => r.target === 'kvs').length,
    queueEvents: requests.filter((r) => r.target === 'queue').length,
    invocations: {
      count: invocations.length,
      maxMs: Math.max(0, ...invocations.map((i) => i.ms)),
      limitMs,
      overLimit: invocations.filter((i) => i.outcome === 'timeout').length,
      failed: invocations.filter((i) => i.outcome === 'error').length,
    },
    wallMs,
    peakRssMb: Math.round(rssPeak / (1024 * 1024)),
  };
}
