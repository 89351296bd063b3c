/**
 * Every key under a prefix, read page by page. A KVS query answers at most 100 results a page (10 when no
 * limit is given) and a cursor while more remain (sandbox/kvs/kvs-rules.ts has the documented figures), so
 * a reader that forgets the cursor silently sees only the first page: one helper gets it right for all.
 */
import { kvs, WhereConditions } from '@forge/kvs';

/** The most a KVS query may ask for in one page. */
export const KVS_QUERY_PAGE = 100;

export interface StoredEntry {
  key: string;
  value: unknown;
}

/** One page of the keys under `prefix`, in key order, from `cursor` (the first page without one). */
export async function pageUnder(
  prefix: string,
  cursor?: string,
): Promise<{ results: StoredEntry[]; nextCursor: string | undefined }> {
  let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(KVS_QUERY_PAGE);
  if (cursor !== undefined) query = query.cursor(cursor);
  const page = await query.getMany();
  return { results: page.results, nextCursor: page.nextCursor };
}

/** Every key under `prefix` with its value, following the cursor to the last page. */
export async function allUnder(prefix: string): Promise<StoredEntry[]> {
  const out: StoredEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await pageUnder(prefix, cursor);
    out.push(...page.results);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
