/**
 * An in-memory Forge KVS that answers the HTTP endpoints exactly as the real @forge/kvs package calls them
 * (POST /api/v1/<op> with a JSON body). Tests reach it through `__forge_fetch__` (test/fakes/
 * install-forge-fetch.ts); the sandbox host serves it and persists it with `toJSON()` / `load()`.
 *
 * Time comes from an injected clock so TTL expiry is tested by advancing it. `opCounts` counts calls by
 * endpoint, because the number of calls is what Forge rate-limits and what the store is built to save.
 */
import { z } from 'zod';
import { batchDeleteOp, batchGetOp, batchSetOp } from './kvs-batch-ops';
import { entityQueryOp, queryOp, type EntityIndexes } from './kvs-query-ops';
import * as req from './kvs-requests';
import { checkEntityName, errorResult, KvsHttpError, type KvsResult } from './kvs-rules';
import { deleteOp, getOp, setOp } from './kvs-single-ops';
import { entitySpace, KvsTable, PLAIN, SECRET, type KvsSnapshot } from './kvs-table';
import { transactionOp } from './kvs-transaction';

export type { KvsResult } from './kvs-rules';
export type { KvsSnapshot } from './kvs-table';
export type { EntityIndex, EntityIndexes } from './kvs-query-ops';
export { KVS_LIMITS } from './kvs-rules';

export const KVS_PATH_PREFIX = '/api/v1/';

export interface KvsServiceOptions {
  /** Milliseconds since the epoch; defaults to Date.now. */
  now?: () => number;
  /** Custom entity indexes, shaped like the manifest's `storage.entities[].indexes`. */
  entityIndexes?: EntityIndexes;
  /** Called after each request that may have changed data, so a host can persist `toJSON()`. */
  onChange?: () => void;
}

type Route = (table: KvsTable, body: unknown) => KvsResult;

const entity = (name: string): string => {
  checkEntityName(name);
  return entitySpace(name);
};

const MUTATING: ReadonlySet<string> = new Set([
  'set',
  'delete',
  'batch/set',
  'batch/delete',
  'secret/set',
  'secret/delete',
  'entity/set',
  'entity/delete',
  'transaction',
]);

export class KvsService {
  private readonly table: KvsTable;
  private readonly counts = new Map<string, number>();
  private readonly routes: ReadonlyMap<string, Route>;

  constructor(private readonly options: KvsServiceOptions = {}) {
    this.table = new KvsTable(options.now ?? Date.now);
    const indexes = options.entityIndexes ?? {};
    const single = (space: string): Record<'get' | 'set' | 'delete', Route> => ({
      get: (t, b) => {
        const r = req.getRequest.parse(b);
        return getOp(t, space, r.key, r.options?.metadataFields);
      },
      set: (t, b) => {
        const r = req.setRequest.parse(b);
        return setOp(t, space, r.key, r.value, r.options);
      },
      delete: (t, b) => deleteOp(t, space, req.deleteRequest.parse(b).key),
    });
    const plain = single(PLAIN);
    const secret = single(SECRET);
    this.routes = new Map<string, Route>([
      ['get', plain.get],
      ['set', plain.set],
      ['delete', plain.delete],
      ['query', (t, b) => queryOp(t, req.queryRequest.parse(b))],
      ['secret/get', secret.get],
      ['secret/set', secret.set],
      ['secret/delete', secret.delete],
      ['batch/set', (t, b) => batchSetOp(t, req.batchSetRequest.parse(b))],
      ['batch/get', (t, b) => batchGetOp(t, req.batchGetRequest.parse(b))],
      ['batch/delete', (t, b) => batchDeleteOp(t, req.batchDeleteRequest.parse(b))],
      [
        'entity/get',
        (t, b) => {
          const r = req.entityGetRequest.parse(b);
          return getOp(t, entity(r.entityName), r.key, r.options?.metadataFields);
        },
      ],
      [
        'entity/set',
        (t, b) => {
          const r = req.entitySetRequest.parse(b);
          return setOp(t, entity(r.entityName), r.key, r.value, r.options);
        },
      ],
      [
        'entity/delete',
        (t, b) => {
          const r = req.entityDeleteRequest.parse(b);
          return deleteOp(t, entity(r.entityName), r.key);
        },
      ],
      ['entity/query', (t, b) => entityQueryOp(t, indexes, req.entityQueryRequest.parse(b))],
      ['transaction', (t, b) => transactionOp(t, req.transactionRequest.parse(b))],
    ]);
  }

  /** Answers one request. `path` is what the package passes, e.g. `/api/v1/batch/get`. */
  handle(path: string, body: unknown): KvsResult {
    const op = path.startsWith(KVS_PATH_PREFIX) ? path.slice(KVS_PATH_PREFIX.length) : path;
    const route = this.routes.get(op);
    if (route === undefined) {
      return { status: 404, body: { code: 'NOT_FOUND', message: `No KVS endpoint ${path}` } };
    }
    this.counts.set(op, (this.counts.get(op) ?? 0) + 1);
    try {
      const result = route(this.table, body);
      if (MUTATING.has(op) && result.status < 300) this.options.onChange?.();
      return result;
    } catch (err) {
      if (err instanceof KvsHttpError) return errorResult(err);
      if (err instanceof z.ZodError) {
        const message = `Provided request body is invalid: ${z.prettifyError(err)}`;
        return { status: 400, body: { code: 'BAD_REQUEST', message } };
      }
      throw err;
    }
  }

  /** Calls so far by endpoint (`get`, `batch/get`, `transaction`, …), failed calls included. */
  get opCounts(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.counts);
  }

  /** Total calls, optionally only for the given endpoints. */
  calls(...ops: string[]): number {
    let total = 0;
    for (const [op, n] of this.counts) if (ops.length === 0 || ops.includes(op)) total += n;
    return total;
  }

  resetOpCounts(): void {
    this.counts.clear();
  }

  toJSON(): KvsSnapshot {
    return this.table.snapshot();
  }

  /** Replaces all data with a snapshot from `toJSON()`; throws if it does not parse. */
  load(snapshot: unknown): void {
    this.table.load(snapshot);
  }
}
