/**
 * The Jira product events Tandem subscribes to, as ../shared/contracts/jira/forge-events-reference.md
 * documents them. Objects are loose: Forge adds fields over time and the adapter only needs the ids that
 * say which issue to look at again; the sync reads the issue itself rather than trusting the event.
 */
import { z } from 'zod';
import { IdSchema } from '../shared/parse-input';

const common = {
  /** Forge filters these out (`ignoreSelf`); the handler drops any that still arrive. */
  selfGenerated: z.boolean().default(false),
  atlassianId: z.string().optional(),
  /** Epoch milliseconds, as a string or a number depending on the event. */
  timestamp: z.union([z.string(), z.number()]).optional(),
};

const IssueSchema = z.looseObject({
  id: IdSchema,
  key: z.string().min(1),
  fields: z
    .looseObject({
      project: z.looseObject({ id: IdSchema, key: z.string().min(1) }).optional(),
    })
    .optional(),
});

const CommentSchema = z.looseObject({ id: IdSchema });

const AttachmentSchema = z.looseObject({
  id: IdSchema,
  issueId: IdSchema.optional(),
  fileName: z.string().optional(),
});

export const IssueEventSchema = z.looseObject({
  ...common,
  eventType: z.enum(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:deleted:issue']),
  issue: IssueSchema,
});

/** `commented:issue` is sent for a new comment and for an edited one. */
export const CommentEventSchema = z.looseObject({
  ...common,
  eventType: z.enum(['avi:jira:commented:issue', 'avi:jira:deleted:comment']),
  issue: IssueSchema,
  comment: CommentSchema,
});

export const AttachmentEventSchema = z.looseObject({
  ...common,
  eventType: z.enum(['avi:jira:created:attachment', 'avi:jira:deleted:attachment']),
  attachment: AttachmentSchema,
});

export const IssueLinkEventSchema = z.looseObject({
  ...common,
  eventType: z.enum(['avi:jira:created:issuelink', 'avi:jira:deleted:issuelink']),
  id: IdSchema,
  sourceIssueId: IdSchema,
  destinationIssueId: IdSchema,
  sourceProjectId: IdSchema.optional(),
  destinationProjectId: IdSchema.optional(),
});

export const JiraEventSchema = z.discriminatedUnion('eventType', [
  IssueEventSchema,
  CommentEventSchema,
  AttachmentEventSchema,
  IssueLinkEventSchema,
]);

export type JiraEvent = z.output<typeof JiraEventSchema>;
export type JiraEventType = JiraEvent['eventType'];

/** Every event type the handler accepts; the manifest subscribes to exactly these (test/manifest.test.ts). */
export const HANDLED_JIRA_EVENTS: readonly JiraEventType[] = JiraEventSchema.options.flatMap(
  (schema) => schema.shape.eventType.options,
);
