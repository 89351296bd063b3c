/**
 * SyncStateStore on Forge KVS. Layout (see keys.ts): one record per pair, one index entry per linked
 * issue and side pointing at its pair, one record per connection state, one lease key per lock.
 *
 * Calls are what the Forge rate limits count, so lookups for many issues are two batch reads (index
 * entries, then pairs) per 25 ids rather than two gets per id, and a pair and its index entries are
 * written in one transaction so a crash never leaves an index entry without its pair.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { Side } from '../../core/model';
import type { Lease, LockInfo, Page, SyncStateStore } from '../../core/ports';
import { emptyConnectionState, type ConnectionState, type LinkedPair } from '../../core/state';
import { keys } from './keys';
import { readLease, tryLease } from './kvs-lock';
import { assertValueFits, codeForItemError, StorageError, type ItemFailure } from './storage-error';
import { readHeldPlanParts, writeHeldPlanParts } from './held-plan-parts';
import { ConnectionStateRecord, LinkedPairRecord, parseStored } from './stored-records';

/** Forge's per-call ceiling for batchGet/batchSet/batchDelete. */
export const BATCH_LIMIT = 25;
const DEFAULT_PAGE_SIZE = 50;
const SIDES: readonly Side[] = ['local', 'remote'];
const PairIdRecord = z.string().min(1);
/** A state record whose held plan lives in parts: just enough to find them. */
const StoredPartsSchema = z.looseObject({
  heldPlanParts: z.number().int().min(0).optional(),
  heldPlan: z.looseObject({ connectionId: z.string(), id: z.string() }),
});

export interface KvsSyncStateStoreOptions {
  /** Pairs per listPairs page (1–100). */
  pageSize?: number;
  /** The time written into lock holders (Activity reads it); the platform clock by default. */
  now?: () => Date;
}

export class KvsSyncStateStore implements SyncStateStore {
  private readonly pageSize: number;
  private readonly now: () => Date;

  constructor(options: KvsSyncStateStoreOptions = {}) {
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.now = options.now ?? (() => new Date());
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
      throw new RangeError(`pageSize must be an integer from 1 to 100, got ${pageSize}`);
    }
    this.pageSize = pageSize;
  }

  /** Plans whose parts this store already wrote, with their part count: the head changes often, parts never. */
  private readonly writtenPlans = new Map<string, number>();

  async getConnectionState(connectionId: string): Promise<ConnectionState> {
    const key = keys.connectionState(connectionId);
    const value: unknown = await kvs.get(key);
    if (value === undefined) return emptyConnectionState(connectionId);
    const stored = StoredPartsSchema.safeParse(value);
    if (!stored.success || stored.data.heldPlanParts === undefined)
      return parseStored(ConnectionStateRecord, value, key);
    const { heldPlanParts, heldPlan, ...rest } = stored.data;
    const items = await readHeldPlanParts(heldPlan, heldPlanParts);
    const state = parseStored(ConnectionStateRecord, { ...rest, heldPlan: { ...heldPlan, ...items } }, key);
    if (state.heldPlan) this.writtenPlans.set(state.heldPlan.id, heldPlanParts);
    return state;
  }

  async putConnectionState(state: ConnectionState): Promise<void> {
    const key = keys.connectionState(state.connectionId);
    let record: ConnectionState & { heldPlanParts?: number } = state;
    if (state.heldPlan) {
      const known = this.writtenPlans.get(state.heldPlan.id);
      const { head, parts } =
        known === undefined
          ? await writeHeldPlanParts(state.heldPlan)
          : { head: { ...state.heldPlan, mutations: [], bookkeeping: [], pairs: [] }, parts: known };
      this.writtenPlans.set(state.heldPlan.id, parts);
      record = { ...state, heldPlan: head, heldPlanParts: parts };
    }
    assertValueFits(key, record);
    await kvs.set(key, record);
  }

  async getPair(connectionId: string, pairId: string): Promise<LinkedPair | undefined> {
    const key = keys.pair(connectionId, pairId);
    const value: unknown = await kvs.get(key);
    return value === undefined ? undefined : parseStored(LinkedPairRecord, value, key);
  }

  async findPairBySide(connectionId: string, side: Side, issueId: string): Promise<LinkedPair | undefined> {
    const indexKey = keys.sideIndex(connectionId, side, issueId);
    const pairId: unknown = await kvs.get(indexKey);
    if (pairId === undefined) return undefined;
    const pair = await this.getPair(connectionId, parseStored(PairIdRecord, pairId, indexKey));
    return pair !== undefined && isPairOf(pair, side, issueId) ? pair : undefined;
  }

  async findPairsBySide(
    connectionId: string,
    side: Side,
    issueIds: readonly string[],
  ): Promise<Map<string, LinkedPair>> {
    const found = new Map<string, LinkedPair>();
    for (const chunk of chunksOf([...new Set(issueIds)], BATCH_LIMIT)) {
      const indexKeyOf = new Map(chunk.map((id) => [id, keys.sideIndex(connectionId, side, id)]));
      const index = await batchRead([...indexKeyOf.values()]);
      const pairKeyOf = new Map<string, string>();
      for (const [issueId, indexKey] of indexKeyOf) {
        const pairId = index.get(indexKey);
        if (pairId !== undefined) {
          pairKeyOf.set(issueId, keys.pair(connectionId, parseStored(PairIdRecord, pairId, indexKey)));
        }
      }
      // Two issues never share a pair, but a batch with a repeated key fails as a whole: dedupe anyway.
      const pairs = await batchRead([...new Set(pairKeyOf.values())]);
      for (const [issueId, pairKey] of pairKeyOf) {
        const value = pairs.get(pairKey);
        if (value === undefined) continue;
        const pair = parseStored(LinkedPairRecord, value, pairKey);
        if (isPairOf(pair, side, issueId)) found.set(issueId, pair);
      }
    }
    return found;
  }

  async putPair(pair: LinkedPair): Promise<void> {
    const pairKey = keys.pair(pair.connectionId, pair.pairId);
    assertValueFits(pairKey, pair);
    const tx = kvs.transact().set(pairKey, pair);
    for (const side of SIDES) {
      const ref = pair[side];
      if (ref !== undefined) tx.set(keys.sideIndex(pair.connectionId, side, ref.id), pair.pairId);
    }
    await tx.execute();
  }

  async listPairs(connectionId: string, pageToken?: string): Promise<Page<LinkedPair>> {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(keys.pairPrefix(connectionId)))
      .limit(this.pageSize);
    if (pageToken !== undefined) query = query.cursor(pageToken);
    const page = await query.getMany<unknown>();
    const items = page.results.map((r) => parseStored(LinkedPairRecord, r.value, r.key));
    return page.nextCursor === undefined ? { items } : { items, next: page.nextCursor };
  }

  tryLock(connectionId: string, pairId: string, ttlMs: number): Promise<Lease | undefined> {
    return tryLease(keys.lock(connectionId, pairId), ttlMs, this.now);
  }

  readLock(connectionId: string, pairId: string): Promise<LockInfo | undefined> {
    return readLease(keys.lock(connectionId, pairId));
  }
}

/**
 * An index entry can outlive a re-link (the pair now holds another issue on that side); trusting it would
 * hand the engine the wrong pair, so the pair itself has the last word.
 */
const isPairOf = (pair: LinkedPair, side: Side, issueId: string): boolean => pair[side]?.id === issueId;

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One batchGet; missing keys are simply absent, any other per-item failure throws. */
async function batchRead(batchKeys: readonly string[]): Promise<Map<string, unknown>> {
  const values = new Map<string, unknown>();
  if (batchKeys.length === 0) return values;
  const result = await kvs.batchGet<unknown>(batchKeys.map((key) => ({ key })));
  for (const item of result.successfulKeys) values.set(item.key, item.value);
  const failures: ItemFailure[] = result.failedKeys
    .filter((f) => f.error.code !== 'KEY_NOT_FOUND')
    .map((f) => ({ key: f.key, code: f.error.code, message: f.error.message }));
  const first = failures[0];
  if (first !== undefined) {
    throw new StorageError(
      codeForItemError(first.code),
      `batch read failed for ${failures.length} of ${batchKeys.length} keys, first ${first.key}: ${first.code} ${first.message}`,
      failures,
    );
  }
  return values;
}
