/**
 * Deliveries refused before their sender was verified (401, 413) are kept apart from the audit of
 * verified ones: a tally and a ring of REFUSED_SAMPLES sample slots per integration. Whoever knows a
 * webhook URL can send unsigned POSTs; with fixed keys a flood overwrites its own samples, writes no
 * new key, and leaves the verified deliveries where they were.
 */
import { kvs } from '@forge/kvs';
import {
  DeliveryRecordSchema,
  REFUSED_SAMPLES,
  RefusalTallySchema,
  type DeliveryRecord,
  type RefusedDeliveries,
} from '../../core/devinfo/integration';
import { keys } from '../kvs/keys';

const TTL = { value: 7, unit: 'DAYS' } as const;

/** Counts the refusal and keeps it in the slot after the last one. */
export async function recordRefusal(record: DeliveryRecord): Promise<void> {
  const tallyKey = keys.gitRefusedTally(record.integrationId);
  const known = RefusalTallySchema.safeParse(await kvs.get(tallyKey));
  // Read, add one, write: refusals racing each other may count once (the answer says "at least").
  const count = known.success ? known.data.count + 1 : 1;
  const firstAt = known.success ? known.data.firstAt : record.receivedAt;
  await kvs.set(tallyKey, RefusalTallySchema.parse({ count, firstAt, lastAt: record.receivedAt }), {
    ttl: TTL,
  });
  const slot = (count - 1) % REFUSED_SAMPLES;
  await kvs.set(keys.gitRefusedSample(record.integrationId, slot), DeliveryRecordSchema.parse(record), {
    ttl: TTL,
  });
}

export async function refusedDeliveries(integrationId: string): Promise<RefusedDeliveries> {
  const tally = RefusalTallySchema.safeParse(await kvs.get(keys.gitRefusedTally(integrationId)));
  if (!tally.success) return { count: 0, samples: [] };
  const slots = Array.from({ length: REFUSED_SAMPLES }, (_, slot) =>
    keys.gitRefusedSample(integrationId, slot),
  );
  const samples = (await kvs.batchGet<unknown>(slots.map((key) => ({ key })))).successfulKeys.flatMap(
    (item) => {
      const parsed = DeliveryRecordSchema.safeParse(item.value);
      return parsed.success ? [parsed.data] : [];
    },
  );
  samples.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  return { ...tally.data, samples };
}

export async function deleteRefusals(integrationId: string): Promise<void> {
  const doomed = [
    keys.gitRefusedTally(integrationId),
    ...Array.from({ length: REFUSED_SAMPLES }, (_, slot) => keys.gitRefusedSample(integrationId, slot)),
  ].map((key) => ({ key }));
  await kvs.batchDelete(doomed);
}
