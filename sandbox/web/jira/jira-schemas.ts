/**
 * The parts of Jira's REST answers the pages show, parsed with zod (loose: Jira sends far more than we read).
 * Written against Jira Cloud's shapes, not the emulator's internals, so the pages would work against Jira too.
 */
import { z } from 'zod';

export const StatusSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  statusCategory: z.looseObject({ key: z.string() }).optional(),
});
export type JiraStatus = z.infer<typeof StatusSchema>;

export const UserRefSchema = z.looseObject({ accountId: z.string(), displayName: z.string().optional() });
export type UserRef = z.infer<typeof UserRefSchema>;

const NamedSchema = z.looseObject({ id: z.string().optional(), name: z.string() });

export const ProjectSchema = z.looseObject({ id: z.string(), key: z.string(), name: z.string() });
export type JiraProject = z.infer<typeof ProjectSchema>;
export const ProjectListSchema = z.array(ProjectSchema);

export const IssueFieldsSchema = z.looseObject({
  summary: z.string().default(''),
  description: z.json().nullable().optional(),
  status: StatusSchema.optional(),
  issuetype: NamedSchema.optional(),
  priority: NamedSchema.nullable().optional(),
  labels: z.array(z.string()).default([]),
  assignee: UserRefSchema.nullable().optional(),
  reporter: UserRefSchema.nullable().optional(),
  project: ProjectSchema.optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
});

export const IssueSchema = z.looseObject({ id: z.string(), key: z.string(), fields: IssueFieldsSchema });
export type JiraIssue = z.infer<typeof IssueSchema>;

export const SearchPageSchema = z.looseObject({
  issues: z.array(IssueSchema),
  nextPageToken: z.string().optional(),
});

export const FieldListSchema = z.array(
  z.looseObject({ id: z.string(), name: z.string(), custom: z.boolean().optional() }),
);

export const CommentSchema = z.looseObject({
  id: z.string(),
  author: UserRefSchema.optional(),
  body: z.json().optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
});
export type JiraComment = z.infer<typeof CommentSchema>;
export const CommentPageSchema = z.looseObject({ comments: z.array(CommentSchema) });

export const TransitionsSchema = z.looseObject({
  transitions: z.array(z.looseObject({ id: z.string(), name: z.string(), to: StatusSchema })),
});
export type JiraTransition = z.infer<typeof TransitionsSchema>['transitions'][number];

export const ErrorBodySchema = z.looseObject({
  errorMessages: z.array(z.string()).default([]),
  errors: z.record(z.string(), z.string()).default({}),
});
