/** Field values as one short line a person reads in a plan or a conflict: text, names, lists. */
import type { Json } from '../../core/model';
import { plainText } from '../../core/values';

const MAX = 80;

export function describeValue(value: Json | undefined): string {
  const text = readable(value).replace(/\s+/g, ' ').trim();
  if (text === '') return '(empty)';
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

function readable(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(readable).join(', ');
  if (typeof value !== 'object') return String(value);
  // A user, a status, a select option: the part people recognise; ADF documents by their text.
  for (const k of ['displayName', 'name', 'value', 'email', 'key'] as const) {
    const part = value[k];
    if (typeof part === 'string') return part;
  }
  return value.type === 'doc' ? plainText(value) : JSON.stringify(value);
}
