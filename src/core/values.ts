/**
 * Comparing and fingerprinting field values. Lists of plain values (labels, components) compare as sets,
 * because trackers reorder them and an order change is not an edit anyone made.
 */
import { createHash } from 'node:crypto';
import type { Json } from './model';

export const isEmpty = (v: Json | undefined): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** JSON with object keys sorted, so equal values serialise equally. */
export function stableStringify(v: Json | undefined): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(v[k])}`).join(',')}}`;
}

const isScalarList = (v: Json | undefined): v is (string | number | boolean)[] =>
  Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null);

export function sameValue(a: Json | undefined, b: Json | undefined): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (isScalarList(a) && isScalarList(b)) {
    const sa = [...new Set(a.map((x) => JSON.stringify(x)))].sort();
    const sb = [...new Set(b.map((x) => JSON.stringify(x)))].sort();
    return sa.length === sb.length && sa.every((x, i) => x === sb[i]);
  }
  return stableStringify(a) === stableStringify(b);
}

export const hashValue = (v: Json | undefined): string =>
  createHash('sha256').update(stableStringify(v)).digest('base64url').slice(0, 22);

/** The readable text of a value: a string as is, ADF by its text nodes, anything else as JSON. */
export function plainText(v: Json | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return v.map(plainText).join('');
  const text = v.text;
  if (typeof text === 'string') return text;
  const content = v.content;
  if (Array.isArray(content)) {
    const inner = content.map(plainText).join('');
    return v.type === 'paragraph' || v.type === 'heading' ? `${inner}\n` : inner;
  }
  return '';
}

/** Three-way merge of two edited sets: what either side added, minus what either side removed. */
export function mergeSets(base: Json | undefined, local: Json | undefined, remote: Json | undefined): Json[] {
  const asList = (v: Json | undefined): Json[] =>
    Array.isArray(v) ? v : v === undefined || isEmpty(v) ? [] : [v];
  const key = (x: Json) => stableStringify(x);
  const baseKeys = new Set(asList(base).map(key));
  const removed = new Set(
    [...baseKeys].filter(
      (k) => !asList(local).some((x) => key(x) === k) || !asList(remote).some((x) => key(x) === k),
    ),
  );
  const out = new Map<string, Json>();
  for (const x of [...asList(local), ...asList(remote)]) {
    const k = key(x);
    if (!removed.has(k)) out.set(k, x);
  }
  return [...out.values()];
}
