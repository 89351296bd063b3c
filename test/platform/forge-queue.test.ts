/**
 * The queue's two lanes: a person's work is keyed apart from the connection's background work, so Forge's
 * per-key concurrency of one never makes it wait behind a backfill's invocation.
 */
import type { Queue } from '@forge/events';
import { forgeWorkQueue } from '../../src/platform/forge-queue';
import { cycle, eventCycle, webhookCycle } from '../../src/core/work/run-work-item';

type Pushed = Parameters<Queue['push']>[0];

function recordingQueue() {
  const pushed: Pushed[] = [];
  const queue: Pick<Queue, 'push'> = {
    push: (events) => {
      pushed.push(events);
      return Promise.resolve({ jobId: 'job' });
    },
  };
  const keysPushed = () =>
    pushed.flatMap((e) => (Array.isArray(e) ? e : [e])).map((e) => e.concurrency?.key);
  return { work: forgeWorkQueue(queue), keysPushed };
}

it('live work (event, webhook, Sync now) and background work of one connection queue under different keys', async () => {
  const { work, keysPushed } = recordingQueue();
  await work.push([
    eventCycle('c1', ['10001']),
    webhookCycle('c1', ['7']),
    cycle('c1', 'manual'),
    cycle('c1', 'schedule'),
    cycle('c1', 'continuation'),
    { kind: 'backfill', body: { connectionId: 'c1', match: { local: 'summary', remote: 'title' } } },
  ]);
  expect(keysPushed()).toEqual([
    'connection-c1-live',
    'connection-c1-live',
    'connection-c1-live',
    'connection-c1',
    'connection-c1',
    'connection-c1',
  ]);
});

it('each lane stays one at a time per connection: the limit is one, and other connections have their own keys', async () => {
  const pushed: Pushed[] = [];
  const work = forgeWorkQueue({
    push: (events) => {
      pushed.push(events);
      return Promise.resolve({ jobId: 'job' });
    },
  });
  await work.push([cycle('c2', 'event'), cycle('c3', 'schedule')]);
  const events = pushed.flatMap((e) => (Array.isArray(e) ? e : [e]));
  expect(events.map((e) => e.concurrency)).toEqual([
    { key: 'connection-c2-live', limit: 1 },
    { key: 'connection-c3', limit: 1 },
  ]);
});
