/**
 * Paging Jira's "updated since" listing oldest first without losing an issue. Jira's page tokens walk one
 * result set by position, so an issue edited while a reader pages moves to the end and shifts the others
 * back: the one that slides onto a page already read would be skipped. Each page is therefore the first page
 * of a new search from the last update time seen, leaving out by id the issues already answered in that
 * minute (JQL compares times to the minute). An issue edited meanwhile is answered again once the listing
 * has moved past that minute, or by the next scan.
 */
import { z } from 'zod';
import { TrackerError } from '../../core/errors';
import type { CanonicalIssue } from '../../core/model';

const CursorSchema = z.strictObject({
  since: z.string().refine((s) => !Number.isNaN(Date.parse(s))),
  /** Ids already answered whose update falls in the minute of `since`. */
  seen: z.array(z.string().regex(/^\d{1,18}$/)),
});
export type JiraListingCursor = z.infer<typeof CursorSchema>;

const minuteOf = (iso: string) => Math.floor(Date.parse(iso) / 60_000);

export function decodeListingCursor(token: string, label: string): JiraListingCursor {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch {
    throw new TrackerError(
      'invalid_request',
      `${label}: "${token.slice(0, 40)}" is not a page token of this listing`,
    );
  }
}

/** Leaves out what a relative JQL window answers from before the cursor's minute. */
export function sinceCursor(items: readonly CanonicalIssue[], cursor?: JiraListingCursor): CanonicalIssue[] {
  if (!cursor) return [...items];
  const from = minuteOf(cursor.since);
  return items.filter((i) => minuteOf(i.updated) >= from);
}

/** The token for the page after `items`, the issues this page answered in order. */
export function nextListingToken(
  items: readonly CanonicalIssue[],
  cursor?: JiraListingCursor,
): string | undefined {
  const last = items.at(-1);
  if (!last) return undefined;
  const minute = minuteOf(last.updated);
  const carried = cursor && minuteOf(cursor.since) === minute ? cursor.seen : [];
  const seen = [
    ...new Set([...carried, ...items.filter((i) => minuteOf(i.updated) === minute).map((i) => i.id)]),
  ];
  return Buffer.from(JSON.stringify({ since: last.updated, seen })).toString('base64url');
}
