/**
 * Work that arrives while the license is inactive is held, not dropped: each work item a handler would have
 * queued is kept in KVS as a marker (`keys.heldWork(hash of the item)`), and development information stays in
 * its inbox. Once the license is active again, the schedule releases every marker to the queue. Work items
 * name what to do, never the data (core/work/work-items.ts), so a released item reads the current state and
 * a marker released twice (a kill between push and delete) does no harm.
 */
import { createHash } from 'node:crypto';
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { WorkItem, WorkQueue } from '../../core/ports';
import { mayRun, type LicenseState } from '../../core/licensing/license-state';
import { JsonSchema } from '../../core/schema/rules';
import { keys } from '../kvs/keys';
import { parseStored } from '../kvs/stored-records';

const PAGE = 50;

const HeldSchema = z.strictObject({
  item: z.strictObject({ kind: z.string().min(1), body: JsonSchema }),
  heldAt: z.string(),
});

/** Same item, same hash, whatever order its keys were built in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const itemHash = (item: WorkItem): string =>
  createHash('sha256')
    .update(canonical({ kind: item.kind, body: item.body }))
    .digest('hex')
    .slice(0, 40);

/** A WorkQueue that keeps every item as a held marker instead of queueing it. */
export const holdingQueue = (now: () => Date = () => new Date()): WorkQueue => ({
  async push(items) {
    for (const item of items) {
      await kvs.set(keys.heldWork(itemHash(item)), {
        item: { kind: item.kind, body: item.body },
        heldAt: now().toISOString(),
      });
    }
  },
});

/** The queue a handler uses under this license: the real one, or the holding one. */
export const queueUnder = (license: LicenseState, queue: WorkQueue): WorkQueue =>
  mayRun(license) ? queue : holdingQueue();

/** Pushes every held item to the queue, then deletes its marker; answers how many were released. */
export async function releaseHeldWork(queue: WorkQueue): Promise<number> {
  let released = 0;
  for (;;) {
    // Always the first page: released markers are deleted, so the next query starts at what is left.
    const page = await kvs
      .query()
      .where('key', WhereConditions.beginsWith(keys.heldWorkPrefix()))
      .limit(PAGE)
      .getMany<unknown>();
    if (page.results.length === 0) return released;
    const held = page.results.map((r) => ({ key: r.key, value: parseStored(HeldSchema, r.value, r.key) }));
    await queue.push(held.map((h) => h.value.item));
    for (const h of held) await kvs.delete(h.key);
    released += held.length;
  }
}

/** How many items are held, up to `limit` (for the UI and health; counting them all is not needed). */
export async function heldWorkCount(limit = 100): Promise<number> {
  const page = await kvs
    .query()
    .where('key', WhereConditions.beginsWith(keys.heldWorkPrefix()))
    .limit(limit)
    .getMany<unknown>();
  return page.results.length;
}
