/**
 * `npm run bench:analytics`: the analytics export's backfill of a large project (issue 17: "a 20,000-issue
 * backfill completes through the background lane, with progress shown, and the bench reports its points and
 * time"). DEMO is seeded with `--issues` issues created over `--months` months, each with `--comments`
 * comments; no sync connection exists, so every call measured is the export's. The export is turned on
 * through its resolver as a project admin would, and the bench reads the same view Settings shows while the
 * backfill runs (months done, issues exported), then the tables' row counts and the served files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createHost, type SandboxHost } from '../sandbox/host';
import { ATLASSIAN_RATE_LIMITS, JiraEmulator, LIMIT_REASONS, seedDemo, textToAdf } from '../sandbox/jira';
import { siteAdminActor } from '../sandbox/jira/domain/actor';
import { createIssue } from '../sandbox/jira/domain/issue-ops';
import { storeComment } from '../sandbox/jira/domain/store-comment';
import { DEMO_USERS } from '../sandbox/jira/seed';
import { parseAnswer } from '../src/core/schema/resolver-answers';
import { ExportFileSchema } from '../src/core/analytics/export-manifest';
import type { AnalyticsView } from '../src/core/analytics/export-view';
import { measure } from './measure';

const Args = z.object({
  issues: z.coerce.number().int().min(1),
  comments: z.coerce.number().int().min(0),
  months: z.coerce.number().int().min(1).max(120),
  latencyMs: z.coerce.number().min(0),
  quota: z.coerce.number().int().min(1),
  burst: z.coerce.number().int().min(1),
});

function readArgs() {
  const { values } = parseArgs({
    options: {
      issues: { type: 'string', default: '20000' },
      comments: { type: 'string', default: '2' },
      months: { type: 'string', default: '24' },
      'latency-ms': { type: 'string', default: '100' },
      quota: { type: 'string', default: String(ATLASSIAN_RATE_LIMITS.quotaPoints) },
      burst: { type: 'string', default: '50' },
    },
  });
  return Args.parse({
    issues: values.issues,
    comments: values.comments,
    months: values.months,
    latencyMs: values['latency-ms'],
    quota: values.quota,
    burst: values.burst,
  });
}

const DAY_MS = 24 * 60 * 60_000;

/** DEMO's issues, straight into the emulator's state (as bench/seed-bench.ts does), spread over the months. */
function seedDemoIssues(emulator: JiraEmulator, count: number, commentsEach: number, months: number): void {
  const site = emulator.site('local');
  const actor = siteAdminActor(site);
  const now = site.now();
  const span = months * 30 * DAY_MS;
  for (let i = 0; i < count; i++) {
    const issue = createIssue(site, actor, {
      fields: {
        project: { key: 'DEMO' },
        issuetype: { name: 'Task' },
        summary: `Analytics bench issue ${i + 1}`,
        description: textToAdf(`Generated for the analytics benchmark, number ${i + 1}.`),
        labels: i % 4 === 0 ? ['bench'] : [],
      },
    });
    // Oldest first, evenly over the span, a day short of now so no month is still being written to.
    const at = now - DAY_MS - Math.round(((count - i) / count) * span);
    issue.created = at;
    issue.updated = at;
    issue.statusCategoryChanged = at;
    for (let c = 0; c < commentsEach; c++)
      storeComment(
        site,
        issue,
        actor.accountId,
        textToAdf(`Comment ${c + 1} on analytics bench issue ${i + 1}.`),
        {
          at,
        },
      );
  }
  site.drainEvents();
}

async function resolver(host: SandboxHost, key: string, payload: unknown): Promise<unknown> {
  const admin = host.emulator.site('local').userByEmail(DEMO_USERS.admin.email);
  if (!admin) throw new Error('the seeded site has no admin');
  const accountId = admin.accountId;
  const reply = await host.invoke(key, {
    moduleKey: 'tandem-project-settings',
    accountId,
    payload,
    context: { accountId, extension: { project: { key: 'DEMO' } } },
  });
  if (!reply.body.ok) throw new Error(`${key} failed in the host: ${reply.body.error.message}`);
  return reply.body.result;
}

async function view(host: SandboxHost): Promise<AnalyticsView> {
  const answer = parseAnswer('analytics/get', await resolver(host, 'analytics/get', {}));
  if (!answer.ok) throw new Error(`analytics/get refused: ${answer.error.message}`);
  return answer.data;
}

async function main(): Promise<void> {
  const args = readArgs();
  const emulator = new JiraEmulator();
  seedDemo(emulator);
  seedDemoIssues(emulator, args.issues, args.comments, args.months);
  const host = await createHost({ emulator, allowLocalEgress: true, logCapacity: 10_000_000 });
  try {
    emulator.setFaults('local', { latencyMs: args.latencyMs });
    emulator.setRateLimits('local', { quotaPoints: args.quota, burstPerSecond: args.burst });
    const issues = Object.values(emulator.site('local').state.issues).filter((i) =>
      i.key.startsWith('DEMO-'),
    );
    console.log(`analytics backfill: ${issues.length} DEMO issues over ${args.months} months`);
    const progress: { atS: number; monthsDone: number; months: number; issuesExported: number }[] = [];
    const started = Date.now();
    const phase = await measure(emulator, host, 0, async () => {
      const on = parseAnswer(
        'analytics/set-enabled',
        await resolver(host, 'analytics/set-enabled', { enabled: true }),
      );
      if (!on.ok) throw new Error(`analytics/set-enabled refused: ${on.error.message}`);
      const settled = host.settle(4 * 60 * 60_000);
      // An object, not a `let`: the promise's callback sets it.
      const state = { done: false };
      void settled.finally(() => (state.done = true));
      while (!state.done) {
        const b = (await view(host)).backfill;
        if (b) {
          const row = {
            atS: Math.round((Date.now() - started) / 1000),
            monthsDone: b.monthsDone,
            months: b.months.length,
            issuesExported: b.issuesExported,
          };
          if (progress.at(-1)?.monthsDone !== row.monthsDone) {
            progress.push(row);
            console.log(
              `  ${row.atS} s: ${row.monthsDone} of ${row.months} months, ${row.issuesExported} issues`,
            );
          }
        }
        await new Promise((r) => setTimeout(r, 5_000));
      }
      if (!(await settled).settled) throw new Error('the sandbox did not settle');
    });
    const final = await view(host);
    if (final.backfill?.state !== 'done')
      throw new Error(`the backfill did not finish: ${JSON.stringify(final.backfill)}`);
    const manifest = z
      .object({ files: z.array(ExportFileSchema) })
      .parse(await (await fetch(`${final.url ?? ''}/manifest.json`)).json());
    const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
    const result = {
      scenario: { ...args, demoIssues: issues.length },
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      backfill: {
        ...phase,
        issuesExported: final.backfill.issuesExported,
        months: final.backfill.months.length,
        pointsPerIssue: Number(((phase.points.local ?? 0) / issues.length).toFixed(2)),
      },
      progress,
      tables: final.tables,
      files: manifest.files.length,
      bytes,
    };
    console.table([
      {
        issues: issues.length,
        'api calls': phase.apiCalls.total,
        'points local': phase.points.local ?? 0,
        'points / issue': result.backfill.pointsPerIssue,
        '429 quota/burst/issue': LIMIT_REASONS.map((r) => phase.limited[r]).join('/'),
        invocations: phase.invocations.count,
        'longest ms / limit': `${phase.invocations.maxMs} / ${phase.invocations.limitMs}`,
        'over limit': phase.invocations.overLimit,
        'kvs ops': phase.kvsOps,
        files: manifest.files.length,
        MiB: Number((bytes / 2 ** 20).toFixed(1)),
        'wall s': Math.round(phase.wallMs / 1000),
      },
    ]);
    console.table(final.tables);
    console.log(`calls by site and kind: ${JSON.stringify(phase.apiCalls.bySite)}`);
    const dir = path.resolve('bench/results');
    mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    writeFileSync(path.join(dir, `analytics-${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written bench/results/analytics-${stamp}.json`);
  } finally {
    await host.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
