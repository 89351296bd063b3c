/**
 * The settings page's resolvers on the real app in the sandbox, as an admin: connections and write-only
 * credentials, rule validation and fields, dry run, a held plan approved and another discarded, activity
 * and Retry.
 */
import { keys } from '../../src/platform/kvs/keys';
import { DEMO_CONNECTION_ID, startWorld, type World } from '../sandbox-sync/world';
import { ok, updateDemo } from './harness';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.close();
});

const demo = { connectionId: DEMO_CONNECTION_ID };
const partnerSummaries = async () => (await w.all('partner')).map((i) => i.fields.summary);

it('a dry run before the first cycle lists the creates and writes nothing', async () => {
  const before = await partnerSummaries();
  const { outcome, plan } = await ok(w, 'plans/dry-run', demo);
  expect(outcome).toBe('dry-run');
  expect(plan?.mutations.length).toBeGreaterThan(5);
  expect(plan?.mutations[0]).toMatchObject({ kind: 'create-issue', issue: 'new issue' });
  expect(plan?.mutations.some((m) => /^Create ".+" as a copy of DEMO-\d+$/.test(m.detail))).toBe(true);
  expect(await partnerSummaries()).toEqual(before);
  await w.cycle();
});

it('an admin saves a connection with a rule and write-only credentials, tests it, and deletes it', async () => {
  const { kinds, connections } = await ok(w, 'connections/list', {});
  expect(kinds.map((k) => k.kind)).toEqual([
    'jira',
    'github',
    'gitlab',
    'redmine',
    'azure-devops',
    'gropius',
  ]);
  expect(kinds[0]?.credentials).toEqual({
    cloud: ['email', 'apiToken', 'webhookSecret', 'previousWebhookSecret'],
    'data-center': ['personalAccessToken'],
  });
  expect(connections.map((c) => c.connection.id)).toEqual([DEMO_CONNECTION_ID]);

  const connection = {
    id: 'second',
    name: 'Second partner',
    enabled: false,
    localProject: 'DEMO',
    remote: { kind: 'jira', baseUrl: `${w.host.url}/sites/partner`, project: 'PARTNER' },
    rules: [{ kind: 'two-way', local: 'summary', remote: 'summary', conflict: 'manual' }],
  };
  const saved = await ok(w, 'connections/save', { connection });
  expect(saved.connection.credentials).toEqual([
    { name: 'email', status: 'not set' },
    { name: 'apiToken', status: 'not set' },
    { name: 'webhookSecret', status: 'not set' },
    { name: 'previousWebhookSecret', status: 'not set' },
  ]);
  expect(saved.connection.connection.rules[0]).toMatchObject({
    kind: 'two-way',
    conflict: 'manual',
    mergeSets: false,
  });

  expect(
    await ok(w, 'credentials/set', { connectionId: 'second', name: 'email', value: 'admin@example.com' }),
  ).toEqual({
    name: 'email',
    status: 'set',
  });
  await ok(w, 'credentials/set', { connectionId: 'second', name: 'apiToken', value: 'wrong-secret-9731' });
  const listed = await ok(w, 'connections/list', {});
  expect(JSON.stringify(listed)).not.toContain('wrong-secret-9731');
  expect(
    listed.connections.find((c) => c.connection.id === 'second')?.credentials.map((c) => c.status),
  ).toEqual(['set', 'set', 'not set', 'not set']);

  const failed = await ok(w, 'connections/test', { connectionId: 'second' });
  expect(failed.state === 'error' && failed.message).toMatch(/401/);
  expect(JSON.stringify(failed)).not.toContain('wrong-secret-9731');
  await ok(w, 'credentials/set', { connectionId: 'second', name: 'apiToken', value: 'admin-token' });
  expect(await ok(w, 'connections/test', { connectionId: 'second' })).toMatchObject({ state: 'ready' });
  expect(await ok(w, 'connections/test-status', { connectionId: 'second' })).toMatchObject({
    state: 'ready',
  });

  expect(await ok(w, 'connections/delete', { connectionId: 'second' })).toEqual({ deleted: true });
  expect((await ok(w, 'connections/list', {})).connections).toHaveLength(1);
  expect(w.host.kvs.handle('/api/v1/secret/get', { key: keys.credential('second', 'apiToken') }).status).toBe(
    404,
  );
});

it('rules/validate lists every problem by path, and fields/list offers the site fields', async () => {
  const { errors } = await ok(w, 'rules/validate', {
    rules: [
      { kind: 'two-way', local: 'summary', remote: 'summary' },
      { kind: 'two-way', local: 'a/b' },
      { kind: 'nope' },
    ],
  });
  expect(errors.map((e) => e.path)).toEqual(['1.local', '1.remote', '2.kind']);
  const { fields } = await ok(w, 'fields/list', {});
  expect(fields.find((f) => f.id === 'status')).toMatchObject({
    name: 'Status',
    paths: ['status.name', 'status'],
  });
  expect(fields.find((f) => f.id === 'summary')?.paths).toEqual(['summary']);
});

/** Creates local issues while the connection is off, so no event-driven cycle sees them one by one. */
async function heldPlanOf(summaries: string[]) {
  await updateDemo(w, (c) => ({ ...c, enabled: false, limits: { maxMutationsPerCycle: 2 } }));
  for (const s of summaries) await w.create('local', s);
  await w.settle();
  await updateDemo(w, (c) => ({ ...c, enabled: true }));
  await w.cycle();
  const { plan, limit } = await ok(w, 'plans/held', demo);
  expect(limit).toBe(2);
  if (!plan) throw new Error('no plan was held');
  return plan;
}

it('a plan over the limit is held, listed mutation by mutation, and approved once', async () => {
  const plan = await heldPlanOf(['Held one', 'Held two', 'Held three']);
  expect(plan.mutations.map((m) => m.detail)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^Create "Held one" as a copy of DEMO-\d+$/)]),
  );
  expect((await ok(w, 'plans/dry-run', demo)).outcome).toBe('held');
  expect(await partnerSummaries()).not.toContain('Held one');

  const approved = await ok(w, 'plans/approve', { ...demo, planId: plan.id });
  // The held plan also retries DEMO-5's Won't Do, which no PARTNER transition reaches: its only error.
  expect(approved).toMatchObject({ outcome: 'executed', complete: true });
  expect(approved.errors.map((e) => e.message)).toEqual([
    expect.stringContaining(`no chain of transitions leads from "To Do" to "Won't Do"`),
  ]);
  expect(await partnerSummaries()).toEqual(expect.arrayContaining(['Held one', 'Held two', 'Held three']));
  expect((await ok(w, 'plans/approve', { ...demo, planId: plan.id })).outcome).toBe('already-executed');
  expect((await ok(w, 'plans/held', demo)).plan).toBeNull();
});

it('a held plan can be discarded: nothing is written', async () => {
  const plan = await heldPlanOf(['Dropped one', 'Dropped two', 'Dropped three']);
  expect(await ok(w, 'plans/discard', { ...demo, planId: plan.id })).toEqual({ outcome: 'discarded' });
  expect((await ok(w, 'plans/held', demo)).plan).toBeNull();
  expect(await partnerSummaries()).not.toContain('Dropped one');
  expect(await ok(w, 'limits/save', { ...demo, maxMutationsPerCycle: 200 })).toEqual({
    maxMutationsPerCycle: 200,
  });
});

it('activity shows cycles, changes per hour and a pair in error, and Retry runs it again', async () => {
  const created = await w.create('local', 'Export skips archived rows');
  await w.cycle();
  await w.transition('local', created.key, "Won't Do");
  await w.cycle();

  const activity = await ok(w, 'activity/get', demo);
  expect(activity.hourly).toHaveLength(24);
  expect(activity.hourly.at(-1)?.changes).toBeGreaterThan(0);
  expect(activity.cycles[0]).toMatchObject({ held: false });
  const broken = activity.pairsInError.find((p) => p.local?.key === created.key);
  expect(broken).toMatchObject({ kind: 'error' });
  expect(broken?.message).toContain(`no chain of transitions leads from "To Do" to "Won't Do"`);
  expect(activity.pairsInDrift).toBe(0);

  const retried = await ok(w, 'pairs/retry', { ...demo, pairId: broken!.pairId });
  expect(retried.outcome).toBe('error');
  expect(retried.message).toContain("Won't Do");
  const after = await ok(w, 'activity/get', demo);
  expect(after.pairsInError.find((p) => p.pairId === broken!.pairId)?.attempts).toBeGreaterThan(
    broken!.attempts,
  );
  expect(w.failedInvocations()).toEqual([]);
});
