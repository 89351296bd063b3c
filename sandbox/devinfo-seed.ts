/**
 * The dev info part of the demo seed: one GitHub and one GitLab integration, each with its own web trigger
 * URL and secret, written through the same KVS endpoints and key module the app uses. `GET
 * /_sandbox/api/demo` lists them with URL and secret, so a person can sign a webhook and send it with
 * curl (see the README). Secrets are random per sandbox and kept in its state across restarts.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { GitIntegrationSchema, type GitIntegration } from '../src/core/devinfo/integration';
import { GIT_SERVERS } from '../src/connectors/git-webhooks/registry';
import { keys } from '../src/platform/kvs/keys';
import type { KvsService } from './kvs/kvs-service';

export const DEMO_GIT_INTEGRATIONS = [
  { id: 'gh-demo', name: 'Demo GitHub', server: 'github' },
  { id: 'gl-demo', name: 'Demo GitLab', server: 'gitlab' },
] as const;

export interface SeedHost {
  kvs: KvsService;
  webtriggerUrl(moduleKey: string, forceCreate?: boolean): string;
}

export interface DemoGitIntegration {
  id: string;
  name: string;
  server: string;
  webhookUrl: string;
  secret: string | null;
  secretHeader: string;
  /** A curl command that sends a signed push naming DEMO-1 (GitHub) or DEMO-2 (GitLab); '' for other servers. */
  example: string;
}

const QueryResult = z.object({ data: z.array(z.object({ key: z.string(), value: z.unknown() })) });
const ValueOf = z.object({ value: z.unknown() });

function must(result: { status: number; body?: unknown }, what: string): void {
  if (result.status >= 300)
    throw new Error(`demo seed could not store ${what}: ${JSON.stringify(result.body)}`);
}

/** Adds the demo integrations that are not there yet; returns what GET /demo lists. */
export function seedDemoGitIntegrations(host: SeedHost, now = new Date()): DemoGitIntegration[] {
  for (const demo of DEMO_GIT_INTEGRATIONS) {
    const key = keys.gitIntegration(demo.id);
    if (host.kvs.handle('/api/v1/get', { key }).status === 200) continue;
    const secret = randomBytes(24).toString('base64url');
    must(
      host.kvs.handle('/api/v1/secret/set', { key: keys.gitSecret(demo.id, 'current'), value: secret }),
      `${demo.id} secret`,
    );
    const integration: GitIntegration = GitIntegrationSchema.parse({
      ...demo,
      webhookUrl: `${host.webtriggerUrl('devinfo-webhook', true)}/${demo.id}`,
      createdAt: now.toISOString(),
    });
    must(host.kvs.handle('/api/v1/set', { key, value: integration }), demo.id);
  }
  return storedGitIntegrations(host.kvs);
}

const SAMPLE_COMMIT = {
  id: '1111111111111111111111111111111111111111',
  message: 'DEMO-1 tried Tandem',
  timestamp: '2025-01-01T00:00:00Z',
  url: 'https://git.example.com/demo/demo/commit/1111111111111111111111111111111111111111',
  author: { name: 'Demo', email: 'demo@example.com' },
};

/** A GitHub push naming DEMO-1 in its commit and its branch. */
const GITHUB_PUSH = JSON.stringify({
  ref: 'refs/heads/DEMO-1-try-tandem',
  after: SAMPLE_COMMIT.id,
  repository: { id: 1, name: 'demo', full_name: 'demo/demo', html_url: 'https://github.com/demo/demo' },
  commits: [SAMPLE_COMMIT],
  head_commit: SAMPLE_COMMIT,
});

/** A GitLab Push Hook naming DEMO-2. */
const GITLAB_PUSH = JSON.stringify({
  object_kind: 'push',
  ref: 'refs/heads/DEMO-2-try-tandem',
  after: SAMPLE_COMMIT.id,
  checkout_sha: SAMPLE_COMMIT.id,
  project: { id: 1, name: 'demo', path_with_namespace: 'demo/demo', web_url: 'https://gitlab.com/demo/demo' },
  commits: [{ ...SAMPLE_COMMIT, message: 'DEMO-2 tried Tandem' }],
});

function exampleFor(integration: GitIntegration, secret: string | null): string {
  if (secret === null) return '';
  const post = `curl -s -X POST '${integration.webhookUrl}' -H 'Content-Type: application/json'`;
  if (integration.server === 'github') {
    const signature = `sha256=${createHmac('sha256', secret).update(GITHUB_PUSH).digest('hex')}`;
    return `${post} -H 'X-GitHub-Event: push' -H 'X-GitHub-Delivery: demo-'$(date +%s%N) -H 'X-Hub-Signature-256: ${signature}' --data '${GITHUB_PUSH}'`;
  }
  if (integration.server === 'gitlab') {
    return `${post} -H 'X-Gitlab-Event: Push Hook' -H 'X-Gitlab-Token: ${secret}' --data '${GITLAB_PUSH}'`;
  }
  return '';
}

/** Every git integration the app has stored (seeded or created in the settings page), with its secret. */
export function storedGitIntegrations(kvs: KvsService): DemoGitIntegration[] {
  const res = kvs.handle('/api/v1/query', {
    limit: 100,
    where: [{ property: 'key', condition: 'BEGINS_WITH', values: [keys.gitIntegrationPrefix()] }],
  });
  const rows = QueryResult.safeParse(res.body);
  if (!rows.success) return [];
  return rows.data.data.flatMap((row) => {
    const parsed = GitIntegrationSchema.safeParse(row.value);
    if (!parsed.success) return [];
    const integration = parsed.data;
    const got = kvs.handle('/api/v1/secret/get', { key: keys.gitSecret(integration.id, 'current') });
    const value = got.status === 200 ? ValueOf.safeParse(got.body) : undefined;
    const secret = value?.success && typeof value.data.value === 'string' ? value.data.value : null;
    return [
      {
        id: integration.id,
        name: integration.name,
        server: integration.server,
        webhookUrl: integration.webhookUrl,
        secret,
        secretHeader: GIT_SERVERS[integration.server].secretHeader,
        example: exampleFor(integration, secret),
      },
    ];
  });
}
