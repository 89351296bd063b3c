/**
 * The body of `POST /rest/devinfo/0.10/bulk` as Tandem sends it, and Jira's answer. The limits are the
 * stricter of Atlassian's OpenAPI document (author email required, at least one issue key, at most 100
 * repositories) and jira.js's StoreDevelopmentInformationSchema (message at most 1024 characters); the
 * tests check every payload against both. Strings are clipped by the builder, never rejected here.
 */
import { z } from 'zod';
import { ENTITY_ID_PATTERN } from './entity-id';
import { MAX_ISSUE_KEYS_PER_ENTITY } from './issue-keys';

export const LIMITS = {
  entitiesPerRequest: 1000,
  perKindPerRepository: 400,
  repositoriesPerRequest: 100,
  filesPerCommit: 10,
} as const;

const id = z.string().regex(ENTITY_ID_PATTERN, 'only A-Z a-z 0-9 ~ . - _ and at most 1024 characters');
const issueKeys = z.array(z.string().min(1)).min(1).max(MAX_ISSUE_KEYS_PER_ENTITY);
const sequence = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const url = z.string().max(2000);

export const AuthorSchema = z.strictObject({
  name: z.string().max(255),
  email: z.string().max(254),
  username: z.string().max(255).optional(),
  url: url.optional(),
  avatar: url.optional(),
});

export const CommitSchema = z.strictObject({
  id,
  issueKeys,
  updateSequenceId: sequence,
  hash: z.string().max(255),
  flags: z.array(z.literal('MERGE_COMMIT')).optional(),
  message: z.string().max(1024),
  author: AuthorSchema,
  fileCount: z.number().int().nonnegative(),
  url,
  files: z
    .array(
      z.strictObject({
        path: z.string().max(1024),
        url,
        changeType: z.enum(['ADDED', 'COPIED', 'DELETED', 'MODIFIED', 'MOVED', 'UNKNOWN']),
        linesAdded: z.number().int().nonnegative(),
        linesRemoved: z.number().int().nonnegative(),
      }),
    )
    .max(LIMITS.filesPerCommit)
    .optional(),
  authorTimestamp: z.string(),
  displayId: z.string().max(255),
});
export type CommitEntity = z.infer<typeof CommitSchema>;

export const BranchSchema = z.strictObject({
  id,
  issueKeys,
  updateSequenceId: sequence,
  name: z.string().max(512),
  lastCommit: CommitSchema,
  createPullRequestUrl: url.optional(),
  url,
});
export type BranchEntity = z.infer<typeof BranchSchema>;

export const PullRequestSchema = z.strictObject({
  id,
  issueKeys,
  updateSequenceId: sequence,
  status: z.enum(['OPEN', 'MERGED', 'DECLINED', 'UNKNOWN']),
  title: z.string().max(1024),
  author: AuthorSchema,
  commentCount: z.number().int().nonnegative(),
  sourceBranch: z.string().max(255),
  sourceBranchUrl: url.optional(),
  lastUpdate: z.string(),
  destinationBranch: z.string().max(255).optional(),
  destinationBranchUrl: url.optional(),
  reviewers: z
    .array(
      z.strictObject({
        name: z.string().max(255),
        email: z.string().max(254),
        approvalStatus: z.enum(['APPROVED', 'UNAPPROVED']).optional(),
        url: url.optional(),
        avatar: url.optional(),
      }),
    )
    .optional(),
  url,
  displayId: z.string().max(255),
});
export type PullRequestEntity = z.infer<typeof PullRequestSchema>;

export const RepositoryMetaSchema = z.strictObject({
  id: z.string().regex(ENTITY_ID_PATTERN),
  name: z.string().max(255),
  description: z.string().max(1024).optional(),
  url,
  avatar: url.optional(),
  updateSequenceId: sequence,
});
export type RepositoryMeta = z.infer<typeof RepositoryMetaSchema>;

export const RepositoryPayloadSchema = RepositoryMetaSchema.extend({
  commits: z.array(CommitSchema).max(LIMITS.perKindPerRepository).optional(),
  branches: z.array(BranchSchema).max(LIMITS.perKindPerRepository).optional(),
  pullRequests: z.array(PullRequestSchema).max(LIMITS.perKindPerRepository).optional(),
});
export type RepositoryPayload = z.infer<typeof RepositoryPayloadSchema>;

export const StorePayloadSchema = z
  .strictObject({
    repositories: z.array(RepositoryPayloadSchema).min(1).max(LIMITS.repositoriesPerRequest),
    preventTransitions: z.boolean().optional(),
    /** Tags every entity with its integration, so removing an integration removes its data. */
    properties: z.record(z.string(), z.string()).optional(),
    providerMetadata: z.strictObject({ product: z.string() }).optional(),
  })
  .refine((p) => entityCount(p) <= LIMITS.entitiesPerRequest, {
    message: `at most ${LIMITS.entitiesPerRequest} entities per request`,
  });
export type StorePayload = z.infer<typeof StorePayloadSchema>;

export function entityCount(payload: { repositories: readonly RepositoryPayload[] }): number {
  return payload.repositories.reduce(
    (n, r) => n + (r.commits?.length ?? 0) + (r.branches?.length ?? 0) + (r.pullRequests?.length ?? 0),
    0,
  );
}

const ErrorMessages = z.array(z.looseObject({ message: z.string() }));

/** Jira's 202 answer; unknown fields are kept out of the way, missing ones mean "none". */
export const StoreResultSchema = z.looseObject({
  acceptedDevinfoEntities: z.record(z.string(), z.unknown()).optional(),
  failedDevinfoEntities: z
    .record(
      z.string(),
      z.looseObject({
        errorMessages: ErrorMessages.optional(),
        commits: z
          .array(z.looseObject({ id: z.string(), errorMessages: ErrorMessages.optional() }))
          .optional(),
        branches: z
          .array(z.looseObject({ id: z.string(), errorMessages: ErrorMessages.optional() }))
          .optional(),
        pullRequests: z
          .array(z.looseObject({ id: z.string(), errorMessages: ErrorMessages.optional() }))
          .optional(),
      }),
    )
    .optional(),
  unknownIssueKeys: z.array(z.string()).optional(),
});
export type StoreResult = z.infer<typeof StoreResultSchema>;

/** One line per failed repository or entity, for the audit log. */
export function describeFailures(result: StoreResult): string[] {
  const lines: string[] = [];
  for (const [repo, failure] of Object.entries(result.failedDevinfoEntities ?? {})) {
    for (const m of failure.errorMessages ?? []) lines.push(`repository ${repo}: ${m.message}`);
    for (const kind of ['commits', 'branches', 'pullRequests'] as const) {
      for (const entity of failure[kind] ?? []) {
        const why = (entity.errorMessages ?? []).map((m) => m.message).join('; ') || 'rejected';
        lines.push(`${kind} ${entity.id} in ${repo}: ${why}`);
      }
    }
  }
  return lines;
}
