/**
 * Gropius' list fields as its schema declares them (`filter`, `orderBy`, `first`, `after`, `skip`): a filter
 * over the named fields, a keyset order with the id as the last key, and cursors that hold the sort key of
 * the last item, so an item edited while a reader pages moves behind the cursor instead of shifting the
 * pages under it. A filter or order field this server does not model is refused by name, never ignored.
 */
import { GraphQLError } from 'graphql';

export type Value = string | number | boolean | null;
/** Reads one field of an item by its filter/order name; undefined when the field is not modelled. */
export type Accessor<T> = (item: T, field: string) => Value | undefined;

interface ConnectionArgs {
  filter?: Record<string, unknown> | null;
  orderBy?: { field?: string; direction?: 'ASC' | 'DESC' }[] | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  skip?: number | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}T/;

function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string' && ISO.test(a) && ISO.test(b))
    return Date.parse(a) - Date.parse(b);
  return a < b ? -1 : 1;
}

function matchesOps(value: Value, ops: Record<string, unknown>, field: string): boolean {
  return Object.entries(ops).every(([op, arg]) => {
    if (arg === undefined || arg === null) return true;
    const a = arg as Value;
    switch (op) {
      case 'eq':
        return compare(value, a) === 0;
      case 'gt':
        return compare(value, a) > 0;
      case 'gte':
        return compare(value, a) >= 0;
      case 'lt':
        return compare(value, a) < 0;
      case 'lte':
        return compare(value, a) <= 0;
      case 'in':
        return (arg as Value[]).some((x) => compare(value, x) === 0);
      case 'isNull':
        return (value === null) === arg;
      case 'contains':
        return typeof value === 'string' && typeof arg === 'string' && value.includes(arg);
      case 'startsWith':
        return typeof value === 'string' && typeof arg === 'string' && value.startsWith(arg);
      case 'endsWith':
        return typeof value === 'string' && typeof arg === 'string' && value.endsWith(arg);
      default:
        throw new GraphQLError(`this Gropius sandbox does not model the "${op}" filter on ${field}`);
    }
  });
}

export function matches<T>(
  item: T,
  filter: Record<string, unknown> | null | undefined,
  read: Accessor<T>,
  special: Record<string, (item: T, arg: unknown) => boolean> = {},
): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, arg]) => {
    if (arg === undefined || arg === null) return true;
    if (key === 'and')
      return (arg as Record<string, unknown>[]).every((f) => matches(item, f, read, special));
    if (key === 'or') return (arg as Record<string, unknown>[]).some((f) => matches(item, f, read, special));
    if (key === 'not') return !matches(item, arg as Record<string, unknown>, read, special);
    const custom = special[key];
    if (custom) return custom(item, arg);
    const value = read(item, key);
    if (value === undefined)
      throw new GraphQLError(`this Gropius sandbox does not model filtering by ${key}`);
    return matchesOps(value, arg as Record<string, unknown>, key);
  });
}

const FIELD_NAMES: Record<string, string> = {
  ID: 'id',
  NAME: 'name',
  CREATED_AT: 'createdAt',
  LAST_MODIFIED_AT: 'lastModifiedAt',
  LAST_UPDATED_AT: 'lastUpdatedAt',
  TITLE: 'title',
  VALUE: 'value',
};

const encode = (key: Value[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
function decode(cursor: string): Value[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed)) return parsed as Value[];
  } catch {
    // falls through to the refusal
  }
  throw new GraphQLError(`invalid cursor "${cursor.slice(0, 40)}"`);
}

export function connection<T extends { id: string }>(
  all: readonly T[],
  args: ConnectionArgs,
  read: Accessor<T>,
  special: Record<string, (item: T, arg: unknown) => boolean> = {},
) {
  if (args.last != null || args.before != null)
    throw new GraphQLError('this Gropius sandbox pages forward only (first/after)');
  const order = [...(args.orderBy ?? []), { field: 'ID', direction: 'ASC' as const }].map((o) => {
    const name = FIELD_NAMES[o.field ?? 'ID'];
    if (name === undefined) throw new GraphQLError(`this Gropius sandbox does not order by ${o.field}`);
    return { name, sign: o.direction === 'DESC' ? -1 : 1 };
  });
  const keyOf = (item: T): Value[] =>
    order.map((o) => {
      const v = read(item, o.name);
      if (v === undefined) throw new GraphQLError(`this Gropius sandbox does not order by ${o.name}`);
      return v;
    });
  const byKey = (a: Value[], b: Value[]) => {
    for (const [i, o] of order.entries()) {
      const c = compare(a[i] ?? null, b[i] ?? null) * o.sign;
      if (c !== 0) return c;
    }
    return 0;
  };
  let items = all
    .filter((i) => matches(i, args.filter, read, special))
    .map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => byKey(a.key, b.key));
  const totalCount = items.length;
  if (args.after != null) {
    const after = decode(args.after);
    items = items.filter((i) => byKey(i.key, after) > 0);
  }
  if (args.skip != null && args.first != null) items = items.slice(args.skip);
  const hasNextPage = args.first != null && items.length > args.first;
  if (args.first != null) items = items.slice(0, args.first);
  const edges = items.map((i) => ({ node: i.item, cursor: encode(i.key) }));
  return {
    nodes: edges.map((e) => e.node),
    edges,
    totalCount,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: args.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
