/**
 * The parts of GitHub's push, create, delete and pull_request payloads that become dev info
 * (docs.github.com "Webhook events and payloads"). Loose objects: GitHub adds fields often, and Tandem
 * reads only these. Gitea and Forgejo send the same shapes for push and pull_request.
 */
import { z } from 'zod';

const text = z.string().nullish();

export const GhPersonSchema = z.looseObject({ name: text, email: text, username: text });

export const GhCommitSchema = z.looseObject({
  id: z.string().min(1),
  message: z.string(),
  timestamp: z.string(),
  url: z.string(),
  author: GhPersonSchema,
  added: z.array(z.string()).nullish(),
  removed: z.array(z.string()).nullish(),
  modified: z.array(z.string()).nullish(),
});
export type GhCommit = z.infer<typeof GhCommitSchema>;

export const GhRepositorySchema = z.looseObject({
  id: z.union([z.number(), z.string()]),
  name: z.string(),
  full_name: z.string(),
  html_url: z.string(),
  description: text,
  owner: z.looseObject({ avatar_url: text }).nullish(),
});
export type GhRepository = z.infer<typeof GhRepositorySchema>;

export const GhPushSchema = z.looseObject({
  ref: z.string(),
  after: z.string().optional(),
  deleted: z.boolean().optional(),
  commits: z.array(GhCommitSchema).nullish(),
  head_commit: GhCommitSchema.nullish(),
  repository: GhRepositorySchema,
});

export const GhRefEventSchema = z.looseObject({
  ref: z.string(),
  ref_type: z.enum(['branch', 'tag']),
  repository: GhRepositorySchema,
});

const GhUserSchema = z.looseObject({
  login: z.string(),
  id: z.number().optional(),
  html_url: text,
  avatar_url: text,
  email: text,
  full_name: text,
});
export type GhUser = z.infer<typeof GhUserSchema>;

const GhBranchRefSchema = z.looseObject({
  ref: z.string(),
  repo: z.looseObject({ html_url: z.string() }).nullish(),
});

export const GhPullRequestEventSchema = z.looseObject({
  action: z.string(),
  number: z.number().optional(),
  pull_request: z.looseObject({
    number: z.number(),
    title: z.string(),
    body: text,
    html_url: z.string(),
    state: z.string(),
    merged: z.boolean().nullish(),
    merged_at: text,
    user: GhUserSchema.nullish(),
    head: GhBranchRefSchema,
    base: GhBranchRefSchema,
    comments: z.number().nullish(),
    review_comments: z.number().nullish(),
    updated_at: z.string(),
    requested_reviewers: z.array(z.union([GhUserSchema, z.looseObject({})])).nullish(),
  }),
  repository: GhRepositorySchema,
});
