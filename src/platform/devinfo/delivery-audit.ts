/**
 * The audit log of recent deliveries per integration, for the settings page: what arrived, when, and
 * what became of it. One record per delivery, keyed newest first; bounded twice: records expire after
 * 7 days, and each integration is trimmed to its newest 200 by the drain that processed its deliveries
 * and by the five-minute sweep (which also catches a flood of refused ones).
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { randomBytes } from 'node:crypto';
import { DeliveryRecordSchema, type DeliveryRecord } from '../../core/devinfo/integration';
import type { DeliveryAudit, DeliveryResult, InboxDelivery } from '../../core/devinfo/ports';
import { keys } from '../kvs/keys';

const TTL = { value: 7, unit: 'DAYS' } as const;
export const AUDIT_KEEP = 200;

export async function recordDelivery(record: DeliveryRecord): Promise<string> {
  const key = keys.gitAudit(
    record.integrationId,
    Date.parse(record.receivedAt),
    randomBytes(4).toString('hex'),
  );
  await kvs.set(key, DeliveryRecordSchema.parse(record), { ttl: TTL });
  return key;
}

export async function recentDeliveries(integrationId: string, limit: number): Promise<DeliveryRecord[]> {
  const page = await kvs
    .query()
    .where('key', WhereConditions.beginsWith(keys.gitAuditPrefix(integrationId)))
    .limit(Math.min(100, limit))
    .getMany();
  return page.results.flatMap((item) => {
    const parsed = DeliveryRecordSchema.safeParse(item.value);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Deletes all but the newest `keep` records of an integration (all of them with keep 0). */
export async function trimAudit(integrationId: string, keep = AUDIT_KEEP): Promise<number> {
  let seen = 0;
  let deleted = 0;
  let cursor: string | undefined;
  do {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(keys.gitAuditPrefix(integrationId)))
      .limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    const doomed = page.results.slice(Math.max(0, keep - seen)).map((r) => ({ key: r.key }));
    seen += page.results.length;
    for (let i = 0; i < doomed.length; i += 25) await kvs.batchDelete(doomed.slice(i, i + 25));
    deleted += doomed.length;
    cursor = page.nextCursor;
  } while (cursor);
  return deleted;
}

export const kvsDeliveryAudit: DeliveryAudit = {
  async complete(delivery: InboxDelivery, result: DeliveryResult) {
    const known = DeliveryRecordSchema.safeParse(await kvs.get(delivery.auditRef));
    const base: DeliveryRecord = known.success
      ? known.data
      : {
          integrationId: delivery.integrationId,
          deliveryId: delivery.deliveryId,
          event: delivery.event,
          receivedAt: new Date(delivery.receivedAtMs).toISOString(),
          outcome: 'queued',
          httpStatus: 202,
        };
    const record: DeliveryRecord = { ...base, ...result, processedAt: new Date().toISOString() };
    await kvs.set(delivery.auditRef, DeliveryRecordSchema.parse(record), { ttl: TTL });
  },
};
