/**
 * The parts of GitHub's issue, comment and milestone JSON that Tandem reads (REST API 2022-11-28). Open
 * objects: GitHub adds fields often. The contract tests check these against GitHub's OpenAPI description.
 */
import { z } from 'zod';

export const GhUserSchema = z.object({ login: z.string(), id: z.number() });

export const GhLabelSchema = z.union([z.string(), z.object({ name: z.string().optional() })]);

export const GhMilestoneSchema = z.object({
  number: z.number(),
  title: z.string(),
  state: z.string().optional(),
});

export const GhIssueSchema = z.object({
  /** What the sub-issue endpoints take as `sub_issue_id`; every other path takes the number. */
  id: z.number(),
  number: z.number(),
  html_url: z.string(),
  title: z.string(),
  body: z.string().nullish(),
  state: z.string(),
  state_reason: z.string().nullish(),
  labels: z.array(GhLabelSchema),
  assignee: GhUserSchema.nullish(),
  assignees: z.array(GhUserSchema).nullish(),
  milestone: GhMilestoneSchema.nullish(),
  user: GhUserSchema.nullish(),
  /** Present on pull requests, which the issues endpoints also return. */
  pull_request: z.object({}).loose().nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullish(),
  /** The parent's API URL when the issue is a sub-issue (github-parents.ts). */
  parent_issue_url: z.string().nullish(),
});
export type GhIssue = z.infer<typeof GhIssueSchema>;

export const GhCommentSchema = z.object({
  id: z.number(),
  body: z.string().nullish(),
  user: GhUserSchema.nullish(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type GhComment = z.infer<typeof GhCommentSchema>;

/** What Octokit throws for an HTTP failure (RequestError), read without depending on its class. */
export const GhRequestErrorSchema = z.object({
  status: z.number(),
  message: z.string(),
  response: z
    .object({ headers: z.record(z.string(), z.union([z.string(), z.number()]).optional()) })
    .optional(),
});
