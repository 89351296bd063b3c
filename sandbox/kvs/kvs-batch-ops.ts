/**
 * batch/set, batch/get, batch/delete. A batch as a whole fails (400) when it is empty, over 25 items, or
 * names one key twice; otherwise each item succeeds or fails on its own and is reported in
 * `successfulKeys` / `failedKeys`, as the Forge documentation and the package's tests describe.
 */
import type { MetadataField, SetOptions } from './kvs-requests';
import {
  checkEntityName,
  checkKeyList,
  KVS_LIMITS,
  KvsHttpError,
  ttlToMs,
  type KvsResult,
} from './kvs-rules';
import { checkSet, itemBody, keyNotFound } from './kvs-single-ops';
import { entitySpace, PLAIN, type KvsTable } from './kvs-table';

interface BatchItem {
  key: string;
  entityName?: string | undefined;
}

const spaceOf = (item: BatchItem): string => {
  if (item.entityName === undefined) return PLAIN;
  checkEntityName(item.entityName);
  return entitySpace(item.entityName);
};

function checkBatch(items: readonly BatchItem[]): void {
  checkKeyList('A batch', items, KVS_LIMITS.maxBatchItems, items);
}

const ref = (item: BatchItem): { key: string; entityName?: string } =>
  item.entityName === undefined ? { key: item.key } : { key: item.key, entityName: item.entityName };

const failure = (item: BatchItem, err: unknown): Record<string, unknown> => {
  if (!(err instanceof KvsHttpError)) throw err;
  return { ...ref(item), error: { code: err.code, message: err.message } };
};

function eachItem<I extends BatchItem>(
  items: readonly I[],
  run: (item: I, space: string) => Record<string, unknown>,
): KvsResult {
  checkBatch(items);
  const successfulKeys: Record<string, unknown>[] = [];
  const failedKeys: Record<string, unknown>[] = [];
  for (const item of items) {
    try {
      successfulKeys.push(run(item, spaceOf(item)));
    } catch (err) {
      failedKeys.push(failure(item, err));
    }
  }
  return { status: 200, body: { successfulKeys, failedKeys } };
}

export const batchSetOp = (
  table: KvsTable,
  items: readonly (BatchItem & { value: unknown; options?: SetOptions | undefined })[],
): KvsResult =>
  eachItem(items, (item, space) => {
    // Batch items accept only a TTL; a key policy is a single-set feature.
    const ttl = item.options?.ttl;
    checkSet(table, space, item.key, item.value);
    table.put(space, item.key, item.value, ttl === undefined ? undefined : ttlToMs(ttl));
    return ref(item);
  });

export const batchGetOp = (
  table: KvsTable,
  items: readonly (BatchItem & { options?: { metadataFields?: MetadataField[] | undefined } | undefined })[],
): KvsResult =>
  eachItem(items, (item, space) => {
    const entry = table.get(space, item.key);
    if (entry === undefined) throw keyNotFound(item.key);
    const body = itemBody(item.key, entry, item.options?.metadataFields);
    return item.entityName === undefined ? body : { ...body, entityName: item.entityName };
  });

export const batchDeleteOp = (table: KvsTable, items: readonly BatchItem[]): KvsResult =>
  eachItem(items, (item, space) => {
    if (!table.delete(space, item.key)) throw keyNotFound(item.key);
    return ref(item);
  });
