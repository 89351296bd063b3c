/**
 * A consumer killed in the middle of a cycle (as a crash or an out-of-memory kill would stop it on Forge)
 * leaves the connection's lock behind. The lock is a 30 s lease its holder renews while it works, so it
 * runs out soon after the kill, and the work that found it busy, queued again without a cap, completes the
 * cycle within a minute of host time. Kills go through the host's `POST /_sandbox/api/faults`.
 */
import { keys } from '../../src/platform/kvs/keys';
import { DEMO_CONNECTION_ID, startWorld, type World } from './world';

jest.setTimeout(120_000);

let w: World;
beforeEach(async () => {
  w = await startWorld();
});
afterEach(async () => {
  await w.close();
});

const CONSUMER = 'on-sync-work';

const connectionLock = () =>
  (w.host.kvs.handle('/api/v1/get', { key: keys.lock(DEMO_CONNECTION_ID, '*') }).body as { value?: unknown })
    .value;
const summaries = async (site: 'local' | 'partner') =>
  (await w.all(site)).map((i) => i.fields.summary).sort();

it('after a consumer is killed mid-cycle, the next cycle completes within a minute', async () => {
  const expected = [...(await summaries('local')), ...(await summaries('partner'))].sort();
  // Slow calls, so the demo's first cycle (about 40 copies) is still writing when the kill comes.
  await w.faults({ latencyMs: 100, killInvocationAfterMs: 1_500 });
  await w.host.runScheduled('sync-cycle-schedule');
  while (!w.host.invocations().some((i) => i.functionKey === CONSUMER && i.killed === true))
    await new Promise((r) => setTimeout(r, 20));
  const killedAt = Date.now();
  await w.faults('clear');
  // The killed holder never released the connection: its lease is still there.
  expect(connectionLock()).toBeDefined();

  await w.settle();
  const tookMs = Date.now() - killedAt;

  expect(await summaries('local')).toEqual(expected);
  expect(await summaries('partner')).toEqual(expected);
  expect(tookMs).toBeLessThan(60_000);
  // The work that came after the kill found the connection busy first, and was not dropped for it.
  const afterKill = w.host.invocations().filter((i) => i.functionKey === CONSUMER && !i.killed);
  expect(afterKill.length).toBeGreaterThan(3);
  expect(connectionLock()).toBeUndefined();
}, 120_000);
