/**
 * The parts of GitLab's issue and note JSON that Tandem reads (REST API v4). Open objects: GitLab adds
 * fields by release; what is read is checked.
 */
import { z } from 'zod';

export const GlUserSchema = z.object({ id: z.number(), username: z.string(), name: z.string().optional() });

export const GlMilestoneSchema = z.object({ id: z.number(), title: z.string() });

export const GlIssueSchema = z.object({
  id: z.number(),
  iid: z.number(),
  project_id: z.number(),
  title: z.string(),
  description: z.string().nullish(),
  state: z.string(),
  labels: z.array(z.union([z.string(), z.object({ name: z.string() })])),
  assignees: z.array(GlUserSchema).nullish(),
  author: GlUserSchema.nullish(),
  milestone: GlMilestoneSchema.nullish(),
  due_date: z.string().nullish(),
  confidential: z.boolean().optional(),
  web_url: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type GlIssue = z.infer<typeof GlIssueSchema>;

export const GlNoteSchema = z.object({
  id: z.number(),
  body: z.string().nullish(),
  author: GlUserSchema.nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  /** GitLab's own notes ("changed the description", "closed"): history, not comments. */
  system: z.boolean().optional(),
  /** Internal notes are for the project's members only (older GitLab: `confidential`). */
  internal: z.boolean().optional(),
  confidential: z.boolean().nullish(),
});
export type GlNote = z.infer<typeof GlNoteSchema>;

export const GlPageSchema = z.object({
  data: z.array(z.unknown()),
  paginationInfo: z.object({ next: z.number().nullable() }),
});
