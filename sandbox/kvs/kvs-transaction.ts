/**
 * /transaction: all operations apply or none does. Everything is validated and every condition checked
 * before the first write. Limits from the Forge docs: at most 25 operations, each key once, 4 MB.
 *
 * Conditions (on set, delete and check) exist only for custom entities, as in @forge/kvs, and are read
 * against the current value; a missing entity has no attributes, so NOT_EXISTS holds and EQUAL_TO fails.
 * A failed condition answers 409 CONDITIONAL_CHECK_FAILED: the real code is not documented.
 */
import { passesFilters } from './kvs-conditions';
import type { Filters, TransactionRequest } from './kvs-requests';
import {
  checkEntityName,
  checkKey,
  checkKeyList,
  KVS_LIMITS,
  KvsHttpError,
  ttlToMs,
  type KvsResult,
} from './kvs-rules';
import { checkSet } from './kvs-single-ops';
import { entitySpace, PLAIN, type KvsTable } from './kvs-table';

interface Target {
  key: string;
  entityName?: string | undefined;
  conditions?: Filters | undefined;
}

function spaceOf(t: Target): string {
  if (t.entityName === undefined) {
    if (t.conditions !== undefined) {
      throw new KvsHttpError(400, 'BAD_REQUEST', `Conditions need an entity; key ${t.key} has none`);
    }
    return PLAIN;
  }
  checkEntityName(t.entityName);
  return entitySpace(t.entityName);
}

function checkShape(req: TransactionRequest): void {
  const all: Target[] = [...(req.set ?? []), ...(req.delete ?? []), ...(req.check ?? [])];
  checkKeyList('A transaction', all, KVS_LIMITS.maxTransactionOps, req);
}

function checkCondition(table: KvsTable, t: Target, space: string): void {
  if (t.conditions === undefined) return;
  if (!passesFilters(t.conditions, table.get(space, t.key)?.value)) {
    throw new KvsHttpError(409, 'CONDITIONAL_CHECK_FAILED', `Condition failed for key ${t.key}`);
  }
}

export function transactionOp(table: KvsTable, req: TransactionRequest): KvsResult {
  checkShape(req);
  const sets = (req.set ?? []).map((s) => ({ ...s, space: spaceOf(s) }));
  const deletes = (req.delete ?? []).map((d) => ({ ...d, space: spaceOf(d) }));
  for (const s of sets) {
    checkSet(table, s.space, s.key, s.value, s.options);
    checkCondition(table, s, s.space);
  }
  for (const d of deletes) {
    checkKey(d.key);
    checkCondition(table, d, d.space);
  }
  for (const c of req.check ?? []) {
    if (c.entityName === undefined)
      throw new KvsHttpError(400, 'BAD_REQUEST', `check on ${c.key} needs an entity`);
    checkKey(c.key);
    checkCondition(table, c, spaceOf(c));
  }
  for (const s of sets) {
    table.put(s.space, s.key, s.value, s.options?.ttl === undefined ? undefined : ttlToMs(s.options.ttl));
  }
  for (const d of deletes) table.delete(d.space, d.key);
  return { status: 200 };
}
