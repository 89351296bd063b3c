/**
 * query (plain keys, in key order) and entity/query (through an index declared like the manifest's
 * `storage.entities`). A `cursor` comes back only when more results exist. Plain-query cursors name the
 * last key returned, so pages stay correct while keys are added or removed between calls.
 */
import type { z } from 'zod';
import { attribute, matches, passesFilters } from './kvs-conditions';
import type { entityQueryRequest, MetadataField, queryRequest } from './kvs-requests';
import { checkEntityName, KvsHttpError, pageLimit, type KvsResult } from './kvs-rules';
import { itemBody } from './kvs-single-ops';
import { entitySpace, PLAIN, type Entry, type KvsTable } from './kvs-table';

/** An index of a custom entity: the attribute it ranges over and the attributes that partition it. */
export interface EntityIndex {
  range: string;
  partition?: readonly string[];
}
export type EntityIndexes = Readonly<Record<string, Readonly<Record<string, EntityIndex>>>>;

const encode = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');
const decode = (s: string): string => Buffer.from(s, 'base64url').toString('utf8');

function page(
  rows: [string, Entry][],
  limit: number,
  fields: readonly MetadataField[] | undefined,
  cursorOf: (i: number) => string,
): KvsResult {
  const shown = rows.slice(0, limit);
  const body: Record<string, unknown> = { data: shown.map(([key, entry]) => itemBody(key, entry, fields)) };
  if (rows.length > limit) body['cursor'] = cursorOf(limit - 1);
  return { status: 200, body };
}

export function queryOp(table: KvsTable, req: z.infer<typeof queryRequest>): KvsResult {
  const limit = pageLimit(req.limit);
  const after = req.after === undefined ? undefined : decode(req.after);
  const rows = table
    .list(PLAIN)
    .filter(([key]) => after === undefined || key > after)
    .filter(([key]) => (req.where ?? []).every((w) => matches(w, key)));
  return page(rows, limit, req.options?.metadataFields, (i) => encode(rows[i]?.[0] ?? ''));
}

export function entityQueryOp(
  table: KvsTable,
  indexes: EntityIndexes,
  req: z.infer<typeof entityQueryRequest>,
): KvsResult {
  checkEntityName(req.entityName);
  const index = indexes[req.entityName]?.[req.indexName];
  if (index === undefined) {
    throw new KvsHttpError(400, 'INDEX_NOT_FOUND', `Entity ${req.entityName} has no index ${req.indexName}`);
  }
  const partition = index.partition ?? [];
  if ((req.partition ?? []).length !== partition.length) {
    throw new KvsHttpError(
      400,
      'BAD_REQUEST',
      `Index ${req.indexName} is partitioned by [${partition.join(', ')}]`,
    );
  }
  const limit = pageLimit(req.limit);
  const offset = req.cursor === undefined ? 0 : Number(decode(req.cursor));
  if (!Number.isInteger(offset) || offset < 0)
    throw new KvsHttpError(400, 'INVALID_CURSOR', 'Unknown cursor');
  const rangeOf = (entry: Entry): unknown => attribute(entry.value, index.range);
  const rows = table
    .list(entitySpace(req.entityName))
    // An item without the range attribute is not in the index at all.
    .filter(([, e]) => rangeOf(e) !== undefined)
    .filter(([, e]) => partition.every((p, i) => attribute(e.value, p) === req.partition?.[i]))
    .filter(([, e]) => req.range === undefined || matches(req.range, rangeOf(e)))
    .filter(([, e]) => passesFilters(req.filters, e.value))
    .sort(([ka, a], [kb, b]) => byRangeThenKey(rangeOf(a), ka, rangeOf(b), kb));
  if (req.sort === 'DESC') rows.reverse();
  return page(rows.slice(offset), limit, req.options?.metadataFields, (i) => encode(String(offset + i + 1)));
}

function byRangeThenKey(ra: unknown, ka: string, rb: unknown, kb: string): number {
  if (typeof ra === 'number' && typeof rb === 'number' && ra !== rb) return ra - rb;
  const sa = String(ra);
  const sb = String(rb);
  if (sa !== sb) return sa < sb ? -1 : 1;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
