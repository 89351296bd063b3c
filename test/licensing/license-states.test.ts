/**
 * The three license states, end to end on the sandbox host with the real handlers (issue #12, licensing):
 * - inactive: nothing syncs and no development information is uploaded, but events and deliveries are kept
 *   (held markers in KVS, the dev info inbox) and caught up once the license is active;
 * - active, and none (a development install): everything runs.
 * The license is switched through the control API (`POST /_sandbox/api/license`), as `--license` would set it.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { seedDemoGitIntegrations, type DemoGitIntegration } from '../../sandbox/devinfo-seed';
import { keys } from '../../src/platform/kvs/keys';
import { invoke, ok } from '../resolvers/harness';
import { startWorld, type World } from '../sandbox-sync/world';

let w: World;
let github: DemoGitIntegration & { secret: string };
beforeEach(async () => {
  w = await startWorld();
  const seeded = seedDemoGitIntegrations(w.host).find((i) => i.server === 'github');
  if (!seeded?.secret) throw new Error('the demo seed made no GitHub integration with a secret');
  github = { ...seeded, secret: seeded.secret };
});
afterEach(async () => {
  await w.close();
});

async function setLicense(state: 'active' | 'inactive' | 'none'): Promise<unknown> {
  const res = await fetch(`${w.host.url}/_sandbox/api/license`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ state }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

const QueryRows = z.object({ data: z.array(z.object({ key: z.string() })) });
const keysUnder = (prefix: string): string[] =>
  QueryRows.parse(
    w.host.kvs.handle('/api/v1/query', {
      limit: 100,
      where: [{ property: 'key', condition: 'BEGINS_WITH', values: [prefix] }],
    }).body,
  ).data.map((r) => r.key);

const since = () => w.host.requests().at(-1)?.seq ?? 0;
/** What the app wrote to either Jira site (searches are reads sent as POST). */
const jiraWritesSince = (seq: number) =>
  w.host
    .requests(seq)
    .filter((r) => r.target === 'jira' && r.method !== 'GET' && !r.path.includes('/search'));
const devInfoUploadsSince = (seq: number) =>
  w.host.requests(seq).filter((r) => r.target === 'jira' && r.path.includes('/rest/devinfo/'));

const sha = 'c0ffee0000000000000000000000000000000001';
function signedPush(issueKey: string): { headers: Record<string, string>; body: string } {
  const commit = {
    id: sha,
    message: `${issueKey} keep the card number out of the logs`,
    timestamp: '2026-01-02T03:04:05Z',
    url: `https://github.com/acme/shop/commit/${sha}`,
    author: { name: 'Dev', email: 'dev@example.com' },
    added: [],
    removed: [],
    modified: ['checkout.ts'],
  };
  const body = JSON.stringify({
    ref: 'refs/heads/main',
    after: sha,
    repository: { id: 77, name: 'shop', full_name: 'acme/shop', html_url: 'https://github.com/acme/shop' },
    commits: [commit],
    head_commit: commit,
  });
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-GitHub-Event': 'push',
      'X-GitHub-Delivery': `license-${process.pid}-${Date.now()}`,
      'X-Hub-Signature-256': `sha256=${createHmac('sha256', github.secret).update(body).digest('hex')}`,
    },
  };
}

async function deliverPush(issueKey: string): Promise<number> {
  const { headers, body } = signedPush(issueKey);
  const res = await fetch(github.webhookUrl, { method: 'POST', headers, body });
  await res.text();
  return res.status;
}

const devInfoOn = (issueKey: string) => JSON.stringify(w.host.emulator.devInfoForIssue('local', issueKey));

it('inactive: syncs nothing, uploads nothing, keeps everything, and catches up once active', async () => {
  await w.cycle();
  expect(await setLicense('inactive')).toEqual({
    state: 'inactive',
    license: expect.objectContaining({ active: false }) as unknown,
  });
  const before = since();

  const created = await w.create('local', 'Refund button does nothing');
  await w.edit('local', 'DEMO-1', { summary: 'Export to CSV drops the header row' });
  expect(await deliverPush('DEMO-2')).toBe(202);
  await w.cycle();

  expect(jiraWritesSince(before)).toEqual([]);
  expect(devInfoUploadsSince(before)).toEqual([]);
  expect(await w.partnerBySummary('partner', 'Refund button does nothing')).toEqual([]);
  expect(devInfoOn('DEMO-2')).not.toContain(sha);
  // Kept: the events' work as held markers, the push in the dev info inbox.
  expect(keysUnder(keys.heldWorkPrefix()).length).toBeGreaterThan(0);
  expect(keysUnder(keys.gitInboxPrefix()).length).toBe(1);

  // Both UIs say why, with the way to Manage apps; an action that would sync is refused, naming the license.
  const list = await ok(w, 'connections/list', {});
  expect(list.license).toEqual({
    state: 'inactive',
    manageUrl: '/plugins/servlet/upm',
    notice: expect.stringContaining('license') as unknown,
  });
  const panel = await ok(w, 'panel/get', {}, { issue: created });
  expect(panel.license.state).toBe('inactive');
  const syncNow = await invoke(w, 'panel/sync-now', {}, { issue: created });
  expect(syncNow).toEqual({
    ok: false,
    error: { code: 'unlicensed', message: expect.any(String) as unknown },
  });
  expect(jiraWritesSince(before)).toEqual([]);

  await setLicense('active');
  await w.cycle();
  expect(await w.partnerBySummary('partner', 'Refund button does nothing')).toHaveLength(1);
  expect(await w.partnerBySummary('partner', 'Export to CSV drops the header row')).toHaveLength(1);
  expect(devInfoOn('DEMO-2')).toContain(sha);
  expect(keysUnder(keys.heldWorkPrefix())).toEqual([]);
  expect(keysUnder(keys.gitInboxPrefix())).toEqual([]);
  expect(w.failedInvocations()).toEqual([]);
});

it.each(['active', 'none'] as const)('%s: syncs and uploads at once', async (state) => {
  expect(await setLicense(state)).toEqual(
    state === 'none'
      ? { state: 'none', license: null }
      : { state: 'active', license: expect.objectContaining({ active: true }) as unknown },
  );
  await w.cycle();
  await w.create('local', `Coupon codes are case-sensitive (${state})`);
  expect(await deliverPush('DEMO-3')).toBe(202);
  await w.settle();
  expect(await w.partnerBySummary('partner', `Coupon codes are case-sensitive (${state})`)).toHaveLength(1);
  expect(devInfoOn('DEMO-3')).toContain(sha);
  expect(keysUnder(keys.heldWorkPrefix())).toEqual([]);

  const list = await ok(w, 'connections/list', {});
  expect(list.license).toEqual({ state, manageUrl: '/plugins/servlet/upm' });
  expect(w.failedInvocations()).toEqual([]);
});
