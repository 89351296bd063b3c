/**
 * Where-clauses, entity filters and transaction conditions, evaluated the way a range index compares:
 * numbers with numbers, strings with strings; a comparison across types never matches.
 */
import type { Condition, Filters } from './kvs-requests';

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

const cmp = (a: unknown, b: unknown, test: (n: number) => boolean): boolean => {
  const c = compare(a, b);
  return c !== undefined && test(c);
};

export function matches(cond: Condition, actual: unknown): boolean {
  const [first, second] = cond.values;
  switch (cond.condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(first));
    case 'BETWEEN':
      return cmp(actual, first, (c) => c >= 0) && cmp(actual, second, (c) => c <= 0);
    case 'EQUAL_TO':
      return actual === first;
    case 'NOT_EQUAL_TO':
      return actual !== first;
    case 'GREATER_THAN':
      return cmp(actual, first, (c) => c > 0);
    case 'GREATER_THAN_EQUAL_TO':
      return cmp(actual, first, (c) => c >= 0);
    case 'LESS_THAN':
      return cmp(actual, first, (c) => c < 0);
    case 'LESS_THAN_EQUAL_TO':
      return cmp(actual, first, (c) => c <= 0);
    case 'CONTAINS':
      return contains(actual, first);
    case 'NOT_CONTAINS':
      return !contains(actual, first);
  }
}

function contains(actual: unknown, needle: unknown): boolean {
  if (typeof actual === 'string') return actual.includes(String(needle));
  return Array.isArray(actual) && actual.includes(needle);
}

/** An attribute of a stored entity value; anything that is not an object has no attributes. */
export function attribute(value: unknown, property: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.entries(value).find(([k]) => k === property)?.[1];
}

/** `{ and: [...] }` needs every item to hold, `{ or: [...] }` at least one; an empty filter holds. */
export function passesFilters(filters: Filters | undefined, value: unknown): boolean {
  if (filters === undefined) return true;
  const holds = (f: Condition & { property: string }): boolean => matches(f, attribute(value, f.property));
  if (filters.and !== undefined && !filters.and.every(holds)) return false;
  if (filters.or !== undefined && filters.or.length > 0 && !filters.or.some(holds)) return false;
  return true;
}
