/**
 * The failure contract end to end: Forge's KVS refuses a consumer's call (429 over a quota, or a 5xx), and the
 * consumer asks Forge for a retry instead of dropping the work; the cycle then completes. Past Forge's last
 * retry the failure is shown on the connection. Faults go through the host's `POST /_sandbox/api/faults`.
 */
import { keys } from '../../src/platform/kvs/keys';
import { DEMO_CONNECTION_ID, startWorld, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await startWorld();
});
afterEach(async () => {
  await w.close();
});

const CONSUMER = 'on-sync-work';

/** The connection's state record, as the consumer left it in the host's KVS. */
function connectionState(): { lastError?: { code: string; message: string } } {
  const res = w.host.kvs.handle('/api/v1/get', { key: keys.connectionState(DEMO_CONNECTION_ID) });
  return (res.body as { value?: { lastError?: { code: string; message: string } } }).value ?? {};
}

const consumerRuns = () => w.host.invocations().filter((i) => i.functionKey === CONSUMER);
const summaries = async (site: 'local' | 'partner') =>
  (await w.all(site)).map((i) => i.fields.summary).sort();

it.each([429, 503])(
  'a KVS %i in the consumer is retried by Forge and the cycle completes',
  async (status) => {
    const localBefore = await summaries('local');
    const partnerBefore = await summaries('partner');
    await w.faults({ kvsStatus: status, kvsFailNext: 2, kvsFunctionKey: CONSUMER });

    await w.cycle();

    const expected = [...localBefore, ...partnerBefore].sort();
    expect(await summaries('local')).toEqual(expected);
    expect(await summaries('partner')).toEqual(expected);
    const runs = consumerRuns();
    // Two refused attempts asked for a retry (Forge's InvocationError), then the event was delivered again.
    expect(runs.filter((r) => r.outcome === 'retried')).toHaveLength(2);
    expect(runs.some((r) => r.outcome === 'ok' && r.retryCount === 2)).toBe(true);
    expect(w.failedInvocations()).toEqual([]);
  },
);

it('past Forge’s last retry the failure is shown on the connection, and the next cycle still runs', async () => {
  // One refused call per attempt: the first delivery and Forge's four retries.
  await w.faults({ kvsStatus: 429, kvsFailNext: 5, kvsFunctionKey: CONSUMER });
  await w.cycle();

  const runs = consumerRuns();
  expect(runs.map((r) => r.outcome)).toEqual(['retried', 'retried', 'retried', 'retried', 'error']);
  const state = connectionState();
  expect(state.lastError?.code).toBe('rate_limited');
  expect(state.lastError?.message).toMatch(/gave up after 5 attempts .*RATE_LIMIT_EXCEEDED/);

  // Nothing was lost: the next scheduled cycle does the work and clears the error.
  await w.cycle();
  expect((await summaries('local')).length).toBe((await summaries('partner')).length);
  expect(connectionState().lastError).toBeUndefined();
});
