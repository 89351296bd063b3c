/**
 * What the web trigger refuses, and that a refusal processes nothing: a missing or wrong signature (401,
 * recorded in the audit log), a replayed delivery id (409), an oversized body (413), a body that is not
 * JSON (400) or not the event's shape (422), an unknown URL (404), a GET (405). A rotated secret keeps the
 * old one valid for its grace period only. The audit log is what `git-integrations/deliveries` answers.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';
import { DeliveryRecordSchema, IntegrationWithSecretSchema } from '../../src/core/devinfo/integration';
import { AUDIT_KEEP } from '../../src/platform/devinfo/delivery-audit';
import { MAX_BODY_BYTES } from '../../src/platform/devinfo/receive-webhook';
import {
  deliver,
  deliverGithub,
  entityOn,
  githubSignature,
  settle,
  startDevInfoWorld,
  type DevInfoWorld,
} from './harness';
import { containing, arrayContaining, objectContaining } from './matchers';
import { callResolver, resolved } from './resolvers';

let w: DevInfoWorld;
beforeAll(async () => {
  w = await startDevInfoWorld();
});
afterAll(async () => {
  await w.close();
});

const sha = (n: number): string => n.toString(16).padStart(40, '0');
function push(key: string, n: number): Record<string, unknown> {
  const commit = {
    id: sha(n),
    message: `${key} change ${n}`,
    timestamp: '2025-06-01T10:00:00Z',
    url: `https://github.com/acme/app/commit/${sha(n)}`,
    author: { name: 'Ana', email: 'ana@example.com', username: 'ana' },
    added: ['a.txt'],
    removed: [],
    modified: [],
  };
  return {
    ref: `refs/heads/${key}-work`,
    after: sha(n),
    repository: { id: 77, name: 'app', full_name: 'acme/app', html_url: 'https://github.com/acme/app' },
    commits: [commit],
    head_commit: commit,
  };
}

const Deliveries = z.object({ deliveries: z.array(DeliveryRecordSchema) });
const deliveries = (integrationId: string) =>
  resolved(w, 'git-integrations/deliveries', { integrationId, limit: 100 }, Deliveries).then(
    (d) => d.deliveries,
  );
const bulkPosts = (): number =>
  w.host.requests().filter((r) => r.path.startsWith('/rest/devinfo/0.10/bulk')).length;

it('answers a signed push with 202, its function done within a second, and stores it', async () => {
  const answer = await deliverGithub(w, 'push', push('DEMO-3', 1), 'fixed-delivery-1');
  expect(answer).toMatchObject({ status: 202, body: { accepted: true, deliveryId: 'fixed-delivery-1' } });
  // The function's own time: the HTTP round trip also waits for the sandbox's other work in this process.
  const invocation = w.host
    .invocations()
    .filter((i) => i.functionKey === 'on-devinfo-webhook')
    .at(-1);
  expect(invocation?.ms).toBeLessThan(1000);
  await settle(w);
  expect(entityOn(w, 'DEMO-3', 'commits', sha(1))?.issueKeys).toEqual(['DEMO-3']);
  // …and through the control API a person or tool would use.
  const viaApi = await (await fetch(`${w.host.url}/_sandbox/api/devinfo?issueKey=DEMO-3`)).text();
  expect(viaApi).toContain(sha(1));
  const [latest] = await deliveries(w.github.id);
  expect(latest).toMatchObject({
    deliveryId: 'fixed-delivery-1',
    outcome: 'processed',
    counts: { commits: 1, branches: 1 },
  });
});

it('refuses a replayed delivery id with 409 and uploads nothing again', async () => {
  const before = bulkPosts();
  const answer = await deliverGithub(w, 'push', push('DEMO-3', 1), 'fixed-delivery-1');
  expect(answer).toMatchObject({ status: 409, body: { error: containing('already received') } });
  await settle(w);
  expect(bulkPosts()).toBe(before);
  expect((await deliveries(w.github.id))[0]).toMatchObject({ outcome: 'duplicate', httpStatus: 409 });
});

it.each([
  ['a wrong signature', { 'X-Hub-Signature-256': githubSignature('not-the-secret', '{}') }, 'does not match'],
  ['no signature', {}, 'missing X-Hub-Signature-256'],
  ['a SHA-1 signature', { 'X-Hub-Signature-256': 'sha1=0000' }, 'does not match'],
])('refuses %s with 401, records it, processes nothing', async (_what, signature, reason) => {
  const body = JSON.stringify(push('DEMO-4', 2));
  const answer = await deliver(
    w.github.webhookUrl,
    { 'X-GitHub-Event': 'push', 'X-GitHub-Delivery': `bad-${reason}`, ...signature },
    body,
  );
  expect(answer).toMatchObject({ status: 401, body: { error: containing(reason) } });
  await settle(w);
  expect(entityOn(w, 'DEMO-4', 'commits', sha(2))).toBeUndefined();
  expect((await deliveries(w.github.id))[0]).toMatchObject({ outcome: 'rejected', httpStatus: 401 });
});

it('refuses a wrong GitLab token with 401', async () => {
  const answer = await deliver(
    w.gitlab.webhookUrl,
    { 'X-Gitlab-Event': 'Push Hook', 'X-Gitlab-Token': `${w.gitlab.secret}x` },
    '{}',
  );
  expect(answer.status).toBe(401);
});

it('refuses an oversized body with 413 before reading it', async () => {
  const body = JSON.stringify({ padding: 'x'.repeat(MAX_BODY_BYTES) });
  const answer = await deliver(
    w.github.webhookUrl,
    { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': githubSignature(w.github.secret, body) },
    body,
  );
  expect(answer).toMatchObject({ status: 413, body: { error: containing('over the limit') } });
});

it('refuses a body that is not JSON (400) or not a push (422), naming the reason', async () => {
  const text = 'not json';
  const notJson = await deliver(
    w.github.webhookUrl,
    { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': githubSignature(w.github.secret, text) },
    text,
  );
  expect(notJson).toMatchObject({ status: 400, body: { error: containing('not JSON') } });
  const shapeless = await deliverGithub(w, 'push', { ref: 'refs/heads/x' });
  expect(shapeless).toMatchObject({
    status: 422,
    body: { error: containing('malformed push payload: repository') },
  });
});

it('answers 404 for an unknown integration and 405 for GET', async () => {
  const unknown = await deliver(w.github.webhookUrl.replace(/gh-demo$/, 'gh-nobody'), {}, '{}');
  expect(unknown.status).toBe(404);
  const get = await fetch(w.github.webhookUrl);
  expect(get.status).toBe(405);
});

it('accepts the old secret during a rotation grace period only', async () => {
  const created = await resolved(
    w,
    'git-integrations/create',
    { name: 'Rotating', server: 'github' },
    IntegrationWithSecretSchema,
  );
  const oldSecret = created.secret;
  const send = async (secret: string, n: number) => {
    const body = JSON.stringify(push('DEMO-5', n));
    return (
      await deliver(
        created.integration.webhookUrl,
        {
          'X-GitHub-Event': 'push',
          'X-GitHub-Delivery': `rot-${n}`,
          'X-Hub-Signature-256': githubSignature(secret, body),
        },
        body,
      )
    ).status;
  };
  expect(await send(oldSecret, 10)).toBe(202);
  const rotated = await resolved(
    w,
    'git-integrations/rotate-secret',
    { integrationId: created.integration.id, graceHours: 24 },
    IntegrationWithSecretSchema,
  );
  expect(rotated.secret).not.toBe(oldSecret);
  expect(await send(oldSecret, 11)).toBe(202);
  expect(await send(rotated.secret, 12)).toBe(202);
  const hard = await resolved(
    w,
    'git-integrations/rotate-secret',
    { integrationId: created.integration.id, graceHours: 0 },
    IntegrationWithSecretSchema,
  );
  expect(await send(rotated.secret, 13)).toBe(401);
  expect(await send(hard.secret, 14)).toBe(202);
  await settle(w);
  expect(entityOn(w, 'DEMO-5', 'commits', sha(14))).toBeDefined();
});

it('lists integrations without secrets, and lets only admins change them', async () => {
  const list = await callResolver(w, 'git-integrations/list', {});
  expect(JSON.stringify(list)).not.toContain(w.github.secret);
  expect(list).toMatchObject({
    ok: true,
    data: {
      integrations: arrayContaining([objectContaining({ id: 'gh-demo', webhookUrl: w.github.webhookUrl })]),
    },
  });
  const asUser = await callResolver(
    w,
    'git-integrations/create',
    { name: 'x', server: 'gitlab' },
    'user@example.com',
  );
  expect(asUser).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  const bad = await callResolver(w, 'git-integrations/create', { name: 'x', server: 'svn' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
});

it('deletes an integration: its URL stops answering and its data leaves Jira', async () => {
  const created = await resolved(
    w,
    'git-integrations/create',
    { name: 'Short-lived', server: 'github' },
    IntegrationWithSecretSchema,
  );
  const body = JSON.stringify(push('DEMO-6', 20));
  const headers = { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': githubSignature(created.secret, body) };
  expect((await deliver(created.integration.webhookUrl, headers, body)).status).toBe(202);
  await settle(w);
  expect(entityOn(w, 'DEMO-6', 'commits', sha(20))).toBeDefined();
  expect(
    await callResolver(w, 'git-integrations/delete', { integrationId: created.integration.id }),
  ).toMatchObject({ ok: true });
  expect(entityOn(w, 'DEMO-6', 'commits', sha(20))).toBeUndefined();
  expect((await deliver(created.integration.webhookUrl, headers, body)).status).toBe(404);
});

it('reports the configuration on the health web trigger without any secret', async () => {
  const res = await fetch(w.host.webtriggerUrl('health-check'));
  const text = await res.text();
  expect(res.status).toBe(200);
  for (const secret of [w.github.secret, w.gitlab.secret]) expect(text).not.toContain(secret);
  expect(text).not.toContain(w.github.webhookUrl);
  expect(JSON.parse(text)).toMatchObject({
    devinfo: {
      integrations: arrayContaining([objectContaining({ id: 'gh-demo', server: 'github', secret: 'set' })]),
    },
  });
});

it('lists the demo integrations with URL, secret and a curl command that works', async () => {
  const demo = z.looseObject({
    gitIntegrations: z.array(
      z.looseObject({ id: z.string(), webhookUrl: z.string(), secret: z.string(), example: z.string() }),
    ),
  });
  const body = demo.parse(await (await fetch(`${w.host.url}/_sandbox/api/demo`)).json());
  expect(body.gitIntegrations).toEqual(
    arrayContaining([
      objectContaining({ id: 'gh-demo', webhookUrl: w.github.webhookUrl, secret: w.github.secret }),
      objectContaining({ id: 'gl-demo', webhookUrl: w.gitlab.webhookUrl, secret: w.gitlab.secret }),
    ]),
  );
  for (const integration of body.gitIntegrations) {
    // Asynchronously: the host answering curl runs in this process.
    const run = await promisify(execFile)('sh', ['-c', integration.example], { timeout: 10_000 });
    expect(run.stdout).toContain('"accepted":true');
  }
  await settle(w);
  expect(entityOn(w, 'DEMO-1', 'commits', '1'.repeat(40))).toBeDefined();
  expect(entityOn(w, 'DEMO-2', 'commits', '1'.repeat(40))).toBeDefined();
});

it("rides out Jira's rate limit (429) and records unknown issue keys on the delivery", async () => {
  const faults = (method: string, body?: unknown) =>
    fetch(`${w.host.url}/_sandbox/api/faults`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const since = w.host.requests().at(-1)?.seq ?? 0;
  await faults('POST', { burstPerSecond: 1, site: 'local' });
  try {
    for (const n of [40, 41, 42]) {
      expect((await deliverGithub(w, 'push', push('DEMO-7', n), `limited-${n}`)).status).toBe(202);
      await settle(w);
    }
    expect((await deliverGithub(w, 'push', push('DEMO-9999', 43), 'unknown-key')).status).toBe(202);
    await settle(w);
  } finally {
    await faults('DELETE');
  }
  const devinfo = w.host
    .requests(since)
    .filter((r) => r.target === 'jira' && r.path.startsWith('/rest/devinfo/'));
  expect(devinfo.some((r) => r.status === 429)).toBe(true);
  for (const n of [40, 41, 42]) expect(entityOn(w, 'DEMO-7', 'commits', sha(n))).toBeDefined();
  const record = (await deliveries(w.github.id)).find((d) => d.deliveryId === 'unknown-key');
  expect(record).toMatchObject({ outcome: 'processed', unknownIssueKeys: ['DEMO-9999'] });
}, 30_000);

it('keeps the audit log bounded under a flood of refused deliveries (trimmed by the schedule)', async () => {
  const body = JSON.stringify(push('DEMO-8', 50));
  const bad = { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': githubSignature('wrong', body) };
  for (let i = 0; i < AUDIT_KEEP + 20; i += 20) {
    await Promise.all(Array.from({ length: 20 }, () => deliver(w.github.webhookUrl, bad, body)));
  }
  const auditKeys = () =>
    Object.keys(w.host.kvs.toJSON().spaces.kvs ?? {}).filter((k) => k.startsWith('v1:gitaudit:gh-demo:'));
  expect(auditKeys().length).toBeGreaterThan(AUDIT_KEEP);
  await w.host.runScheduled('sync-cycle-schedule');
  await settle(w);
  expect(auditKeys().length).toBe(AUDIT_KEEP);
}, 30_000);
