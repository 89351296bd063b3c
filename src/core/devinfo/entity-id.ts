/**
 * Development information ids may only hold `[A-Za-z0-9~.\-_]` and at most 1024 characters. Branch names
 * hold `/` and much more, so ids are escaped: every other byte of the UTF-8 form becomes `~XX` (hex), and
 * `~` itself is escaped, which keeps the mapping one-to-one (`a/b` and `a~2Fb` stay different). An id
 * that would still be too long keeps a prefix and ends in a hash of the whole name, so it stays unique.
 */
import { createHash } from 'node:crypto';

export const MAX_ENTITY_ID_LENGTH = 1024;
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9~.\-_]{1,1024}$/;

const PLAIN = /^[A-Za-z0-9.\-_]$/;
const HASH_SUFFIX_LENGTH = 1 + 40;

export function toEntityId(raw: string): string {
  if (raw.length === 0) throw new Error('a development information id must not be empty');
  let out = '';
  for (const ch of raw) {
    if (PLAIN.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) out += `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (out.length <= MAX_ENTITY_ID_LENGTH) return out;
  const digest = createHash('sha1').update(raw, 'utf8').digest('hex');
  return `${out.slice(0, MAX_ENTITY_ID_LENGTH - HASH_SUFFIX_LENGTH)}~${digest}`;
}
