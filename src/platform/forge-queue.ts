/**
 * The core's WorkQueue on Forge's async events. A push carries at most 50 events, so longer lists go in
 * several pushes; each event is keyed by connection and lane with a concurrency of one, so two cycles of
 * the same connection and lane never run side by side.
 */
import { Queue } from '@forge/events';
import type { WorkItem, WorkQueue } from '../core/ports';
import { laneOf } from '../core/work/run-work-item';
import { WorkItemSchema } from '../core/work/work-items';

export const SYNC_QUEUE_KEY = 'sync-work';
const MAX_EVENTS_PER_PUSH = 50;
const MAX_DELAY_S = 900;

/**
 * One event at a time per connection and lane: a person's work (live lane) never waits in the queue behind a
 * backfill's invocation of the same connection; within a lane, cycles of one connection stay one at a time.
 */
const concurrencyKey = (item: WorkItem): string | undefined => {
  const body = item.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  // One analytics task per export at a time: its progress record is read, changed and written by each.
  if (item.kind === 'analytics' && typeof body.exportId === 'string') return `analytics-${body.exportId}`;
  if (typeof body.connectionId !== 'string') return undefined;
  const work = WorkItemSchema.safeParse(item);
  const live =
    work.success && work.data.kind !== 'devinfo' && work.data.kind !== 'analytics' && laneOf(work.data) === 'live';
  return `connection-${body.connectionId}${live ? '-live' : ''}`;
};

export function forgeWorkQueue(
  queue: Pick<Queue, 'push'> = new Queue({ key: SYNC_QUEUE_KEY }),
): WorkQueue {
  return {
    async push(items, delaySeconds) {
      const delay =
        delaySeconds === undefined ? undefined : Math.min(MAX_DELAY_S, Math.max(0, Math.round(delaySeconds)));
      for (let i = 0; i < items.length; i += MAX_EVENTS_PER_PUSH) {
        const events = items.slice(i, i + MAX_EVENTS_PER_PUSH).map((item) => {
          const key = concurrencyKey(item);
          return {
            body: { kind: item.kind, body: item.body },
            ...(delay ? { delayInSeconds: delay } : {}),
            ...(key ? { concurrency: { key, limit: 1 } } : {}),
          };
        });
        await queue.push(events);
      }
    },
  };
}
