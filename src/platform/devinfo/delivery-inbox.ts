/**
 * The durable inbox: every verified delivery is written here, raw, before the web trigger answers, and
 * stays until the consumer has uploaded what it means. KVS rather than the queue holds it because a
 * queue event carries at most 100 KB (a push can be megabytes) and a queue takes 500 events a minute
 * (a burst of pushes can be more); the queue only carries "drain the inbox".
 *
 * A body that fits one value is stored inline; a larger one in base64 parts written before the entry,
 * so an entry is never visible without its parts.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { DeliveryInbox, InboxDelivery } from '../../core/devinfo/ports';
import { keys } from '../kvs/keys';
import { StorageError, codeForItemError } from '../kvs/storage-error';

const INLINE_LIMIT = 200 * 1024;
/** 150 KiB of bytes is 200 KiB of base64, under the 240 KiB value limit. */
const PART_BYTES = 150 * 1024;
const BATCH = 25;

const EntrySchema = z.strictObject({
  integrationId: z.string(),
  deliveryId: z.string(),
  event: z.string(),
  receivedAtMs: z.number(),
  auditKey: z.string(),
  bodyBytes: z.number(),
  partId: z.string(),
  body: z.string().optional(),
  parts: z.number().int().positive().optional(),
});
type Entry = z.infer<typeof EntrySchema>;

export interface NewDelivery {
  integrationId: string;
  deliveryId: string;
  event: string;
  receivedAtMs: number;
  auditKey: string;
  rawBody: string;
}

async function batchSet(items: { key: string; value: unknown }[]): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) {
    const result = await kvs.batchSet(items.slice(i, i + BATCH));
    const failed = result.failedKeys[0];
    if (failed) {
      throw new StorageError(
        codeForItemError(failed.error.code),
        `could not store delivery part ${failed.key}: ${failed.error.message}`,
      );
    }
  }
}

export async function enqueueDelivery(delivery: NewDelivery): Promise<void> {
  const partId = randomBytes(8).toString('hex');
  const bodyBytes = Buffer.byteLength(delivery.rawBody, 'utf8');
  const { rawBody, ...meta } = delivery;
  const entry: Entry = { ...meta, bodyBytes, partId };
  if (Buffer.byteLength(JSON.stringify(rawBody), 'utf8') <= INLINE_LIMIT) {
    entry.body = rawBody;
  } else {
    const bytes = Buffer.from(rawBody, 'utf8');
    const parts: { key: string; value: string }[] = [];
    for (let offset = 0; offset < bytes.length; offset += PART_BYTES)
      parts.push({
        key: keys.gitInboxPart(partId, parts.length),
        value: bytes.subarray(offset, offset + PART_BYTES).toString('base64'),
      });
    await batchSet(parts);
    entry.parts = parts.length;
  }
  await kvs.set(keys.gitInbox(delivery.receivedAtMs, partId), entry);
}

const partKeys = (entry: Entry): string[] =>
  Array.from({ length: entry.parts ?? 0 }, (_, i) => keys.gitInboxPart(entry.partId, i));

export class KvsDeliveryInbox implements DeliveryInbox {
  private readonly entries = new Map<string, Entry>();

  async peek(limit: number): Promise<InboxDelivery[]> {
    const out: InboxDelivery[] = [];
    let cursor: string | undefined;
    do {
      let query = kvs
        .query()
        .where('key', WhereConditions.beginsWith(keys.gitInboxPrefix()))
        .limit(Math.min(100, limit - out.length));
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      for (const item of page.results) {
        const entry = EntrySchema.safeParse(item.value);
        // A damaged entry would block the inbox forever; it goes, and says so in the function log.
        if (!entry.success) {
          console.warn(`dropping an unreadable inbox entry ${item.key}`);
          await kvs.delete(item.key);
          continue;
        }
        this.entries.set(item.key, entry.data);
        out.push({
          ref: item.key,
          integrationId: entry.data.integrationId,
          deliveryId: entry.data.deliveryId,
          event: entry.data.event,
          receivedAtMs: entry.data.receivedAtMs,
          auditRef: entry.data.auditKey,
          bodyBytes: entry.data.bodyBytes,
        });
      }
      cursor = page.nextCursor;
    } while (cursor && out.length < limit);
    return out;
  }

  async body(delivery: InboxDelivery): Promise<string> {
    const entry = this.entries.get(delivery.ref);
    if (!entry) throw new Error(`inbox entry ${delivery.ref} was not read first`);
    if (entry.body !== undefined) return entry.body;
    const chunks: Buffer[] = [];
    const wanted = partKeys(entry);
    for (let i = 0; i < wanted.length; i += BATCH) {
      const got = await kvs.batchGet<string>(wanted.slice(i, i + BATCH).map((key) => ({ key })));
      const byKey = new Map(got.successfulKeys.map((g) => [g.key, g.value]));
      for (const key of wanted.slice(i, i + BATCH)) {
        const value = byKey.get(key);
        if (typeof value !== 'string')
          throw new StorageError('corrupt_record', `delivery part ${key} is missing`);
        chunks.push(Buffer.from(value, 'base64'));
      }
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async remove(deliveries: readonly InboxDelivery[]): Promise<void> {
    const doomed = deliveries.flatMap((d) => {
      const entry = this.entries.get(d.ref);
      this.entries.delete(d.ref);
      return [d.ref, ...(entry ? partKeys(entry) : [])];
    });
    for (let i = 0; i < doomed.length; i += BATCH) {
      await kvs.batchDelete(doomed.slice(i, i + BATCH).map((key) => ({ key })));
    }
  }
}

/** How many deliveries wait (up to `cap`), for the health report and the schedule's sweep. */
export async function inboxSize(cap = 100): Promise<number> {
  const page = await kvs
    .query()
    .where('key', WhereConditions.beginsWith(keys.gitInboxPrefix()))
    .limit(cap)
    .getMany();
  return page.results.length;
}
