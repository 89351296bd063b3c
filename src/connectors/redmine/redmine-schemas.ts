/**
 * The parts of Redmine's REST JSON that Tandem reads (Redmine 5, measured against Debian's 5.0.4). Open
 * objects: Redmine adds fields by version and plugin; what is read is checked.
 */
import { z } from 'zod';
import { JsonSchema } from '../../core/schema/rules';

const Named = z.object({ id: z.number(), name: z.string() });

export const RedmineCustomValueSchema = z.object({
  id: z.number(),
  name: z.string(),
  value: JsonSchema.optional(),
  multiple: z.boolean().optional(),
});

export const RedmineAttachmentSchema = z.object({
  id: z.number(),
  filename: z.string(),
  filesize: z.number(),
  content_type: z.string().nullish(),
  created_on: z.string(),
});
export type RedmineAttachment = z.infer<typeof RedmineAttachmentSchema>;

export const RedmineJournalSchema = z.object({
  id: z.number(),
  user: Named.optional(),
  notes: z.string().nullish(),
  created_on: z.string(),
  /** Redmine 5.1 and later; 5.0 does not say when a note was edited. */
  updated_on: z.string().optional(),
  private_notes: z.boolean().optional(),
});
export type RedmineJournal = z.infer<typeof RedmineJournalSchema>;

export const RedmineIssueSchema = z.object({
  id: z.number(),
  project: Named,
  tracker: Named.optional(),
  status: Named.extend({ is_closed: z.boolean().optional() }),
  priority: Named.optional(),
  author: Named.optional(),
  assigned_to: Named.optional(),
  category: Named.optional(),
  fixed_version: Named.optional(),
  /** Absent when the issue has no parent (measured on 5.0.4: `{ "id": 302 }`, no name). */
  parent: z.object({ id: z.number() }).optional(),
  subject: z.string(),
  description: z.string().nullish(),
  start_date: z.string().nullish(),
  due_date: z.string().nullish(),
  done_ratio: z.number().nullish(),
  estimated_hours: z.number().nullish(),
  custom_fields: z.array(RedmineCustomValueSchema).optional(),
  created_on: z.string(),
  updated_on: z.string(),
  attachments: z.array(RedmineAttachmentSchema).optional(),
  journals: z.array(RedmineJournalSchema).optional(),
  /** With `include=allowed_statuses` (Redmine 5.0+): the statuses the caller may set now, the current included. */
  allowed_statuses: z.array(Named.extend({ is_closed: z.boolean().optional() })).optional(),
});
export type RedmineIssue = z.infer<typeof RedmineIssueSchema>;

export const RedmineIssuePageSchema = z.object({
  issues: z.array(RedmineIssueSchema),
  total_count: z.number(),
  offset: z.number(),
  limit: z.number(),
});

export const RedmineIssueEnvelopeSchema = z.object({ issue: RedmineIssueSchema });

export const RedmineUploadSchema = z.object({
  upload: z.object({ id: z.number().optional(), token: z.string() }),
});

export const RedmineAttachmentEnvelopeSchema = z.object({ attachment: RedmineAttachmentSchema });

export const RedmineStatusesSchema = z.object({
  issue_statuses: z.array(Named.extend({ is_closed: z.boolean().optional() })),
});
export const RedminePrioritiesSchema = z.object({ issue_priorities: z.array(Named) });
export const RedmineProjectSchema = z.object({
  project: z.object({
    id: z.number(),
    identifier: z.string(),
    trackers: z.array(Named).optional(),
    issue_custom_fields: z.array(Named).optional(),
  }),
});
export const RedmineUsersSchema = z.object({
  users: z.array(z.object({ id: z.number(), login: z.string().optional(), mail: z.string().optional() })),
});

export const RedmineErrorsSchema = z.object({ errors: z.array(z.string()) });

/**
 * A time entry (https://www.redmine.org/projects/redmine/wiki/Rest_TimeEntries). Measured on 5.0.4: `hours`
 * is answered rounded to two decimals (TimeEntry#hours), `spent_on` is a date, `comments` is null when none.
 */
export const RedmineTimeEntrySchema = z.object({
  id: z.number(),
  issue: z.object({ id: z.number() }).optional(),
  user: Named.optional(),
  activity: Named.optional(),
  hours: z.number(),
  comments: z.string().nullish(),
  spent_on: z.string(),
  created_on: z.string(),
  updated_on: z.string(),
});
export type RedmineTimeEntry = z.infer<typeof RedmineTimeEntrySchema>;

export const RedmineTimeEntryPageSchema = z.object({
  time_entries: z.array(RedmineTimeEntrySchema),
  total_count: z.number(),
});
export const RedmineTimeEntryEnvelopeSchema = z.object({ time_entry: RedmineTimeEntrySchema });
export const RedmineActivitiesSchema = z.object({
  time_entry_activities: z.array(
    Named.extend({ is_default: z.boolean().optional(), active: z.boolean().optional() }),
  ),
});
