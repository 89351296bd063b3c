/**
 * A held plan can hold thousands of mutations, far more than one KVS value (240 KiB) takes. Its items are
 * stored in parts of at most PART_BYTES under their own keys, each with a TTL so a plan nobody approves
 * does not stay forever; the connection state keeps the plan's head and the number of parts.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import type { SyncPlan } from '../../core/plan';
import { keys } from './keys';
import { StorageError } from './storage-error';

const PART_BYTES = 200 * 1024;
const PART_TTL = { value: 30, unit: 'DAYS' as const };

type Item =
  | { m: SyncPlan['mutations'][number] }
  | { b: SyncPlan['bookkeeping'][number] }
  | { p: SyncPlan['pairs'][number] };

/** Writes the plan's items in parts and returns the head to keep in the connection state. */
export async function writeHeldPlanParts(plan: SyncPlan): Promise<{ head: SyncPlan; parts: number }> {
  const items: Item[] = [
    ...plan.mutations.map((m) => ({ m })),
    ...plan.bookkeeping.map((b) => ({ b })),
    ...plan.pairs.map((p) => ({ p })),
  ];
  const parts: Item[][] = [[]];
  let size = 0;
  for (const item of items) {
    const bytes = Buffer.byteLength(JSON.stringify(item), 'utf8');
    if (size + bytes > PART_BYTES && (parts.at(-1)?.length ?? 0) > 0) {
      parts.push([]);
      size = 0;
    }
    parts.at(-1)?.push(item);
    size += bytes;
  }
  // One at a time: a batch call carries at most 4 MB, and parts are large by design.
  for (const [i, part] of parts.entries()) {
    await kvs.set(keys.heldPlanPart(plan.connectionId, plan.id, i), part, { ttl: PART_TTL });
  }
  return { head: { ...plan, mutations: [], bookkeeping: [], pairs: [] }, parts: parts.length };
}

const PartSchema = z.array(
  z.union([
    z.strictObject({ m: z.unknown() }),
    z.strictObject({ b: z.unknown() }),
    z.strictObject({ p: z.unknown() }),
  ]),
);

/**
 * Puts the plan's items back together, unchecked: the caller parses the whole state with its schema, so a
 * damaged part is reported like any other corrupt record.
 */
export async function readHeldPlanParts(
  head: { connectionId: string; id: string },
  parts: number,
): Promise<{ mutations: unknown[]; bookkeeping: unknown[]; pairs: unknown[] }> {
  const out = { mutations: [] as unknown[], bookkeeping: [] as unknown[], pairs: [] as unknown[] };
  for (let i = 0; i < parts; i++) {
    const key = keys.heldPlanPart(head.connectionId, head.id, i);
    const part = PartSchema.safeParse(await kvs.get(key));
    if (!part.success) {
      throw new StorageError(
        'corrupt_record',
        `held plan ${head.id} is missing part ${i} (${key}); discard it and run again`,
      );
    }
    for (const item of part.data) {
      if ('m' in item) out.mutations.push(item.m);
      else if ('b' in item) out.bookkeeping.push(item.b);
      else out.pairs.push(item.p);
    }
  }
  return out;
}
