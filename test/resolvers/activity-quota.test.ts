/**
 * Settings → Activity shows each Jira site's quota as the rate governor learnt it from Jira's
 * `Beta-RateLimit*` headers: points used this hour against the quota, and background work paused at the
 * reserve until the reset. The emulator's own counter is the witness.
 */
import { DEMO_CONNECTION_ID, startWorld, type World } from '../sandbox-sync/world';
import { ok } from './harness';

let w: World;
beforeEach(async () => {
  w = await startWorld();
});
afterEach(async () => {
  await w.close();
});

const demo = { connectionId: DEMO_CONNECTION_ID };
const localQuota = async () => {
  const activity = await ok(w, 'activity/get', demo);
  return activity.quotas.find((q) => q.label === 'This Jira site');
};

it('shows the points used this hour against the quota, within 1 % of what Jira counted', async () => {
  expect(await localQuota()).toMatchObject({ used: null, limit: null, paused: null });
  w.host.emulator.setRateLimits('local', { quotaPoints: 100_100, quotaWindowSeconds: 3600 });
  await w.cycle();

  const window = w.host.emulator.rateLimitUsage('local').window!;
  const shown = (await localQuota())!;
  expect(shown.limit).toBe(100_100);
  expect(shown.used).toBeGreaterThan(0);
  // The governor stores its reading when it moves by 1 % of the limit; Activity reads what is stored.
  expect(Math.abs(window.used - shown.used!)).toBeLessThanOrEqual(1001);
  expect(shown.paused).toBeNull();
  // The partner is reached with an API token, which Jira's quota does not count: no figures for it.
  const activity = await ok(w, 'activity/get', demo);
  expect(activity.quotas.map((q) => q.label)).toEqual([
    'This Jira site',
    expect.stringMatching(/^Remote Jira/),
  ]);
  expect(activity.quotas[1]).toMatchObject({ used: null, paused: null });
  expect(w.failedInvocations()).toEqual([]);
});

it('shows background work paused at the reserve, until the reset Jira announced', async () => {
  // Small enough that the first cycle reaches the reserve (10 %, 20 points) and stops there.
  w.host.emulator.setRateLimits('local', { quotaPoints: 200, quotaWindowSeconds: 3600 });
  await w.host.runScheduled('sync-cycle-schedule');
  await waitFor(async () => (await localQuota())?.paused !== null);

  const window = w.host.emulator.rateLimitUsage('local').window!;
  const shown = (await localQuota())!;
  expect(shown.paused?.reason).toMatch(/^quota/);
  expect(shown.reserve).toBe(20);
  // Jira says "reset in t seconds"; the governor turns that into an instant on the same clock.
  expect(Math.abs(Date.parse(shown.paused!.until) - Date.parse(window.resetAt))).toBeLessThanOrEqual(2000);
  expect(shown.used).toBeGreaterThanOrEqual(200 - 20 - 2);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Activity never showed the pause');
    await new Promise((r) => setTimeout(r, 200));
  }
}
