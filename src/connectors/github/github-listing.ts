/**
 * Paging GitHub's issue listing oldest first by update without losing an issue: GitHub pages by offset, so
 * an issue edited while a reader pages moves to the end and shifts every later issue back by one, and the
 * reader would skip the one that slid onto the page it already read. Each page after the first therefore
 * starts again at the last update time seen (`since`, which GitHub takes as "at or after"), leaving out the
 * issues of that exact time already answered. Only when a whole page shares one update time (a bulk edit)
 * does it fall back to the next offset page of that time.
 */
import { z } from 'zod';
import { TrackerError } from '../../core/errors';

const TokenSchema = z.strictObject({
  since: z.string().refine((s) => !Number.isNaN(Date.parse(s))),
  page: z.number().int().min(1),
  /** Issue numbers already answered whose update time is exactly `since`. */
  seen: z.array(z.number().int()),
});
export type ListingCursor = z.infer<typeof TokenSchema>;

export function decodeCursor(token: string, label: string): ListingCursor {
  try {
    return TokenSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch {
    throw new TrackerError(
      'invalid_request',
      `${label}: "${token.slice(0, 40)}" is not a page token of this listing`,
    );
  }
}

const encode = (c: ListingCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

interface Listed {
  number: number;
  updated_at: string;
}

/** Leaves out what the cursor says was answered already. */
export function unseen<T extends Listed>(items: readonly T[], cursor: ListingCursor | undefined): T[] {
  if (!cursor) return [...items];
  const at = Date.parse(cursor.since);
  return items.filter((i) => Date.parse(i.updated_at) !== at || !cursor.seen.includes(i.number));
}

/** The token for the page after `raw` (every item GitHub answered, pull requests included). */
export function nextToken(raw: readonly Listed[], cursor: ListingCursor | undefined): string | undefined {
  const last = raw.at(-1);
  if (!last) return undefined;
  const lastMs = Date.parse(last.updated_at);
  const atLast = raw.filter((i) => Date.parse(i.updated_at) === lastMs).map((i) => i.number);
  if (cursor && atLast.length === raw.length && Date.parse(cursor.since) === lastMs)
    return encode({ since: cursor.since, page: cursor.page + 1, seen: [...cursor.seen, ...atLast] });
  return encode({ since: new Date(lastMs).toISOString(), page: 1, seen: atLast });
}
