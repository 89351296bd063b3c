/**
 * Issue 14's "Done when": under a quota that runs out in the middle of a backfill, the backfill pauses at the
 * reserve and resumes after the reset with nothing lost or duplicated, a person's edit still crosses during
 * the pause, and Activity shows the pause.
 *
 * Time is the host's: the emulator's quota window and the app's rate governor both read the host process's
 * clock, and the test compares the instants they report (the pause's end, Jira's reset, the host's request
 * log) rather than timing anything itself. The window is 30 s, longer than the governor waits in a call
 * (10 s), so the pause goes back to the queue in hops as an hour-long one would.
 */
import { DEMO_CONNECTION_ID, startWorld, type World } from './world';
import { z } from 'zod';
import { GovernorStateSchema, quotaViewOf } from '../../src/core/rate';
import { keys } from '../../src/platform/kvs/keys';
import { ok } from '../resolvers/harness';

jest.setTimeout(200_000);

let w: World;
beforeEach(async () => {
  w = await startWorld();
});
afterEach(async () => {
  await w.close();
});

const demo = { connectionId: DEMO_CONNECTION_ID };
const ONLY_ON_EACH_SIDE = 30;
/**
 * The backfill below costs about 310 points on this site (550 when every listed issue cost a worklog read
 * and every copy a status read), plus a listing each time it resumes: background work stops at 243 (the
 * reserve is 27), and the rest fits in the next window.
 */
const QUOTA = 270;
const WINDOW_S = 30;

/** The local site's address as Jira tells it, which keys its governor (platform/site-info.ts). */
async function localSiteUrl(): Promise<string> {
  const { json } = await w.rest('local', 'GET', '/rest/api/3/serverInfo');
  return z.looseObject({ baseUrl: z.string() }).parse(json).baseUrl;
}

function storedGovernor(site: string) {
  const { body } = w.host.kvs.handle('/api/v1/get', { key: keys.rateGovernor(site) });
  const parsed = GovernorStateSchema.safeParse((body as { value?: unknown }).value);
  return parsed.success ? parsed.data : undefined;
}

const summaries = async (site: 'local' | 'partner') =>
  (await w.all(site)).map((i) => i.fields.summary).sort();

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('a backfill paused by the quota resumes after the reset, a live edit crosses meanwhile, Activity shows it', async () => {
  // Issues on one side only, which the backfill must copy; the demo's 20 pairs match by summary.
  // The test's own REST calls use an API token, which Jira's quota does not count.
  for (let i = 0; i < ONLY_ON_EACH_SIDE; i += 1) {
    await w.create('local', `Only in DEMO ${i}`);
    await w.create('partner', `Only in PARTNER ${i}`);
  }
  const [edited] = await w.search('local', 'project = DEMO ORDER BY key ASC');
  const expected = [...new Set([...(await summaries('local')), ...(await summaries('partner'))])].sort();
  const siteUrl = await localSiteUrl();
  w.host.emulator.setRateLimits('local', { quotaPoints: QUOTA, quotaWindowSeconds: WINDOW_S });

  await ok(w, 'pairs/bulk-connect', { ...demo, match: { local: 'summary', remote: 'summary' } });

  // Wait for the governor to store the pause, reading KVS: polling Activity would spend the site's points
  // (each resolver call asks Jira for the caller's permissions) and eat the reserve the edit needs.
  await waitFor('the governor to pause background work', () =>
    Promise.resolve(quotaViewOf(storedGovernor(siteUrl), Date.now()).paused ?? undefined),
  );
  // Activity shows the pause, and a backfill with copies still to make.
  const activity = await ok(w, 'activity/get', demo);
  const paused = {
    local: activity.quotas.find((q) => q.label === 'This Jira site')!,
    copies: activity.backfill!.copies!,
  };
  expect(paused.local.paused).not.toBeNull();
  expect(paused.copies.remaining).toBeGreaterThan(0);
  const resetAt = Date.parse(w.host.emulator.rateLimitUsage('local').window!.resetAt);
  const pausedUntil = Date.parse(paused.local.paused!.until);
  expect(Math.abs(pausedUntil - resetAt)).toBeLessThanOrEqual(2_000);
  expect(paused.local.limit).toBe(QUOTA);
  expect(paused.copies.notBefore).not.toBeNull();
  expect(Date.parse(paused.copies.notBefore!)).toBeGreaterThanOrEqual(pausedUntil - 2_000);

  // A person's edit during the pause spends the reserve and crosses before the reset.
  const editedAt = w.host.requests().at(-1)?.seq ?? 0;
  await w.edit('local', edited!.key, { summary: 'Edited while the backfill waits for the quota' });
  await waitFor('the edit to cross', async () => {
    const found = await w.partnerBySummary('partner', 'Edited while the backfill waits for the quota');
    return found.length === 1 ? true : undefined;
  });
  const crossing = w.host
    .requests(editedAt)
    .find((r) => r.method === 'PUT' && r.path.startsWith('/sites/partner/rest/api/3/issue/'));
  expect(crossing?.status).toBeLessThan(300);
  // Still the window in which background work stopped, by the emulator's (the host's) clock: a new
  // window would reset later.
  expect(w.host.emulator.rateLimitUsage('local').window?.resetAt).toBe(new Date(resetAt).toISOString());
  expect(Date.parse(crossing!.at)).toBeLessThan(pausedUntil);

  // After the reset the backfill finishes: every issue once on each side, the edit included.
  const settled = await w.host.settle(120_000);
  if (!settled.settled)
    throw new Error(
      `did not settle: ${JSON.stringify(settled).slice(0, 1000)}; quota ${JSON.stringify(w.host.emulator.rateLimitUsage('local'))}`,
    );
  const want = expected
    .map((s) => (s === edited!.fields.summary ? 'Edited while the backfill waits for the quota' : s))
    .sort();
  expect(await summaries('local')).toEqual(want);
  expect(await summaries('partner')).toEqual(want);
  const usage = w.host.emulator.rateLimitUsage('local');
  // It took a second window, and Jira refused for the quota at most once: nobody asked again before the reset.
  expect(usage.totals.points).toBeGreaterThan(QUOTA);
  expect(usage.totals.limited['jira-quota-tenant-based']).toBeLessThanOrEqual(1);
  const after = await ok(w, 'activity/get', demo);
  expect(after.backfill?.copies?.finishedAt).not.toBeNull();
  expect(after.backfill?.copies?.remaining).toBe(0);
  expect(w.failedInvocations()).toEqual([]);
});
