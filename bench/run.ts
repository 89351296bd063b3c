/**
 * `npm run bench`: a reproducible Jira ↔ Jira scenario in the sandbox, measured from the host's own logs.
 *
 * Phases: the initial backfill (every partner issue and its comments copied to DEMO, DEMO's issues copied
 * out), a cycle with no changes, a second one that reads the backfill's copies by id once (the check after
 * the listing that first left them out), and a cycle with a share of issues changed on each side. For each phase:
 * API calls by site and kind, KVS operations, queue pushes, invocations against their limits, wall time,
 * peak RSS, and the ratio of API calls to the lower bound (⌈changed issues / 100⌉ search pages plus one
 * write per mutation that was needed), Jira points charged per site (the emulator's documented cost model:
 * a read 1 plus the objects it returns, a write 1) and 429s by `RateLimit-Reason`. `--quota`,
 * `--quota-window`, `--burst` and `--per-issue` set the emulator's limits (Atlassian's figures by default).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createHost, type SandboxHost } from '../sandbox/host';
import { ATLASSIAN_RATE_LIMITS, JiraEmulator, LIMIT_REASONS, seedDemo } from '../sandbox/jira';
import { DEMO_CONNECTION_ID, seedDemoConnection } from '../sandbox/app-seed';
import { seedPartnerWebhook } from '../sandbox/partner-webhook-seed';
import { keys } from '../src/platform/kvs/keys';
import { measure, type PhaseResult } from './measure';
import { seedPartnerIssues, editIssues } from './seed-bench';
import { traceRequests } from './trace-requests';

const Args = z.object({
  issues: z.coerce.number().int().min(1),
  comments: z.coerce.number().int().min(0),
  latencyMs: z.coerce.number().min(0),
  burst: z.coerce.number().int().min(1),
  quota: z.coerce.number().int().min(1),
  quotaWindow: z.coerce.number().positive(),
  perIssue: z.coerce.number().int().min(1),
  changedShare: z.coerce.number().min(0).max(1),
  liveEdits: z.coerce.number().int().min(0),
  pauseS: z.coerce.number().min(0),
  /** Whether PARTNER's admin webhook sends partner changes at once (on), or they wait for the cycle (off). */
  partnerWebhook: z.enum(['on', 'off']),
  /** A file to write every emulator request to, one JSON line each (bench/trace-requests.ts). */
  trace: z.string().optional(),
});

function readArgs() {
  const { values } = parseArgs({
    options: {
      issues: { type: 'string', default: '10000' },
      comments: { type: 'string', default: '5' },
      'latency-ms': { type: 'string', default: '100' },
      burst: { type: 'string', default: '50' },
      changed: { type: 'string', default: '0.02' },
      quota: { type: 'string', default: String(ATLASSIAN_RATE_LIMITS.quotaPoints) },
      'quota-window': { type: 'string', default: String(ATLASSIAN_RATE_LIMITS.quotaWindowSeconds) },
      'per-issue': { type: 'string', default: String(ATLASSIAN_RATE_LIMITS.perIssueWrites) },
      'live-edits': { type: 'string', default: '20' },
      pause: { type: 'string', default: '65' },
      'partner-webhook': { type: 'string', default: 'on' },
      trace: { type: 'string' },
    },
  });
  return Args.parse({
    issues: values.issues,
    comments: values.comments,
    latencyMs: values['latency-ms'],
    burst: values.burst,
    changedShare: values.changed,
    quota: values.quota,
    quotaWindow: values['quota-window'],
    perIssue: values['per-issue'],
    liveEdits: values['live-edits'],
    pauseS: values.pause,
    partnerWebhook: values['partner-webhook'],
    trace: values.trace,
  });
}


/** One scheduled run, then the queue drained, repeated while a cycle left a continuation behind. */
async function syncUntilQuiet(host: SandboxHost): Promise<void> {
  await host.runScheduled('sync-cycle-schedule');
  const settled = await host.settle(4 * 60 * 60_000);
  if (!settled.settled) throw new Error('the sandbox did not settle');
}

function printTable(phases: Record<string, PhaseResult>): void {
  const rows = Object.entries(phases).map(([name, p]) => ({
    phase: name,
    'api calls': p.apiCalls.total,
    reads: p.apiCalls.reads,
    writes: p.apiCalls.writes,
    'lower bound': p.lowerBound,
    ratio: p.ratio ?? 'n/a',
    'points local/partner': `${p.points.local ?? 0}/${p.points.partner ?? 0}`,
    'pts/change (bound)': p.changes
      ? `${(sumPoints(p) / p.changes).toFixed(2)} (${((p.pointsBound ?? 0) / p.changes).toFixed(2)})`
      : 'n/a',
    'quota bound s': p.quotaBoundS ?? 0,
    'live p50/p95 s': p.liveEdits
      ? `${fmtS(p.liveEdits.p50Ms)}/${fmtS(p.liveEdits.p95Ms)} (${p.liveEdits.crossed}/${p.liveEdits.count})`
      : '',
    '429 quota/burst/issue': LIMIT_REASONS.map((r) => p.limited[r]).join('/'),
    'kvs ops': p.kvsOps,
    'queue pushes': p.queueEvents,
    invocations: p.invocations.count,
    'longest ms / limit': `${p.invocations.maxMs} / ${p.invocations.limitMs}`,
    'wall s': (p.wallMs / 1000).toFixed(1),
    'peak RSS MB': p.peakRssMb,
  }));
  console.table(rows);
  for (const [name, p] of Object.entries(phases)) {
    console.log(`${name} calls by site and kind: ${JSON.stringify(p.apiCalls.bySite)}`);
  }
}

const sumPoints = (p: PhaseResult): number => Object.values(p.points).reduce((a, b) => a + b, 0);
const fmtS = (ms: number | null): string => (ms === null ? '–' : (ms / 1000).toFixed(1));

/**
 * Points a perfect sync pays for `changes` changes that cross: the source lists them (1 point a search
 * page, 1 per issue returned, pages of 100) and the target takes one write each. Anything above is
 * overhead: re-listing, partner reads, remote links, status walks.
 */
function pointsBound(listed: number, writes: number): number {
  return Math.ceil(listed / 100) + listed + writes;
}

/** The time the quota alone forces: a site that used k quotas' worth waited out k−1 whole windows. */
function quotaBoundSeconds(p: PhaseResult, quota: number, windowS: number): number {
  return Math.max(0, ...Object.values(p.points).map((pts) => (Math.ceil(pts / quota) - 1) * windowS));
}

function percentile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null;
}

/**
 * "Live edit during backfill": while `backfill` runs, a person edits `perSide` original issues on each site
 * through the REST API (so the local site's product events fire, as for a real edit), one every second;
 * each edit's latency is the time until the other site holds an issue with the edited summary.
 */
async function liveEditsDuring(
  emulator: JiraEmulator,
  host: SandboxHost,
  perSide: number,
  backfill: Promise<void>,
): Promise<NonNullable<PhaseResult['liveEdits']>> {
  const auth = `Basic ${Buffer.from('admin@example.com:admin-token').toString('base64')}`;
  // An object, not a `let`: the promise's callback sets it.
  const backfillState = { done: false };
  void backfill.finally(() => (backfillState.done = true));
  const pending: { summary: string; target: 'local' | 'partner'; at: number }[] = [];
  const latencies: number[] = [];
  const originals = (site: 'local' | 'partner', project: string) =>
    Object.values(emulator.site(site).state.issues)
      .filter((i) => i.key.startsWith(`${project}-`) && Object.keys(i.properties).length === 0)
      .slice(-perSide);
  const targets = [
    ...originals('local', 'DEMO').map((i) => ({ site: 'local' as const, key: i.key })),
    ...originals('partner', 'PARTNER').map((i) => ({ site: 'partner' as const, key: i.key })),
  ];
  // The watch runs beside the edits: checking only after the last edit counted every earlier edit's wait
  // for the later ones (40 edits a second apart read as 22 s p50 when each crossed in about 2 s).
  const editing = { done: false };
  const deadline = () =>
    backfillState.done && pending.length > 0 && Date.now() - (pending[0]?.at ?? 0) > 600_000;
  const watch = async () => {
    while ((!editing.done || pending.length > 0) && !deadline()) {
      for (const site of ['local', 'partner'] as const) {
        const summaries = new Set(Object.values(emulator.site(site).state.issues).map((i) => i.summary));
        for (let i = pending.length - 1; i >= 0; i--) {
          const p = pending[i];
          if (p?.target === site && summaries.has(p.summary)) {
            latencies.push(Date.now() - p.at);
            pending.splice(i, 1);
          }
        }
      }
      if (backfillState.done && editing.done && pending.length > 0)
        await host.runScheduled('sync-cycle-schedule');
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const watching = watch();
  await new Promise((r) => setTimeout(r, 3_000));
  for (const [n, t] of targets.entries()) {
    const summary = `Live edit ${n + 1} on ${t.key}`;
    const res = await fetch(`${host.url}/sites/${t.site}/rest/api/3/issue/${t.key}`, {
      method: 'PUT',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ fields: { summary } }),
    });
    if (res.status >= 300) throw new Error(`live edit of ${t.key} refused: ${res.status}`);
    pending.push({ summary, target: t.site === 'local' ? 'partner' : 'local', at: Date.now() });
    await new Promise((r) => setTimeout(r, 1_000));
  }
  editing.done = true;
  await watching;
  latencies.sort((a, b) => a - b);
  return {
    count: targets.length,
    crossed: latencies.length,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
  };
}

async function main(): Promise<void> {
  const args = readArgs();
  const emulator = new JiraEmulator();
  seedDemo(emulator);
  const seeded = seedPartnerIssues(emulator, args.issues, args.comments);
  if (args.trace) traceRequests(emulator, args.trace);
  const host = await createHost({ emulator, allowLocalEgress: true, logCapacity: 10_000_000 });
  try {
    // A backfill is an admin's deliberate act: the bench raises the damage-control limit instead of approving.
    const connection = seedDemoConnection(host.kvs, host.url);
    // PARTNER's admin webhook, as a configured install has it: partner edits arrive at once, not with the cycle.
    if (args.partnerWebhook === 'on') await seedPartnerWebhook(host);
    host.kvs.handle('/api/v1/set', {
      key: keys.connectionConfig(DEMO_CONNECTION_ID),
      value: { ...connection, limits: { maxMutationsPerCycle: 100_000 } },
    });
    for (const site of ['local', 'partner']) {
      emulator.setFaults(site, { latencyMs: args.latencyMs });
      emulator.setRateLimits(site, {
        quotaPoints: args.quota,
        quotaWindowSeconds: args.quotaWindow,
        burstPerSecond: args.burst,
        perIssueWrites: args.perIssue,
      });
    }

    const totalIssues = seeded.issues + seeded.localIssues;
    const backfillBound = Math.ceil(totalIssues / 100) + totalIssues + seeded.comments;
    console.log(
      `backfill: ${seeded.issues} partner issues with ${args.comments} comments each, ${seeded.localIssues} local issues`,
    );
    let live: PhaseResult['liveEdits'];
    const backfill = await measure(emulator, host, backfillBound, async () => {
      const run = syncUntilQuiet(host);
      const edits = args.liveEdits > 0 ? liveEditsDuring(emulator, host, args.liveEdits, run) : undefined;
      await run;
      live = await edits;
    });
    backfill.changes = totalIssues + seeded.comments;
    backfill.pointsBound = pointsBound(totalIssues, totalIssues + seeded.comments);
    if (live) backfill.liveEdits = live;
    // The next scheduled run comes minutes later; Jira's relative dates tell only whole minutes apart.
    await new Promise((r) => setTimeout(r, args.pauseS * 1000));
    const noop = await measure(emulator, host, 0, () => syncUntilQuiet(host));
    noop.changes = 0;
    noop.pointsBound = pointsBound(0, 0) + 2;
    // The listing after the one that first left the backfill's copies out reads them by id once (Jira names
    // only whole minutes, so a person's edit in the minute after a copy was written could hide there:
    // plan-cycle.ts knownCopiesPlan). That is the backfill's cost, shown on its own, not the changed cycle's.
    await new Promise((r) => setTimeout(r, args.pauseS * 1000));
    const copiesMade = seeded.issues + seeded.localIssues;
    // Bound: one listing page a side, and the copies read by id, 100 a call.
    const check = await measure(emulator, host, 2 + Math.ceil(copiesMade / 100), () => syncUntilQuiet(host));
    check.changes = 0;
    check.pointsBound = pointsBound(copiesMade, 0) + 2;

    const perSide = Math.max(1, Math.round(args.issues * args.changedShare));
    const changedCount = editIssues(emulator, perSide);
    const changedBound = Math.ceil(changedCount / 100) + changedCount;
    const changed = await measure(emulator, host, changedBound, () => syncUntilQuiet(host));
    changed.changes = changedCount;
    changed.pointsBound = pointsBound(changedCount, changedCount);

    const phases = { backfill, noop, 'copies checked': check, changed };
    for (const p of Object.values(phases)) {
      p.pointsRatio = p.pointsBound ? Number((sumPoints(p) / p.pointsBound).toFixed(3)) : null;
      p.quotaBoundS = quotaBoundSeconds(p, args.quota, args.quotaWindow);
    }
    // A benchmark of a sync that did not finish would flatter it: say how much of the data crossed.
    const copies = (site: 'local' | 'partner') =>
      Object.values(emulator.site(site).state.issues).filter((i) => Object.keys(i.properties).length > 0)
        .length;
    console.log(
      `copies made: ${copies('local')} on local (of ${seeded.issues} partner issues), ${copies('partner')} on partner (of ${seeded.localIssues} local issues)`,
    );
    printTable(phases);
    const result = {
      scenario: { ...args, localIssues: seeded.localIssues, partnerComments: seeded.comments },
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      phases,
    };
    const dir = path.resolve('bench/results');
    mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    writeFileSync(path.join(dir, `${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written bench/results/${stamp}.json and bench/results/latest.json`);
  } finally {
    await host.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
