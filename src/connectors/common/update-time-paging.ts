/**
 * Paging an issue listing oldest first by update time without losing an issue, for APIs that page by
 * offset (GitHub, GitLab): an issue edited while a reader pages moves to the end and shifts every later
 * issue back by one, so the reader would skip the one that slid onto the page it already read. Each page
 * after the first therefore starts again at the last update time seen (an "updated at or after" filter),
 * leaving out the issues of that exact time already answered. Only when a whole page shares one update
 * time (a bulk edit) does it fall back to the next offset page of that time.
 */
import { z } from 'zod';
import { TrackerError } from '../../core/errors';

const CursorSchema = z.strictObject({
  since: z.string().refine((s) => !Number.isNaN(Date.parse(s))),
  page: z.number().int().min(1),
  /** Issue numbers already answered whose update time is exactly `since`. */
  seen: z.array(z.number().int()),
});
export type ListingCursor = z.infer<typeof CursorSchema>;

/** One listed item as the paging sees it: its number and its update time. */
export interface Listed {
  number: number;
  updated: string;
}

export function decodeCursor(token: string, label: string): ListingCursor {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch {
    throw new TrackerError(
      'invalid_request',
      `${label}: "${token.slice(0, 40)}" is not a page token of this listing`,
    );
  }
}

const encode = (c: ListingCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

/** Leaves out what the cursor says was answered already. */
export function unseen<T>(items: readonly T[], listed: (item: T) => Listed, cursor?: ListingCursor): T[] {
  if (!cursor) return [...items];
  const at = Date.parse(cursor.since);
  return items.filter((item) => {
    const l = listed(item);
    return Date.parse(l.updated) !== at || !cursor.seen.includes(l.number);
  });
}

/** The token for the page after `raw` (every item the API answered on this page, filtered or not). */
export function nextToken(raw: readonly Listed[], cursor?: ListingCursor): string | undefined {
  const last = raw.at(-1);
  if (!last) return undefined;
  const lastMs = Date.parse(last.updated);
  const atLast = raw.filter((i) => Date.parse(i.updated) === lastMs).map((i) => i.number);
  if (cursor && atLast.length === raw.length && Date.parse(cursor.since) === lastMs)
    return encode({ since: cursor.since, page: cursor.page + 1, seen: [...cursor.seen, ...atLast] });
  return encode({ since: new Date(lastMs).toISOString(), page: 1, seen: atLast });
}
