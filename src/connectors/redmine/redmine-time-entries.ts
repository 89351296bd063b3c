/**
 * Redmine time entries as worklogs (https://www.redmine.org/projects/redmine/wiki/Rest_TimeEntries).
 *
 * What Redmine holds, measured on 5.0.4, and what is therefore lost on the way in:
 * - `hours` is a decimal answered rounded to two places (TimeEntry#hours), so time is held to 36 seconds:
 *   one minute is written as 0.02 h and reads back as 72 s. Writes are rounded to what Redmine answers, so
 *   a copy reads back as it was written;
 * - `spent_on` is a date: the start's time of day is lost. The date is the start's UTC date, and a time
 *   entry reads back as that day's midnight UTC (CanonicalWorklog.started);
 * - `comments` is plain text of at most 1024 characters (longer is refused with 422); a longer comment is
 *   cut, marked with "…", and read back as cut;
 * - an `activity` is required; a copy of time booked elsewhere has none, so Redmine's default activity is
 *   used (left out of the write), and without a default the write is refused with the fix named;
 * - the entry is booked as Tandem's user: booking for another needs the "Log spent time for other users"
 *   permission and a user map to the partner's people, so the original's author is named in the
 *   attribution line instead, as Jira copies do;
 * - booking, editing or deleting time does not touch the issue's `updated_on`, and the time entry list
 *   ignores an `updated_on` filter (a date in 2099 still answers every entry), so time booked in Redmine is
 *   seen when the engine reads the issue for another reason or on its periodic full scan.
 *
 * Origin markers live at the end of the comment (`[tandem:origin=…]`), not in a custom field: Redmine has
 * no API to create custom fields, so a field would need an admin's hand on every server, while the comment
 * is there on all of them. The marker stays on its own words, read whatever whitespace precedes it, since
 * Redmine's edit form is a one-line input that folds the line break before it.
 */
import { TrackerError } from '../../core/errors';
import type { CanonicalWorklog, Json, WorklogInput } from '../../core/model';
import { normalizeNewlines, toMarkdown, type MarkdownOptions } from '../markdown';
import type { RedmineClient } from './redmine-client';
import { redmineTime } from './redmine-mapping';
import {
  RedmineActivitiesSchema,
  RedmineTimeEntryEnvelopeSchema,
  RedmineTimeEntryPageSchema,
  type RedmineTimeEntry,
} from './redmine-schemas';

const PAGE = 100;
/** Redmine 5.0 validates `comments` to 1024 characters (measured: 1025 is refused with 422). */
export const COMMENT_LIMIT = 1024;
const MARKER = /\s*\[tandem:origin=([^\s\]]+)\]\s*$/;
const SECONDS_PER_HOUR = 3600;

/** Hours as Redmine answers them: two decimals, and above zero (Redmine refuses 0 hours on an issue). */
export const hoursOf = (seconds: number): number =>
  Math.max(0.01, Math.round((seconds / SECONDS_PER_HOUR) * 100) / 100);

/** The UTC day of an ISO time: what `spent_on` keeps of a start. */
export function spentOn(started: string, label: string): string {
  const ms = Date.parse(started);
  if (Number.isNaN(ms))
    throw new TrackerError('invalid_request', `${label}: "${started}" is not a start time`);
  return new Date(ms).toISOString().slice(0, 10);
}

/** The comment with its marker at the end, the text cut so the whole fits Redmine's limit. */
export function commentWithOrigin(text: string, origin: string | undefined): string {
  const marker = origin === undefined ? '' : `\n[tandem:origin=${encodeURIComponent(origin)}]`;
  const room = COMMENT_LIMIT - marker.length;
  const body = text.length > room ? `${text.slice(0, room - 1)}…` : text;
  return `${body}${marker}`;
}

export function splitCommentOrigin(comments: string): { text: string; origin?: string } {
  const m = MARKER.exec(comments);
  if (!m?.[1]) return { text: comments };
  try {
    return { text: comments.slice(0, m.index), origin: decodeURIComponent(m[1]) };
  } catch {
    return { text: comments };
  }
}

export function toWorklog(entry: RedmineTimeEntry): CanonicalWorklog {
  const { text, origin } = splitCommentOrigin(normalizeNewlines(entry.comments ?? ''));
  return {
    id: String(entry.id),
    ...(entry.user ? { author: { id: String(entry.user.id), displayName: entry.user.name } } : {}),
    started: `${entry.spent_on}T00:00:00.000Z`,
    timeSpentSeconds: Math.round(entry.hours * SECONDS_PER_HOUR),
    comment: text === '' ? null : text,
    created: redmineTime(entry.created_on),
    updated: redmineTime(entry.updated_on),
    ...(origin === undefined ? {} : { origin }),
  };
}

export class RedmineTimeEntries {
  private activityChecked: Promise<void> | undefined;

  constructor(
    private readonly client: RedmineClient,
    private readonly markdown: MarkdownOptions = {},
  ) {}

  private get label() {
    return this.client.label;
  }

  /**
   * Only the issue's own entries: `issue_id=N` leaves out its subtasks' (measured; `~N` would add them).
   * A missing issue answers an empty list (Redmine's filter does not check it), as one without time.
   */
  async list(issueId: string): Promise<CanonicalWorklog[]> {
    const all: RedmineTimeEntry[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.client.json('/time_entries.json', RedmineTimeEntryPageSchema, {
        query: { issue_id: issueId, limit: PAGE, offset },
      });
      all.push(...page.time_entries);
      if (page.time_entries.length < PAGE || offset + PAGE >= page.total_count) break;
    }
    return all
      .filter((e) => String(e.issue?.id) === issueId)
      .map(toWorklog)
      .sort((a, b) => Date.parse(a.started) - Date.parse(b.started) || Number(a.id) - Number(b.id));
  }

  /** Through the issue's own route, which answers 404 for a missing issue (the plain route says 422). */
  async add(issueId: string, worklog: WorklogInput, origin: string, attribution?: string) {
    await this.requireActivity();
    try {
      const { time_entry } = await this.client.json(
        `/issues/${issueId}/time_entries.json`,
        RedmineTimeEntryEnvelopeSchema,
        { method: 'POST', json: { time_entry: this.body(worklog, origin, attribution) } },
      );
      return toWorklog(time_entry);
    } catch (err) {
      // Redmine answers 403 with no body when the project's time tracking module is off (measured), or
      // when Tandem's user may not log time there: both are the admin's to fix, so say which.
      if (err instanceof TrackerError && err.code === 'forbidden')
        throw new TrackerError(
          'forbidden',
          `${this.label} refused to book time on #${issueId}: its project needs the "Time tracking" module, and Tandem's user the "Log spent time" permission there`,
        );
      throw err;
    }
  }

  /** Keeps the entry's origin marker, read from the entry as it is now. */
  async update(issueId: string, entryId: string, worklog: WorklogInput, attribution?: string) {
    const current = await this.get(issueId, entryId);
    const { origin } = splitCommentOrigin(normalizeNewlines(current.comments ?? ''));
    await this.client.empty(`/time_entries/${entryId}.json`, {
      method: 'PUT',
      json: { time_entry: this.body(worklog, origin, attribution) },
    });
  }

  async remove(issueId: string, entryId: string): Promise<void> {
    await this.get(issueId, entryId);
    await this.client.empty(`/time_entries/${entryId}.json`, { method: 'DELETE' });
  }

  /** The entry, when it is on this issue: an id of another issue's entry is not this issue's worklog. */
  private async get(issueId: string, entryId: string): Promise<RedmineTimeEntry> {
    if (!/^\d+$/.test(entryId))
      throw new TrackerError(
        'invalid_request',
        `${this.label}: "${entryId.slice(0, 40)}" is not a time entry id`,
      );
    const { time_entry } = await this.client.json(
      `/time_entries/${entryId}.json`,
      RedmineTimeEntryEnvelopeSchema,
    );
    if (String(time_entry.issue?.id) !== issueId)
      throw new TrackerError('not_found', `${this.label}: time entry ${entryId} is not on #${issueId}`);
    return time_entry;
  }

  private body(worklog: WorklogInput, origin: string | undefined, attribution: string | undefined) {
    const text = commentText(worklog.comment, attribution, this.markdown);
    return {
      spent_on: spentOn(worklog.started, this.label),
      hours: hoursOf(worklog.timeSpentSeconds),
      comments: commentWithOrigin(text, origin),
    };
  }

  /**
   * A copy is written without an activity, which Redmine fills with its default; with none set it answers
   * only "Activity cannot be blank", so the missing default is named here before anything is written.
   */
  private requireActivity(): Promise<void> {
    this.activityChecked ??= (async () => {
      const { time_entry_activities: all } = await this.client.json(
        '/enumerations/time_entry_activities.json',
        RedmineActivitiesSchema,
      );
      if (!all.some((a) => a.is_default === true && a.active !== false)) {
        this.activityChecked = undefined;
        const known = all.map((a) => a.name).join(', ') || 'none';
        throw new TrackerError(
          'invalid_request',
          `${this.label} has no default time entry activity, which copied work logs are booked under: ` +
            `make one the default in Administration » Enumerations (activities: ${known})`,
        );
      }
    })();
    return this.activityChecked;
  }
}

/** The attribution line and the comment, as plain text: Redmine shows time entry comments unformatted. */
function commentText(comment: Json, attribution: string | undefined, markdown: MarkdownOptions): string {
  const text = toMarkdown(comment, markdown).trim();
  if (!attribution) return text;
  return text === '' ? attribution : `${attribution}\n${text}`;
}
