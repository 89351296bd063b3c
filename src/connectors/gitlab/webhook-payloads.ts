/**
 * The parts of GitLab's Push Hook, Tag Push Hook and Merge Request Hook bodies that become dev info
 * (docs.gitlab.com "Webhook events"; checked against ../shared/contracts/gitlab-webhooks).
 */
import { z } from 'zod';

const text = z.string().nullish();

export const GlProjectSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  path_with_namespace: z.string(),
  web_url: z.string(),
  description: text,
  avatar_url: text,
});
export type GlProject = z.infer<typeof GlProjectSchema>;

export const GlCommitSchema = z.looseObject({
  id: z.string().min(1),
  message: z.string(),
  timestamp: z.string(),
  url: z.string(),
  author: z.looseObject({ name: z.string(), email: text }),
  added: z.array(z.string()).nullish(),
  modified: z.array(z.string()).nullish(),
  removed: z.array(z.string()).nullish(),
});
export type GlCommit = z.infer<typeof GlCommitSchema>;

export const GlPushSchema = z.looseObject({
  object_kind: z.enum(['push', 'tag_push']),
  ref: z.string(),
  after: z.string(),
  checkout_sha: text,
  project: GlProjectSchema,
  commits: z.array(GlCommitSchema).nullish(),
});

const GlUserSchema = z.looseObject({
  id: z.number().optional(),
  name: z.string(),
  username: text,
  avatar_url: text,
  email: text,
});
export type GlUser = z.infer<typeof GlUserSchema>;

export const GlMergeRequestSchema = z.looseObject({
  object_kind: z.literal('merge_request'),
  user: GlUserSchema.nullish(),
  project: GlProjectSchema,
  object_attributes: z.looseObject({
    iid: z.number(),
    title: z.string(),
    description: text,
    state: z.string(),
    source_branch: z.string(),
    target_branch: z.string(),
    url: z.string(),
    updated_at: z.string(),
    author_id: z.number().nullish(),
    source: z.looseObject({ web_url: z.string() }).nullish(),
    target: z.looseObject({ web_url: z.string() }).nullish(),
  }),
  reviewers: z.array(GlUserSchema).nullish(),
});
