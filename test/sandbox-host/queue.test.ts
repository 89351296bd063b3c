/**
 * @forge/events Queue.push through the host: at-least-once delivery to the bound consumer, retries on a returned
 * InvocationError (at most four), duplicates under fault injection, and the push limits Forge enforces.
 */
import { z } from 'zod';
import type { SandboxHost } from '../../sandbox/host';
import { call, kvsValues, resolve, startTestHost } from './helpers';

let host: SandboxHost;

beforeAll(async () => {
  host = await startTestHost();
});

afterAll(async () => {
  await host.close();
});

afterEach(async () => {
  await call(host, 'DELETE', '/_sandbox/api/faults');
});

const Seen = z.object({
  eventId: z.string(),
  retryCount: z.number(),
  retryReason: z.string().nullable(),
  retryData: z.unknown(),
  queueName: z.string(),
});
const seen = (id: string): z.infer<typeof Seen>[] =>
  kvsValues(host, `work:${id}:`)
    .map((v) => Seen.parse(v))
    .sort((a, b) => a.retryCount - b.retryCount);

async function settle(): Promise<void> {
  const answer = await call(host, 'POST', '/_sandbox/api/settle?timeoutMs=5000');
  expect(answer.status).toBe(200);
}

test('a pushed event reaches the consumer bound to its queue, with Forge’s AsyncEvent shape', async () => {
  const pushed = z
    .object({ jobId: z.string() })
    .parse(await resolve(host, 'queue/push', { queue: 'work', events: [{ body: { id: 'one' } }] }));
  await settle();
  const [delivery, ...rest] = seen('one');
  expect(rest).toEqual([]);
  expect(delivery).toMatchObject({ queueName: 'work', retryCount: 0, retryReason: null });
  expect(kvsValues(host, 'work:one:')[0]).toMatchObject({ jobId: pushed.jobId });
  const invocations = host.invocations().filter((i) => i.eventId === delivery?.eventId);
  expect(invocations).toEqual([
    expect.objectContaining({
      functionKey: 'on-work',
      moduleKind: 'consumer',
      outcome: 'ok',
      limitMs: 55_000,
    }),
  ]);
});

test('a consumer returning InvocationError is retried with retryContext until it succeeds', async () => {
  await resolve(host, 'queue/push', { queue: 'work', events: [{ body: { id: 'twice', failTimes: 2 } }] });
  await settle();
  const deliveries = seen('twice');
  expect(deliveries.map((d) => [d.retryCount, d.retryReason])).toEqual([
    [0, null],
    [1, 'FUNCTION_RETRY_REQUEST'],
    [2, 'FUNCTION_RETRY_REQUEST'],
  ]);
  expect(deliveries[2]?.retryData).toEqual({ attempt: 1 });
  expect(new Set(deliveries.map((d) => d.eventId)).size).toBe(1);
  const outcomes = host
    .invocations()
    .filter((i) => i.eventId === deliveries[0]?.eventId)
    .map((i) => i.outcome);
  expect(outcomes).toEqual(['retried', 'retried', 'ok']);
});

test('an event is retried at most four times', async () => {
  await resolve(host, 'queue/push', { queue: 'work', events: [{ body: { id: 'never', failTimes: 100 } }] });
  await settle();
  expect(seen('never').map((d) => d.retryCount)).toEqual([0, 1, 2, 3, 4]);
});

test('duplicate delivery under fault injection hands the same event to the consumer twice', async () => {
  await call(host, 'POST', '/_sandbox/api/faults', { duplicateDeliveryRate: 1 });
  await resolve(host, 'queue/push', { queue: 'work', events: [{ body: { id: 'dup' } }] });
  await settle();
  const deliveries = seen('dup');
  expect(deliveries).toHaveLength(2);
  expect(deliveries[0]?.eventId).toBe(deliveries[1]?.eventId);
});

test('delayInSeconds holds the event back, and settle waits for it', async () => {
  const started = Date.now();
  // 5 s scaled by the tests' queueDelayScale (0.01) is 50 ms.
  await resolve(host, 'queue/push', {
    queue: 'work',
    events: [{ body: { id: 'later' }, delayInSeconds: 5 }],
  });
  expect(seen('later')).toEqual([]);
  await settle();
  expect(seen('later')).toHaveLength(1);
  expect(Date.now() - started).toBeGreaterThanOrEqual(50);
});

test('the platform refuses an oversized push with the 413 shape @forge/events turns into PayloadTooBigError', async () => {
  const answer = z
    .object({ status: z.number(), body: z.unknown() })
    .parse(await resolve(host, 'queue/raw-push', { bytes: 210 * 1024 }));
  expect(answer).toEqual({ status: 413, body: { errorMessage: 'The maximum payload size is 200KB.' } });
});

test('Queue.push with more than 50 events is rejected before anything is queued', async () => {
  const events = Array.from({ length: 51 }, (_, i) => ({ body: { id: `many-${i}` } }));
  const answer = await call(host, 'POST', '/_sandbox/api/invoke/queue/push', {
    payload: { queue: 'work', events },
  });
  expect(answer.status).toBe(500);
  expect(JSON.stringify(answer.body)).toContain('more than the 50 events allowed');
});
