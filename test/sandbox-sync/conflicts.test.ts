/**
 * Concurrent edits to the same field on both sites, under each conflict policy, end to end in the sandbox.
 */
import { ConnectionSchema } from '../../src/core/schema/connection';
import { JIRA_TO_JIRA_RULES } from '../../src/core/schema/default-rules';
import { keys } from '../../src/platform/kvs/keys';
import { DEMO_CONNECTION_ID, startWorld, type World } from './world';

let w: World;
afterEach(async () => {
  await w.close();
});

async function withPolicy(conflict: 'remote-wins' | 'local-wins' | 'newest-wins' | 'manual') {
  w = await startWorld();
  const key = keys.connectionConfig(DEMO_CONNECTION_ID);
  const stored = ConnectionSchema.parse(
    (w.host.kvs.handle('/api/v1/get', { key }).body as { value: unknown }).value,
  );
  const rules = JIRA_TO_JIRA_RULES.map((r) =>
    r.kind === 'two-way' && r.local === 'summary' ? { ...r, conflict } : r,
  );
  w.host.kvs.handle('/api/v1/set', { key, value: ConnectionSchema.parse({ ...stored, rules }) });
  await w.cycle();
  const created = await w.create('partner', 'Original title');
  await w.cycle();
  const [local] = await w.partnerBySummary('local', 'Original title');
  return { partnerKey: created.key, localKey: local!.key };
}

/** Both sides edit before the app hears of either: the partner first, the local side a second later. */
async function editBoth(localKey: string, partnerKey: string) {
  await w.edit('partner', partnerKey, { summary: 'Partner title' });
  await new Promise((r) => setTimeout(r, 1100));
  // Local events would sync at once; this edit goes straight to the site's state so both wait for the cycle.
  const site = w.host.emulator.site('local');
  const issue = Object.values(site.state.issues).find((i) => i.key === localKey)!;
  issue.summary = 'Local title';
  issue.updated = Date.now();
}

const summaryOf = async (site: 'local' | 'partner', key: string) =>
  (await w.search(site, `key = ${key}`))[0]!.fields.summary;

it.each([
  ['remote-wins', 'Partner title'],
  ['local-wins', 'Local title'],
  ['newest-wins', 'Local title'],
] as const)('%s: both sides end with %s', async (policy, expected) => {
  const { localKey, partnerKey } = await withPolicy(policy);
  await editBoth(localKey, partnerKey);
  await w.cycle();
  expect(await summaryOf('local', localKey)).toBe(expected);
  expect(await summaryOf('partner', partnerKey)).toBe(expected);
});

it('manual: neither side is overwritten, and the pair is in conflict with both values', async () => {
  const { localKey, partnerKey } = await withPolicy('manual');
  await editBoth(localKey, partnerKey);
  await w.cycle();
  expect(await summaryOf('local', localKey)).toBe('Local title');
  expect(await summaryOf('partner', partnerKey)).toBe('Partner title');
  const [partner] = await w.search('partner', `key = ${partnerKey}`);
  const pair = w.host.kvs.handle('/api/v1/get', { key: keys.pair(DEMO_CONNECTION_ID, `r-${partner!.id}`) });
  const text = JSON.stringify(pair.body);
  expect(text).toContain('"state":"conflict"');
  expect(text).toContain('Local title');
  expect(text).toContain('Partner title');
});
