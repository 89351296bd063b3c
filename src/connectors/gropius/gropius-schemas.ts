/** The answers to gropius-documents.ts, as zod schemas: what the connector reads, nothing cast. */
import { z } from 'zod';

const JsonSchema = z.unknown();

export const GrUserSchema = z.object({
  id: z.string(),
  username: z.string().nullish(),
  displayName: z.string(),
  email: z.string().nullish(),
});

const Named = z.object({ id: z.string(), name: z.string() });

export const GrIssueSchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  lastModifiedAt: z.string(),
  lastUpdatedAt: z.string(),
  createdBy: GrUserSchema,
  body: z.object({ id: z.string(), body: z.string() }),
  state: Named.extend({ isOpen: z.boolean() }),
  priority: Named.extend({ value: z.number() }).nullable(),
  type: Named,
  template: z.object({ id: z.string() }),
  templatedFields: z.array(z.object({ name: z.string(), value: JsonSchema })),
  labels: z.object({ nodes: z.array(Named) }),
});
export type GrIssue = z.infer<typeof GrIssueSchema>;

const PageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

/** `node(id: trackable)`: null when the id names nothing the token may read. */
export const GrIssuePageSchema = z.object({
  node: z
    .object({ issues: z.object({ nodes: z.array(GrIssueSchema), pageInfo: PageInfo }).optional() })
    .nullable(),
});

export const GrTemplateSchema = z.object({
  node: z
    .object({
      id: z.string().optional(),
      name: z.string().optional(),
      issueStates: z.object({ nodes: z.array(Named.extend({ isOpen: z.boolean() })) }).optional(),
      issuePriorities: z.object({ nodes: z.array(Named.extend({ value: z.number() })) }).optional(),
      issueTypes: z.object({ nodes: z.array(Named) }).optional(),
      templateFieldSpecifications: z.array(z.object({ name: z.string(), value: JsonSchema })).optional(),
    })
    .nullable(),
});

export const GrDefaultTemplateSchema = z.object({
  issueTemplates: z.object({ nodes: z.array(z.object({ id: z.string() })) }),
});

export const GrLabelLookupSchema = z.object({
  node: z.object({ labels: z.object({ nodes: z.array(Named) }).optional() }).nullable(),
});

export const GrCommentSchema = z.object({
  id: z.string(),
  body: z.string(),
  isDeleted: z.boolean(),
  createdAt: z.string(),
  lastModifiedAt: z.string(),
  createdBy: GrUserSchema,
});
export type GrComment = z.infer<typeof GrCommentSchema>;

export const GrCommentsSchema = z.object({
  node: z
    .object({
      issues: z
        .object({
          nodes: z.array(
            z.object({ issueComments: z.object({ nodes: z.array(GrCommentSchema), pageInfo: PageInfo }) }),
          ),
        })
        .optional(),
    })
    .nullable(),
});

export const GrCreatedIssueSchema = z.object({
  createIssue: z.object({ issue: z.object({ id: z.string() }) }),
});
export const GrCreatedLabelSchema = z.object({ createLabel: z.object({ label: Named }) });
export const GrCreatedCommentSchema = z.object({
  createIssueComment: z.object({ issueComment: GrCommentSchema }),
});
/** Mutations whose answer the connector does not read beyond "it was accepted". */
export const GrAcceptedSchema = z.record(z.string(), z.unknown());
