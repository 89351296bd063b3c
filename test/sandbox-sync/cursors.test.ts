/**
 * Cursors (issue #14, item 4): a cycle does not list again what it has already seen at its current
 * `updated`. The copies the first cycle made moved after its listing, yet the next cycle leaves them out of
 * its search, so it pays Jira for none of them; a person's edit to such a copy is listed and crosses.
 */
import { startWorld, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await startWorld();
});
afterEach(async () => {
  await w.close();
});

const points = (site: 'local' | 'partner') => w.host.emulator.rateLimitUsage(site).totals.points;
/** The local site is called through requestJira, the partner through fetch at `/sites/partner/...`. */
const siteOf = (r: { site?: string; path: string }) => r.site ?? r.path.split('/')[2];
const apiCalls = (seq: number) =>
  w.host.requests(seq).filter((r) => r.target === 'jira' || r.target === 'fetch');
const searchesSince = (seq: number) => apiCalls(seq).filter((r) => r.path.includes('/search/jql'));

it('the cycle after a backfill lists none of the copies it made, and writes nothing', async () => {
  const [original] = await w.all('local');
  await w.cycle();
  const copies = {
    local: (await w.all('local')).filter((i) => i.key.startsWith('DEMO-')).length,
    partner: (await w.all('partner')).filter((i) => i.key.startsWith('PARTNER-')).length,
  };
  // Jira's relative dates count whole minutes from its now, so a copy made in the last minute is listed
  // once more (the minute of overlap); the schedule's next run comes later than that.
  await new Promise((r) => setTimeout(r, 65_000));
  const seq = w.host.requests().at(-1)?.seq ?? 0;
  const before = { local: points('local'), partner: points('partner') };
  await w.cycle();
  // POST /workflows is Jira's bulk read of workflows (platform OpenAPI, "Bulk get workflows"): not a write.
  const writes = apiCalls(seq).filter(
    (r) =>
      r.method !== 'GET' &&
      !r.path.includes('/search/jql') &&
      !r.path.endsWith('/workflows') &&
      !r.path.endsWith('/issue/bulkfetch'),
  );
  expect(writes).toEqual([]);
  // The demo holds one pair in error by design (a status no transition reaches), which every cycle retries:
  // its issue is listed and its partner read. Everything else, the copies above all, is left out, so each
  // side pays a few points where listing the copies again cost one per copy.
  const searches = searchesSince(seq);
  expect(searches.filter((r) => siteOf(r) === 'local').length).toBeLessThanOrEqual(2);
  expect(searches.filter((r) => siteOf(r) === 'partner').length).toBeLessThanOrEqual(2);
  expect(points('local') - before.local).toBeLessThanOrEqual(4);
  expect(points('partner') - before.partner).toBeLessThanOrEqual(6);
  expect(copies.local + copies.partner).toBeGreaterThan(20);

  // A person's edit to a copy left out above is listed again: the copies are left out only while unchanged.
  const [copy] = await w.partnerBySummary('partner', original!.fields.summary);
  await w.edit('partner', copy!.key, { summary: 'Edited on the copy after the listing left it out' });
  await w.cycle();
  expect(await w.partnerBySummary('local', 'Edited on the copy after the listing left it out')).toHaveLength(
    1,
  );
  expect(w.failedInvocations()).toEqual([]);
}, 180_000);
