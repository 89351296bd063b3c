/**
 * Jira ↔ Jira end to end: the real handlers on the Forge host, the demo connection DEMO ↔ PARTNER, and
 * people editing either site through its REST API.
 */
import { startWorld, type IssueJson, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await startWorld();
});
afterEach(async () => {
  await w.close();
});

const summaries = async (site: 'local' | 'partner') =>
  (await w.all(site)).map((i) => i.fields.summary).sort();
const appWrites = () =>
  w.host.requests().filter(
    (r) =>
      r.target === 'jira' &&
      r.method !== 'GET' &&
      // Searches and bulk fetches are POSTs that only read (platform OpenAPI).
      !r.path.includes('/search/jql') &&
      !r.path.endsWith('/issue/bulkfetch'),
  );

it('the first cycle copies each side’s issues and comments to the other, once', async () => {
  const localBefore = await summaries('local');
  const partnerBefore = await summaries('partner');
  await w.cycle();
  const expected = [...localBefore, ...partnerBefore].sort();
  expect(await summaries('local')).toEqual(expected);
  expect(await summaries('partner')).toEqual(expected);
  expect(w.failedInvocations()).toEqual([]);

  const writes = appWrites().length;
  await w.cycle();
  expect(appWrites().length).toBe(writes);
});

it('a local edit reaches the partner through the trigger, without waiting for the schedule', async () => {
  await w.cycle();
  const [issue] = await w.search('local', 'project = DEMO ORDER BY key ASC');
  await w.edit('local', issue!.key, { summary: 'Checkout fails with a saved card' });
  await w.settle();
  expect(await w.partnerBySummary('partner', 'Checkout fails with a saved card')).toHaveLength(1);
});

it('partner edits, transitions and comments come back on the next cycle', async () => {
  await w.cycle();
  const created = await w.create('partner', 'Invoice totals are rounded twice');
  await w.cycle();
  const [copy] = await w.partnerBySummary('local', 'Invoice totals are rounded twice');
  expect(copy).toBeDefined();

  // The demo workflow goes To Do → In Progress → Done; each step travels as its own transition.
  await w.transition('partner', created.key, 'In Progress');
  await w.cycle();
  await w.transition('partner', created.key, 'Done');
  await w.comment('partner', created.key, 'Fixed in 4.2');
  await w.cycle();
  const [after] = await w.partnerBySummary('local', 'Invoice totals are rounded twice');
  expect(after!.fields.status.name).toBe('Done');
  expect(JSON.stringify(after!.fields.comment)).toContain('Fixed in 4.2');
  expect(w.failedInvocations()).toEqual([]);
});

it('duplicate event deliveries leave no duplicate issue or comment', async () => {
  await w.cycle();
  await w.rest('local', 'GET', '/rest/api/3/myself');
  await w.faults({ duplicateDeliveryRate: 1 });
  const created = await w.create('local', 'Search ignores accents');
  await w.comment('local', created.key, 'Seen with "é"');
  await w.settle();
  await w.cycle();
  const copies = await w.partnerBySummary('partner', 'Search ignores accents');
  expect(copies).toHaveLength(1);
  const comments = copies[0]!.fields.comment?.comments ?? [];
  expect(comments).toHaveLength(1);
});

it('bad remote credentials give a clear error on the connection and write nothing', async () => {
  const { keys } = await import('../../src/platform/kvs/keys');
  w.host.kvs.handle('/api/v1/secret/set', {
    key: keys.credential('demo-partner', 'apiToken'),
    value: 'wrong-token',
  });
  const before = await summaries('local');
  await w.cycle();
  expect(await summaries('local')).toEqual(before);
  const state = w.host.kvs.handle('/api/v1/get', { key: keys.connectionState('demo-partner') });
  expect(JSON.stringify(state.body)).toMatch(/401/);
});

const pairBody = async (id: string) => {
  const { keys } = await import('../../src/platform/kvs/keys');
  return JSON.stringify(w.host.kvs.handle('/api/v1/get', { key: keys.pair('demo-partner', id) }).body);
};

it('a status reached only through other statuses is taken there, one transition at a time', async () => {
  await w.cycle();
  const created = await w.create('partner', 'Export skips archived rows');
  await w.cycle();
  await w.transition('partner', created.key, 'In Progress');
  await w.transition('partner', created.key, 'Done');
  await w.cycle();
  const [local] = await w.partnerBySummary('local', 'Export skips archived rows');
  expect(local!.fields.status.name).toBe('Done');
  expect(await pairBody(`r-${created.id}`)).not.toContain('"error"');
});

it('a status no transition reaches is an error on the pair naming both statuses; the rest syncs', async () => {
  await w.cycle();
  const created = await w.create('local', 'Abandoned spike');
  await w.cycle();
  await w.transition('local', created.key, "Won't Do");
  await w.edit('local', created.key, { summary: 'Abandoned spike (dropped)' });
  await w.cycle();
  const [partner] = await w.partnerBySummary('partner', 'Abandoned spike (dropped)');
  expect(partner!.fields.status.name).toBe('To Do');
  expect(await pairBody(`l-${created.id}`)).toContain(
    'no chain of transitions leads from \\"To Do\\" to \\"Won\'t Do\\"',
  );
});

it('a transition whose screen requires a field no rule fills is an error naming both', async () => {
  const { keys } = await import('../../src/platform/kvs/keys');
  const key = keys.connectionConfig('demo-partner');
  const stored = w.host.kvs.handle('/api/v1/get', { key }).body as { value: { rules: { local?: string }[] } };
  const rules = stored.value.rules.map((r) =>
    r.local === 'status.name' ? { kind: 'two-way', local: 'status.name', remote: 'status.name' } : r,
  );
  w.host.kvs.handle('/api/v1/set', { key, value: { ...stored.value, rules } });
  await w.cycle();
  const created = await w.create('local', 'Ship the export');
  await w.cycle();
  await w.transition('local', created.key, 'In Progress');
  await w.transition('local', created.key, 'Done');
  await w.cycle();
  const [partner] = await w.partnerBySummary('partner', 'Ship the export');
  // The walk went as far as the screen allowed, and says which transition and field stopped it.
  expect(partner!.fields.status.name).toBe('In Progress');
  expect(await pairBody(`l-${created.id}`)).toContain(
    'transition \\"Resolve\\" (In Progress → Done) requires \\"Resolution\\", which no rule fills',
  );
});

it('each linked issue carries a remote link to its partner, written once however often it syncs', async () => {
  await w.cycle();
  const created = await w.create('local', 'Remote links point both ways');
  await w.settle();
  await w.cycle();
  const { json } = await w.rest('local', 'GET', `/rest/api/3/issue/${created.key}/remotelink`);
  const links = json as { object: { title: string; url: string } }[];
  expect(links).toHaveLength(1);
  const [partner] = await w.partnerBySummary('partner', 'Remote links point both ways');
  expect(links[0]!.object.title).toBe(partner!.key);
  const back = (await w.rest('partner', 'GET', `/rest/api/3/issue/${partner!.key}/remotelink`))
    .json as unknown[];
  expect(back).toHaveLength(1);
});

it('consumers killed in the middle of their work leave no duplicate issue or comment', async () => {
  await w.faults({ killInvocationAfterMs: 120 });
  // While every invocation is killed nothing can finish, and busy work is retried without end (never
  // dropped), so the sandbox cannot settle: give the kills a few seconds, then stop them.
  await w.host.runScheduled('sync-cycle-schedule');
  await w.host.settle(5_000);
  expect(w.host.invocations().some((i) => i.outcome === 'timeout')).toBe(true);
  await w.faults({ killInvocationAfterMs: null });
  // A killed invocation never releases its locks; their TTLs free them. The test frees them at once.
  const { keys } = await import('../../src/platform/kvs/keys');
  const locks = w.host.kvs.handle('/api/v1/query', {
    limit: 100,
    where: [
      {
        property: 'key',
        condition: 'BEGINS_WITH',
        values: [keys.lock('demo-partner', '*').replace(/#2A$/, '')],
      },
    ],
  });
  for (const { key } of (locks.body as { data: { key: string }[] }).data)
    w.host.kvs.handle('/api/v1/delete', { key });
  await w.cycle();
  await w.cycle();

  for (const site of ['local', 'partner'] as const) {
    const { json } = await w.rest(site, 'POST', '/rest/api/3/search/jql', {
      jql: `project = ${w.project(site)} ORDER BY key ASC`,
      fields: ['comment'],
      properties: ['tandem'],
      maxResults: 100,
    });
    const issues = (
      json as { issues: { properties?: { tandem?: { origin: string } }; fields: IssueJson['fields'] }[] }
    ).issues;
    expect(issues).toHaveLength(40);
    const origins = issues.flatMap((i) => (i.properties?.tandem ? [i.properties.tandem.origin] : []));
    expect(origins).toHaveLength(20);
    expect(new Set(origins).size).toBe(20);
    for (const issue of issues) {
      const bodies = (issue.fields.comment?.comments ?? []).map((c) => JSON.stringify(c.body));
      expect(new Set(bodies).size).toBe(bodies.length);
    }
  }
});
