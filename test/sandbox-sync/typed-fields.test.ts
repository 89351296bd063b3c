/**
 * Versions, components, due date, an estimate, story points, a select, a cascading select and a user picker
 * between DEMO and PARTNER end to end (the real handlers on the Forge host, the contract-checked emulator):
 * both ways, read back on both sides, with the fields named by name in the rules although their ids differ
 * between the sites; and an option PARTNER has and DEMO lacks is an error on the pair naming it, never another
 * value on DEMO.
 */
import { startWorld, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await startWorld();
});
afterEach(async () => {
  await w.close();
});

const NAMED = ['Start date', 'Story point estimate', 'Severity', 'Region', 'Reviewer'];

async function useRules(): Promise<void> {
  const { keys } = await import('../../src/platform/kvs/keys');
  const key = keys.connectionConfig('demo-partner');
  const stored = w.host.kvs.handle('/api/v1/get', { key }).body as { value: { rules: unknown[] } };
  const rules = [
    ...stored.value.rules,
    ...NAMED.map((name) => ({ kind: 'two-way', local: name, remote: name })),
    {
      kind: 'two-way',
      local: 'timetracking.originalEstimateSeconds',
      remote: 'timetracking.originalEstimateSeconds',
    },
  ];
  w.host.kvs.handle('/api/v1/set', { key, value: { ...stored.value, rules } });
}

async function ids(site: 'local' | 'partner'): Promise<Record<string, string>> {
  const { json } = await w.rest(site, 'GET', '/rest/api/3/field');
  return Object.fromEntries((json as { id: string; name: string }[]).map((f) => [f.name, f.id]));
}

/** The fields' values as plain names, by field name, read over REST. */
async function read(site: 'local' | 'partner', key: string): Promise<Record<string, unknown>> {
  const id = await ids(site);
  const { json } = await w.rest(site, 'GET', `/rest/api/3/issue/${key}`);
  const f = (json as { fields: Record<string, unknown> }).fields;
  const names = (v: unknown) => ((v ?? []) as { name: string }[]).map((x) => x.name).sort();
  const option = (v: unknown) => (v as { value?: string } | null)?.value ?? null;
  const region = f[id.Region ?? ''] as { value: string; child?: { value: string } } | null;
  return {
    fixVersions: names(f.fixVersions),
    components: names(f.components),
    duedate: f.duedate,
    estimate: (f.timetracking as { originalEstimateSeconds?: number }).originalEstimateSeconds ?? null,
    points: f[id['Story point estimate'] ?? ''],
    start: f[id['Start date'] ?? ''],
    severity: option(f[id.Severity ?? '']),
    region: region ? `${region.value}/${region.child?.value ?? ''}` : null,
    reviewer: (f[id.Reviewer ?? ''] as { emailAddress?: string } | null)?.emailAddress ?? null,
  };
}

async function edit(site: 'local' | 'partner', key: string, byName: Record<string, unknown>) {
  const id = await ids(site);
  const fields = Object.fromEntries(Object.entries(byName).map(([name, v]) => [id[name] ?? name, v]));
  const { status, json } = await w.rest(site, 'PUT', `/rest/api/3/issue/${key}`, { fields });
  if (status !== 204) throw new Error(`edit ${key}: ${status} ${JSON.stringify(json)}`);
}

it('syncs versions, components, dates, estimates and typed custom fields both ways; a missing option is named', async () => {
  await useRules();
  await w.cycle();
  const created = await w.create('local', 'Ship typed fields');
  await w.cycle();
  const [partner] = await w.partnerBySummary('partner', 'Ship typed fields');
  expect(partner).toBeDefined();
  const partnerKey = partner?.key ?? '';
  const uma = w.host.emulator.site('local').userByEmail('user@example.com')?.accountId;

  await edit('local', created.key, {
    fixVersions: [{ name: '1.1' }],
    components: [{ name: 'Backend' }],
    duedate: '2026-12-24',
    timetracking: { originalEstimate: '2h' },
    'Story point estimate': 5,
    'Start date': '2026-12-01',
    Severity: { value: 'Major' },
    Region: { value: 'Europe', child: { value: 'France' } },
    Reviewer: { accountId: uma },
  });
  await w.settle();
  await w.cycle();
  const wanted = {
    fixVersions: ['1.1'],
    components: ['Backend'],
    duedate: '2026-12-24',
    estimate: 7200,
    points: 5,
    start: '2026-12-01',
    severity: 'Major',
    region: 'Europe/France',
    reviewer: 'user@example.com',
  };
  expect(await read('local', created.key)).toEqual(wanted);
  expect(await read('partner', partnerKey)).toEqual(wanted);

  // Back from PARTNER, on its next cycle.
  await edit('partner', partnerKey, {
    fixVersions: [{ name: '1.0' }, { name: '1.1' }],
    Severity: { value: 'Critical' },
    'Story point estimate': 8,
    Region: { value: 'Americas', child: { value: 'USA' } },
  });
  await w.cycle();
  const back = {
    ...wanted,
    fixVersions: ['1.0', '1.1'],
    severity: 'Critical',
    points: 8,
    region: 'Americas/USA',
  };
  expect(await read('partner', partnerKey)).toEqual(back);
  expect(await read('local', created.key)).toEqual(back);

  // DEMO's Severity has no Trivial: the pair names it, and DEMO keeps Critical.
  await edit('partner', partnerKey, { Severity: { value: 'Trivial' } });
  await w.cycle();
  expect((await read('local', created.key)).severity).toBe('Critical');
  const { keys } = await import('../../src/platform/kvs/keys');
  const pair = JSON.stringify(
    w.host.kvs.handle('/api/v1/get', { key: keys.pair('demo-partner', `l-${created.id}`) }).body,
  );
  expect(pair).toContain('"error"');
  expect(pair).toContain('Severity = \\"Trivial\\": Option value \'Trivial\' is not valid');
  expect(w.failedInvocations()).toEqual([]);
});
