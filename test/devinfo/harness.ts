/**
 * The real app on the sandbox host, with the demo git integrations seeded, contract checking on (every
 * devinfo request is validated against ../shared/contracts/jira/software-openapi-v3.json), and every
 * bulk body kept for the jira.js check. The host import comes first: it installs the platform globals.
 */
import { createHost, type SandboxHost } from '../../sandbox/host';
import { seedDemoGitIntegrations, type DemoGitIntegration } from '../../sandbox/devinfo-seed';
import { JiraEmulator, type EmulatorRequest, type EmulatorResponse } from '../../sandbox/jira';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

type Identity = Parameters<JiraEmulator['handle']>[1];

/** Keeps the body of every `POST /rest/devinfo/0.10/bulk` it answers. */
export class RecordingEmulator extends JiraEmulator {
  readonly bulkBodies: unknown[] = [];

  override async handle(req: EmulatorRequest, identity: Identity): Promise<EmulatorResponse> {
    if (req.method === 'POST' && req.path === '/rest/devinfo/0.10/bulk' && req.body)
      this.bulkBodies.push(JSON.parse(req.body.toString('utf8')));
    return super.handle(req, identity);
  }
}

export interface DevInfoWorld {
  host: SandboxHost;
  emulator: RecordingEmulator;
  github: DemoGitIntegration & { secret: string };
  gitlab: DemoGitIntegration & { secret: string };
  close(): Promise<void>;
}

function withSecret(i: DemoGitIntegration | undefined): DemoGitIntegration & { secret: string } {
  if (!i?.secret) throw new Error('the demo seed made no integration with a secret');
  return { ...i, secret: i.secret };
}

export async function startDevInfoWorld(): Promise<DevInfoWorld> {
  const emulator = new RecordingEmulator({ contract: true });
  const host = await createHost({ emulator, queueDelayScale: 0.01, allowLocalEgress: true });
  const seeded = seedDemoGitIntegrations(host);
  return {
    host,
    emulator,
    github: withSecret(seeded.find((i) => i.server === 'github')),
    gitlab: withSecret(seeded.find((i) => i.server === 'gitlab')),
    close: () => host.close(),
  };
}

export const githubSignature = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

export interface Delivered {
  status: number;
  body: unknown;
  ms: number;
}

export async function deliver(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<Delivered> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed, ms: performance.now() - started };
}

let deliveryCounter = 0;
export const nextDeliveryId = (prefix: string): string => `${prefix}-${process.pid}-${++deliveryCounter}`;

export function deliverGithub(
  w: DevInfoWorld,
  event: string,
  payload: unknown,
  deliveryId = nextDeliveryId('gh'),
): Promise<Delivered> {
  const body = JSON.stringify(payload);
  return deliver(
    w.github.webhookUrl,
    {
      'X-GitHub-Event': event,
      'X-GitHub-Delivery': deliveryId,
      'X-Hub-Signature-256': githubSignature(w.github.secret, body),
    },
    body,
  );
}

export function deliverGitlab(
  w: DevInfoWorld,
  event: string,
  payload: unknown,
  deliveryId = nextDeliveryId('gl'),
): Promise<Delivered> {
  return deliver(
    w.gitlab.webhookUrl,
    { 'X-Gitlab-Event': event, 'Idempotency-Key': deliveryId, 'X-Gitlab-Token': w.gitlab.secret },
    JSON.stringify(payload),
  );
}

export async function settle(w: DevInfoWorld): Promise<void> {
  const result = await w.host.settle(20_000);
  if (!result.settled) throw new Error(`the host did not settle: ${JSON.stringify(result.pending)}`);
}

const Entity = z.looseObject({
  id: z.string(),
  issueKeys: z.array(z.string()),
  updateSequenceId: z.number(),
});
const Repo = z.looseObject({
  id: z.string(),
  commits: z.array(Entity),
  branches: z.array(Entity),
  pullRequests: z.array(Entity.extend({ status: z.string() })),
});
export type StoredRepo = z.infer<typeof Repo>;

/** What the issue's development panel shows: repositories with the entities that name the key. */
export function devInfoOf(w: DevInfoWorld, issueKey: string): StoredRepo[] {
  return z.array(Repo).parse(w.emulator.devInfoForIssue('local', issueKey));
}

export function entityOn(
  w: DevInfoWorld,
  issueKey: string,
  kind: 'commits' | 'branches' | 'pullRequests',
  id: string,
) {
  for (const repo of devInfoOf(w, issueKey)) {
    const found = repo[kind].find((e) => e.id === id);
    if (found) return found;
  }
  return undefined;
}

/** Validates bodies with jira.js's StoreDevelopmentInformationSchema in a child process (jira.js is ESM-only). */
export function jiraJsFailures(
  bodies: readonly unknown[],
): Promise<{ checked: number; failures: unknown[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-devinfo-'));
  const file = path.join(dir, 'bodies.json');
  writeFileSync(file, JSON.stringify(bodies));
  const script = path.join(__dirname, 'jira-js-check.mts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, file], {
      cwd: path.join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`jira.js check failed (${code}): ${err}`));
        return;
      }
      resolve(z.object({ checked: z.number(), failures: z.array(z.unknown()) }).parse(JSON.parse(out)));
    });
  });
}
