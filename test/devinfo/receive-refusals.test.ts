/**
 * What the web trigger refuses, and that a refusal processes nothing: a missing or wrong signature (401,
 * counted and sampled apart from the audit log), a replayed delivery id or a replayed body under a new
 * id (409), an oversized body (413), a body that is not JSON (400) or not the event's shape (422), an
 * unknown URL (404), a GET (405). GitHub's form-encoded deliveries land. A rotated secret keeps the old
 * one valid for its grace period only. The audit log is what `git-integrations/deliveries` answers.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';
import {
  DeliveryRecordSchema,
  IntegrationWithSecretSchema,
  REFUSED_SAMPLES,
  RefusedDeliveriesSchema,
} from '../../src/core/devinfo/integration';
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

const Deliveries = z.object({ deliveries: z.array(DeliveryRecordSchema), refused: RefusedDeliveriesSchema });
const audit = (integrationId: string) =>
  resolved(w, 'git-integrations/deliveries', { integrationId, limit: 100 }, Deliveries);
const deliveries = (integrationId: string) => audit(integrationId).then((d) => d.deliveries);
const refused = (integrationId: string) => audit(integrationId).then((d) => d.refused);
/** Every KVS key and value, to show that a refusal changed nothing but what it says it changed. */
const kvsSnapshot = (): Record<string, unknown> => structuredClone(w.host.kvs.toJSON().spaces);
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
])(
  'refuses %s with 401, counts it apart from the audit, processes nothing',
  async (_what, signature, reason) => {
    const body = JSON.stringify(push('DEMO-4', 2));
    const [auditBefore, refusedBefore] = [await deliveries(w.github.id), await refused(w.github.id)];
    const answer = await deliver(
      w.github.webhookUrl,
      { 'X-GitHub-Event': 'push', 'X-GitHub-Delivery': `bad-${reason}`, ...signature },
      body,
    );
    expect(answer).toMatchObject({ status: 401, body: { error: containing(reason) } });
    await settle(w);
    expect(entityOn(w, 'DEMO-4', 'commits', sha(2))).toBeUndefined();
    expect(await deliveries(w.github.id)).toEqual(auditBefore);
    const after = await refused(w.github.id);
    expect(after.count).toBe(refusedBefore.count + 1);
    expect(after.samples[0]).toMatchObject({
      deliveryId: `bad-${reason}`,
      outcome: 'rejected',
      httpStatus: 401,
    });
  },
);

it('refuses the same signed body under a new delivery id with 409, and uploads nothing again', async () => {
  const payload = push('DEMO-3', 3);
  expect((await deliverGithub(w, 'push', payload, 'replay-original')).status).toBe(202);
  await settle(w);
  const bulk = bulkPosts();
  const claimsBefore = Object.keys(kvsSnapshot().kvs ?? {}).filter((k) => k.startsWith('v1:gitclaim:'));
  const replay = await deliverGithub(w, 'push', payload, 'replay-under-a-new-id');
  expect(replay).toMatchObject({
    status: 409,
    body: { error: containing('same body was already received') },
  });
  await settle(w);
  expect(bulkPosts()).toBe(bulk);
  // The new id is not claimed either: the refusal leaves only its audit record behind.
  const claimsAfter = Object.keys(kvsSnapshot().kvs ?? {}).filter((k) => k.startsWith('v1:gitclaim:'));
  expect(claimsAfter).toEqual(claimsBefore);
  expect((await deliveries(w.github.id))[0]).toMatchObject({
    deliveryId: 'replay-under-a-new-id',
    outcome: 'duplicate',
    httpStatus: 409,
  });
});

it("lands GitHub's form-encoded push (payload=…), signed over the raw form body", async () => {
  const form = new URLSearchParams({ payload: JSON.stringify(push('DEMO-4', 4)) }).toString();
  const headers = {
    'Content-Type': 'application/x-www-form-urlencoded',
    'X-GitHub-Event': 'push',
    'X-GitHub-Delivery': 'form-encoded-1',
  };
  // Signed over the JSON inside instead of the bytes sent: refused.
  const wrong = await deliver(
    w.github.webhookUrl,
    {
      ...headers,
      'X-Hub-Signature-256': githubSignature(w.github.secret, JSON.stringify(push('DEMO-4', 4))),
    },
    form,
  );
  expect(wrong.status).toBe(401);
  const answer = await deliver(
    w.github.webhookUrl,
    { ...headers, 'X-Hub-Signature-256': githubSignature(w.github.secret, form) },
    form,
  );
  expect(answer).toMatchObject({ status: 202, body: { accepted: true, deliveryId: 'form-encoded-1' } });
  await settle(w);
  expect(entityOn(w, 'DEMO-4', 'commits', sha(4))?.issueKeys).toEqual(['DEMO-4']);
  const noPayload = 'other=1';
  const missing = await deliver(
    w.github.webhookUrl,
    {
      ...headers,
      'X-GitHub-Delivery': 'form-without-payload',
      'X-Hub-Signature-256': githubSignature(w.github.secret, noPayload),
    },
    noPayload,
  );
  expect(missing).toMatchObject({ status: 400, body: { error: containing('payload field') } });
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
    // DELETE clears the faults but not the rate-limit figure burstPerSecond set: put that back too.
    await faults('POST', { burstPerSecond: null, site: 'local' });
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

it('leaves the verified deliveries visible and storage bounded under an unsigned flood', async () => {
  const verified = await deliveries(w.github.id);
  expect(verified.length).toBeGreaterThan(5);
  const countBefore = (await refused(w.github.id)).count;
  const body = JSON.stringify(push('DEMO-8', 50));
  const flood = AUDIT_KEEP + 20;
  for (let i = 0; i < flood; i += 20) {
    await Promise.all(
      Array.from({ length: 20 }, (_, j) =>
        deliver(
          w.github.webhookUrl,
          {
            'X-GitHub-Event': '<img src=x onerror=alert(1)>',
            'X-GitHub-Delivery': `forged-${String(i + j)}`,
            'X-Hub-Signature-256': githubSignature('wrong', body),
          },
          body,
        ),
      ),
    );
  }
  const keysOf = (prefix: string) => Object.keys(kvsSnapshot().kvs ?? {}).filter((k) => k.startsWith(prefix));
  expect(await deliveries(w.github.id)).toEqual(verified);
  // A tally and REFUSED_SAMPLES slots, however long the flood.
  expect(keysOf('v1:gitrefused:gh-demo:').length).toBe(REFUSED_SAMPLES + 1);
  const after = await refused(w.github.id);
  expect(after.samples).toHaveLength(REFUSED_SAMPLES);
  for (const sample of after.samples) expect(sample.event).toBe('<img src=x onerror=alert(1)>');
  // Concurrent refusals may count once (no atomic increment in KVS): at least one per batch of 20.
  expect(after.count - countBefore).toBeGreaterThanOrEqual(flood / 20);
  expect(after.count - countBefore).toBeLessThanOrEqual(flood);
  console.log(
    `unsigned flood of ${String(flood)} (20 at a time) counted ${String(after.count - countBefore)}`,
  );
}, 60_000);

it('counts refusals one by one exactly when they do not race', async () => {
  const before = (await refused(w.github.id)).count;
  for (let i = 0; i < 5; i++) await deliver(w.github.webhookUrl, { 'X-GitHub-Event': 'push' }, '{}');
  expect((await refused(w.github.id)).count).toBe(before + 5);
});
