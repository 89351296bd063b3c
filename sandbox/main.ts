/**
 * `npm start`: the sandbox. Tandem's real handlers on a local Forge host, with emulated Jira sites, on
 * http://127.0.0.1:PORT. State lives under `.sandbox/` and survives restarts.
 *
 *   --port N          listen port (default: $TANDEM_PORT or 8080)
 *   --reset           delete `.sandbox/` first
 *   --seed demo|none  what a fresh sandbox starts with (default demo: sites local and partner)
 *   --state-dir DIR   where state lives (default .sandbox)
 *   --speed N         scheduled triggers run every interval / N (default 10: every 30 s; 1 = real time; 0 = only when asked)
 *   --strict-egress   refuse fetch to 127.0.0.1 like any host off the manifest's allowlist. By default the
 *                     sandbox allows it, so a connection can use http://127.0.0.1:PORT/sites/partner as its
 *                     "remote" Jira (see allowLocalEgress in sandbox/host/host.ts)
 *   --license active|inactive|none   the app's license on the site (default none, as in a development
 *                     install; also GET/POST /_sandbox/api/license)
 *   --contract        validate emulator traffic against Atlassian's OpenAPI documents
 *   --quota N         Jira's points quota per site per window (default 100100; 0 = none)
 *   --quota-window S  its window in seconds (default 3600)
 *   --burst N         requests a second per endpoint and method (default 50; 0 = none)
 *   --per-issue N     writes to one issue per window (default 10; 0 = none)
 *   --per-issue-window S  that window in seconds (default 10)
 *   --webtrigger-body utf8|latin1  how a web trigger's body string is written (default utf8); latin1, one
 *                     byte per character, serves the analytics export's Parquet files (an assumption about
 *                     Forge that its documentation does not settle: sandbox/host/webtrigger-route.ts)
 *                     (where the defaults come from: sandbox/jira/rate-limits/settings.ts and the README)
 *   --remote redmine  also start a local Redmine and sync DEMO with it (sandbox/redmine.ts; root and apt-get
 *                     the first time)
 *   --remote azure-devops  also start the fake Azure DevOps organization (sandbox/azure-devops.ts) and
 *                     sync DEMO with its project Fabrikam
 *   --remote gropius  also start a Gropius API (the schema-backed server, sandbox/gropius.ts) and sync DEMO
 *                     with its "Demo partner" project
 */
import { seedDemoConnection } from './app-seed';
import { seedPartnerWebhook } from './partner-webhook-seed';
import { seedDemoGitIntegrations } from './devinfo-seed';
import { createHost, type SandboxHost } from './host';
import { LicenseSettingSchema } from './host/license';
import { ATLASSIAN_RATE_LIMITS, type RateLimitSettings } from './jira';
import { mountWebPages } from './web';
import { startRedmineRemote, takeRemoteFlag } from './redmine';
import { startGropiusRemote } from './gropius';
import { startAzureDevOpsRemote } from './azure-devops';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

const ArgsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  reset: z.boolean(),
  seed: z.enum(['demo', 'none']),
  stateDir: z.string().min(1),
  speed: z.coerce.number().min(0),
  strictEgress: z.boolean(),
  contract: z.boolean(),
  license: LicenseSettingSchema,
  quota: z.coerce.number().int().min(0),
  quotaWindow: z.coerce.number().positive(),
  burst: z.coerce.number().int().min(0),
  perIssue: z.coerce.number().int().min(0),
  perIssueWindow: z.coerce.number().positive(),
  webtriggerBody: z.enum(['utf8', 'latin1']),
});
type Args = z.infer<typeof ArgsSchema>;

/** A figure of 0 turns that limit off. */
function rateLimitsOf(args: Args): RateLimitSettings {
  const orNull = (n: number): number | null => (n === 0 ? null : n);
  return {
    quotaPoints: orNull(args.quota),
    quotaWindowSeconds: args.quotaWindow,
    burstPerSecond: orNull(args.burst),
    perIssueWrites: orNull(args.perIssue),
    perIssueWindowSeconds: args.perIssueWindow,
  };
}

function readArgs(): Args {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      reset: { type: 'boolean', default: false },
      seed: { type: 'string', default: 'demo' },
      'state-dir': { type: 'string', default: '.sandbox' },
      speed: { type: 'string', default: '10' },
      'strict-egress': { type: 'boolean', default: false },
      contract: { type: 'boolean', default: false },
      license: { type: 'string', default: 'none' },
      quota: { type: 'string', default: String(ATLASSIAN_RATE_LIMITS.quotaPoints) },
      'quota-window': { type: 'string', default: String(ATLASSIAN_RATE_LIMITS.quotaWindowSeconds) },
      burst: { type: 'string', default: String(ATLASSIAN_RATE_LIMITS.burstPerSecond) },
      'per-issue': { type: 'string', default: String(ATLASSIAN_RATE_LIMITS.perIssueWrites) },
      'per-issue-window': { type: 'string', default: String(ATLASSIAN_RATE_LIMITS.perIssueWindowSeconds) },
      'webtrigger-body': { type: 'string', default: 'utf8' },
    },
    strict: true,
  });
  const parsed = ArgsSchema.safeParse({
    port: values.port ?? process.env.TANDEM_PORT ?? '8080',
    reset: values.reset,
    seed: values.seed,
    stateDir: values['state-dir'],
    speed: values.speed,
    strictEgress: values['strict-egress'],
    contract: values.contract,
    license: values.license,
    quota: values.quota,
    quotaWindow: values['quota-window'],
    burst: values.burst,
    perIssue: values['per-issue'],
    perIssueWindow: values['per-issue-window'],
    webtriggerBody: values['webtrigger-body'],
  });
  if (!parsed.success) throw new Error(`bad arguments: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function printBanner(host: SandboxHost, stateDir: string): void {
  const lines = [
    `Tandem sandbox on ${host.url}`,
    `  control API  ${host.url}/_sandbox/api/health`,
    `  state        ${stateDir}`,
  ];
  for (const name of host.emulator.siteNames()) {
    lines.push(`  site ${name.padEnd(8)} ${host.url}/sites/${name}`);
    for (const user of Object.values(host.emulator.site(name).state.users)) {
      const token = user.apiTokens[0];
      if (user.email !== null && token !== undefined)
        lines.push(`    ${user.email} / ${token}${user.admin ? ' (admin)' : ''}`);
    }
  }
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const remote = takeRemoteFlag();
  const args = readArgs();
  const stateDir = path.resolve(args.stateDir);
  if (args.reset) rmSync(stateDir, { recursive: true, force: true });
  const host = await createHost({
    port: args.port,
    stateDir,
    seed: args.seed,
    scheduleSpeed: args.speed > 0 ? args.speed : null,
    allowLocalEgress: !args.strictEgress,
    contract: args.contract,
    license: args.license,
    rateLimits: rateLimitsOf(args),
    webtriggerBodyEncoding: args.webtriggerBody,
    logger: {
      info: (line) => {
        console.log(line);
      },
      warn: (line) => {
        console.warn(line);
      },
    },
  });
  if (args.seed === 'demo') {
    seedDemoConnection(host.kvs, host.url);
    await seedPartnerWebhook(host);
    seedDemoGitIntegrations(host);
  }
  mountWebPages(host);
  printBanner(host, stateDir);
  if (remote === 'redmine')
    await startRedmineRemote(host, (line) => {
      console.log(line);
    });
  // Its server is an in-process HTTP server: it stops with the process, like the host.
  if (remote === 'gropius')
    await startGropiusRemote(host, (line) => {
      console.log(line);
    });
  // The fake organization is an in-process HTTP server too.
  if (remote === 'azure-devops')
    await startAzureDevOpsRemote(host, (line) => {
      console.log(line);
    });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: saving state and stopping`);
    host.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
