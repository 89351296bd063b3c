/**
 * Value maps translate between the two trackers' vocabularies ("Done" ↔ "closed"). The first matching row
 * wins, in either direction, and "*" matches anything, as in trackersync's tables.
 */
import type { Json } from './model';
import { WILDCARD, type ValueMap } from './schema/rules';
import { sameValue } from './values';

const matches = (pattern: Json, value: Json | undefined) => pattern === WILDCARD || sameValue(pattern, value);

function translate(
  map: ValueMap | undefined,
  value: Json | undefined,
  from: 'local' | 'remote',
): Json | undefined {
  if (!map || map.length === 0) return value;
  const to = from === 'local' ? 'remote' : 'local';
  // Map each element of a list on its own, so labels can be renamed one by one.
  if (Array.isArray(value)) return value.map((v) => translate(map, v, from) ?? v);
  const row = map.find((r) => matches(r[from], value));
  if (!row) return value;
  // A wildcard target keeps the value as it is.
  return row[to] === WILDCARD ? value : row[to];
}

export const localToRemote = (map: ValueMap | undefined, v: Json | undefined) => translate(map, v, 'local');
export const remoteToLocal = (map: ValueMap | undefined, v: Json | undefined) => translate(map, v, 'remote');
