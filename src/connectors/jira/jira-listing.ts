/**
 * Paging Jira's "updated since" listing oldest first without losing an issue. Jira's page tokens walk one
 * result set by position, so an issue edited while a reader pages moves to the end and shifts the others
 * back: the one that slides onto a page already read would be skipped. Each page is therefore the first page
 * of a new search from the last update time seen, leaving out by id the issues already answered that the
 * search's window can still reach. An issue edited meanwhile is answered again once the listing has moved
 * past its old time, or by the next scan.
 *
 * The window is relative whole minutes (`updated >= "-Nm"`, jira-time.ts `minutesSince`), so it starts one
 * to two minutes before the cursor. Two rules keep the paging finite whatever lies in that reach:
 * - the cursor never moves back: a page whose issues are all older than it leaves it where it was;
 * - every issue answered within the window's reach stays left out by id (`seen`), so a page answers only
 *   issues not answered before, and each page makes progress.
 * Before both, a page full of issues from the minute before the cursor moved it back, and the page after
 * forward again: the 1,000-issue bench looped on DEMO until the invocation's time ran out.
 */
import { z } from 'zod';
import { TrackerError } from '../../core/errors';
import type { CanonicalIssue } from '../../core/model';

/** How many whole minutes before the cursor's minute the window can start (minutesSince rounds up, plus one). */
export const WINDOW_REACH_MINUTES = 2;

const CursorSchema = z.strictObject({
  since: z.string().refine((s) => !Number.isNaN(Date.parse(s))),
  /** Issues already answered, with the minute of their `updated`, that the window can still reach. */
  seen: z.array(z.tuple([z.string().regex(/^\d{1,18}$/), z.number().int()])),
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

/** The ids a page's search leaves out. */
export const seenIds = (cursor?: JiraListingCursor): string[] => (cursor ? cursor.seen.map(([id]) => id) : []);

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
  const since =
    cursor && Date.parse(cursor.since) > Date.parse(last.updated) ? cursor.since : last.updated;
  const reach = minuteOf(since) - WINDOW_REACH_MINUTES;
  const seen = new Map<string, number>();
  for (const [id, minute] of cursor?.seen ?? []) seen.set(id, minute);
  for (const i of items) seen.set(i.id, minuteOf(i.updated));
  const kept = [...seen].filter(([, minute]) => minute >= reach);
  return Buffer.from(JSON.stringify({ since, seen: kept })).toString('base64url');
}
