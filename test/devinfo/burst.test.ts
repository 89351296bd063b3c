/**
 * A burst of 1,000 signed pushes (one commit each, across DEMO-1..20, all moving one branch) is stored
 * whole and uploaded in bulk requests holding many commits each, not one request per commit; the queue
 * carries a few drain events, not one per delivery (Forge takes 500 queue events a minute).
 */
import { z } from 'zod';
import { DeliveryRecordSchema } from '../../src/core/devinfo/integration';
import { AUDIT_KEEP } from '../../src/platform/devinfo/delivery-audit';
import {
  deliverGithub,
  devInfoOf,
  entityOn,
  jiraJsFailures,
  settle,
  startDevInfoWorld,
  type DevInfoWorld,
} from './harness';
import { resolved } from './resolvers';

const PUSHES = 1000;
const PARALLEL = 25;

let w: DevInfoWorld;
beforeAll(async () => {
  w = await startDevInfoWorld();
});
afterAll(async () => {
  await w.close();
});

const sha = (n: number): string => `b${n.toString(16).padStart(39, '0')}`;
const keyOf = (n: number): string => `DEMO-${(n % 20) + 1}`;

function push(n: number): Record<string, unknown> {
  const commit = {
    id: sha(n),
    message: `${keyOf(n)} burst commit ${n}`,
    timestamp: new Date(Date.UTC(2025, 5, 1, 0, 0, n)).toISOString(),
    url: `https://github.com/acme/burst/commit/${sha(n)}`,
    author: { name: 'Burst', email: 'burst@example.com' },
    added: [],
    removed: [],
    modified: ['x'],
  };
  return {
    ref: 'refs/heads/DEMO-1-burst',
    after: sha(n),
    repository: {
      id: 4242,
      name: 'burst',
      full_name: 'acme/burst',
      html_url: 'https://github.com/acme/burst',
    },
    commits: [commit],
    head_commit: commit,
  };
}

it('stores 1,000 pushes with a few bulk requests', async () => {
  const since = w.host.requests().at(-1)?.seq ?? 0;
  const statuses: number[] = [];
  for (let start = 0; start < PUSHES; start += PARALLEL) {
    const batch = Array.from({ length: Math.min(PARALLEL, PUSHES - start) }, (_, i) => start + i);
    const answers = await Promise.all(batch.map((n) => deliverGithub(w, 'push', push(n), `burst-${n}`)));
    statuses.push(...answers.map((a) => a.status));
  }
  expect(statuses.filter((s) => s !== 202)).toEqual([]);
  await settle(w);

  const requests = w.host.requests(since);
  const bulk = requests.filter((r) => r.target === 'jira' && r.path.startsWith('/rest/devinfo/0.10/bulk'));
  const queuePushes = requests.filter((r) => r.target === 'queue');
  const invocations = w.host
    .invocations()
    .filter((i) => i.functionKey === 'on-devinfo-webhook')
    .map((i) => i.ms)
    .sort((a, b) => a - b);
  console.log(
    `burst: ${PUSHES} pushes → ${bulk.length} bulk requests, ${queuePushes.length} queue pushes; ` +
      `web trigger ms p50 ${invocations[Math.floor(invocations.length / 2)]} p95 ${invocations[Math.floor(invocations.length * 0.95)]} max ${invocations.at(-1)}`,
  );
  expect(bulk.length).toBeGreaterThan(0);
  expect(bulk.length).toBeLessThanOrEqual(PUSHES / 10);
  expect(bulk.every((r) => r.status === 202)).toBe(true);
  expect(queuePushes.length).toBeLessThan(PUSHES / 10);
  expect(invocations.at(-1)).toBeLessThan(1000);

  const stored = devInfoOf(w, 'DEMO-1').find((r) => r.id === 'gh-demo.4242');
  expect(stored).toBeDefined();
  for (let n = 0; n < PUSHES; n += 97)
    expect(entityOn(w, keyOf(n), 'commits', sha(n))?.issueKeys).toEqual([keyOf(n)]);
  const total = Array.from(
    { length: 20 },
    (_, i) => devInfoOf(w, `DEMO-${i + 1}`).find((r) => r.id === 'gh-demo.4242')?.commits.length ?? 0,
  );
  expect(total.reduce((a, b) => a + b, 0)).toBe(PUSHES);
  // The branch ends on the last push's head: the update sequence follows receipt order.
  expect(entityOn(w, 'DEMO-1', 'branches', 'DEMO-1-burst')?.issueKeys).toEqual(['DEMO-1', keyOf(PUSHES - 1)]);
}, 55_000);

it('sent only payloads that jira.js and the OpenAPI document accept, within the limits', async () => {
  const Body = z.looseObject({
    repositories: z.array(z.looseObject({ commits: z.array(z.unknown()).optional() })),
  });
  for (const body of w.emulator.bulkBodies) {
    const repos = Body.parse(body).repositories;
    expect(repos.reduce((n, r) => n + (r.commits?.length ?? 0), 0)).toBeLessThanOrEqual(1000);
    for (const r of repos) expect(r.commits?.length ?? 0).toBeLessThanOrEqual(400);
  }
  expect(await jiraJsFailures(w.emulator.bulkBodies)).toEqual({
    checked: w.emulator.bulkBodies.length,
    failures: [],
  });
  expect(w.emulator.contractViolations).toEqual([]);
}, 30_000);

it('keeps the audit log bounded', async () => {
  const { deliveries } = await resolved(
    w,
    'git-integrations/deliveries',
    { integrationId: 'gh-demo', limit: 100 },
    z.object({ deliveries: z.array(DeliveryRecordSchema) }),
  );
  expect(deliveries).toHaveLength(100);
  expect(deliveries.every((d) => d.outcome === 'processed')).toBe(true);
  const stored = Object.keys(w.host.kvs.toJSON().spaces.kvs ?? {}).filter((k) =>
    k.startsWith('v1:gitaudit:gh-demo:'),
  );
  expect(stored.length).toBeLessThanOrEqual(AUDIT_KEEP);
});
