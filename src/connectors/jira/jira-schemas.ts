/**
 * The parts of Jira's responses the connector reads. Responses carry far more than this, so these are
 * open objects (unknown keys pass); what is read is checked.
 */
import { z } from 'zod';
import { JsonSchema } from '../../core/schema/rules';

/** Cloud names a user by `accountId`; Data Center has none and names them by username (`name`). */
export const JiraUserSchema = z
  .object({
    accountId: z.string().optional(),
    name: z.string().optional(),
    displayName: z.string().optional(),
    emailAddress: z.string().optional(),
  })
  .refine((u) => u.accountId !== undefined || u.name !== undefined, 'a user has an accountId or a name')
  .transform(({ accountId, name, ...rest }) => ({ ...rest, accountId: accountId ?? name ?? '' }));
export type JiraUser = z.infer<typeof JiraUserSchema>;

const PropertiesSchema = z.record(z.string(), JsonSchema).optional();

export const JiraCommentSchema = z.object({
  id: z.string(),
  body: JsonSchema.optional(),
  author: JiraUserSchema.optional(),
  created: z.string(),
  updated: z.string(),
  properties: z.array(z.object({ key: z.string(), value: JsonSchema })).optional(),
});
export type JiraComment = z.infer<typeof JiraCommentSchema>;

/** POST /rest/api/3/comment/list: PageBeanComment. */
export const JiraCommentListSchema = z.object({ values: z.array(JiraCommentSchema) });

export const JiraCommentPageSchema = z.object({
  comments: z.array(JiraCommentSchema),
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  total: z.number().optional(),
});

/** Worklog (platform OpenAPI): what the connector reads of one. */
export const JiraWorklogSchema = z.object({
  id: z.string(),
  author: JiraUserSchema.optional(),
  comment: JsonSchema.optional(),
  started: z.string(),
  timeSpentSeconds: z.number(),
  created: z.string(),
  updated: z.string(),
  properties: z.array(z.object({ key: z.string(), value: JsonSchema })).optional(),
});
export type JiraWorklog = z.infer<typeof JiraWorklogSchema>;

/** getIssueWorklog: PageOfWorklogs. */
export const JiraWorklogPageSchema = z.object({
  worklogs: z.array(JiraWorklogSchema),
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  total: z.number().optional(),
});

export const JiraAttachmentSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  filename: z.string(),
  size: z.number(),
  mimeType: z.string().default('application/octet-stream'),
  created: z.string(),
});

export const JiraIssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.record(z.string(), JsonSchema),
  properties: PropertiesSchema,
});
export type JiraIssue = z.infer<typeof JiraIssueSchema>;

export const JiraSearchPageSchema = z.object({
  issues: z.array(JiraIssueSchema),
  nextPageToken: z.string().optional(),
  isLast: z.boolean().optional(),
});

/** `BulkIssueResults` (platform OpenAPI v3): issues Jira could not return now are named in `issueErrors`. */
export const JiraBulkFetchSchema = z.object({
  issues: z.array(JiraIssueSchema),
  issueErrors: z
    .array(z.object({ id: z.string().optional(), errorMessage: z.string().optional() }))
    .optional(),
});

export const JiraTransitionsSchema = z.object({
  transitions: z.array(z.object({ id: z.string(), name: z.string(), to: z.object({ name: z.string() }) })),
});

export const JiraCreatedSchema = z.object({ id: z.string(), key: z.string() });

/**
 * GET /rest/api/3/issue/{id}/transitions?expand=transitions.fields: each transition with the fields of its
 * screen (`IssueTransition.fields`, a map of `FieldMetadata` whose `required`, `name` and `schema` are read).
 */
export const JiraScreenTransitionsSchema = z.object({
  transitions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      to: z.object({ name: z.string() }),
      fields: z
        .record(
          z.string(),
          z.object({
            required: z.boolean(),
            name: z.string(),
            schema: z.object({ type: z.string() }).loose().optional(),
          }),
        )
        .optional(),
    }),
  ),
});

/**
 * POST /rest/api/3/workflows (Bulk get workflows, `WorkflowReadResponse`): the statuses by reference, and
 * each workflow's transitions; a DIRECTED transition starts from its links' statuses, a GLOBAL one from
 * any status, the INITIAL one only creates.
 */
export const JiraWorkflowsSchema = z.object({
  statuses: z.array(z.object({ statusReference: z.string(), name: z.string() })),
  workflows: z.array(
    z.object({
      transitions: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          type: z.string(),
          toStatusReference: z.string(),
          links: z.array(z.object({ fromStatusReference: z.string().nullable().optional() })).optional(),
        }),
      ),
    }),
  ),
});
