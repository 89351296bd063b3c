/**
 * The core's WorkQueue on Forge's async events. A push carries at most 50 events, so longer lists go in
 * several pushes; each event is keyed by connection with a concurrency of one, so two cycles of the same
 * connection never run side by side.
 */
import { Queue } from '@forge/events';
import type { WorkItem, WorkQueue } from '../core/ports';

export const SYNC_QUEUE_KEY = 'sync-work';
const MAX_EVENTS_PER_PUSH = 50;
const MAX_DELAY_S = 900;

const concurrencyKey = (item: WorkItem): string | undefined => {
  const body = item.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return typeof body.connectionId === 'string' ? `connection-${body.connectionId}` : undefined;
};

export function forgeWorkQueue(queue = new Queue({ key: SYNC_QUEUE_KEY })): WorkQueue {
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
