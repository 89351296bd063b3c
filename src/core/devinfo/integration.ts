/**
 * A git integration: one git server (or one group of repositories on it) sending webhooks to its own
 * web trigger URL, signed with its own secret. Integrations belong to the site, not to a project: a
 * repository's commits name issues of any project, and Jira's development information is site-wide.
 *
 * The schemas here are the resolver contract: the settings page (static/settings) imports them to
 * build requests and read answers. Secrets are never part of a record; `create` and `rotate-secret`
 * answer one once.
 */
import { z } from 'zod';

export const GitServerKindSchema = z.enum([
  'github',
  'gitlab',
  'bitbucket',
  'gitea',
  'forgejo',
  'azure-devops',
]);
export type GitServerKind = z.infer<typeof GitServerKindSchema>;

/** Auto-install talks to the server's API; only these two offer it. */
export const AutoInstallServerSchema = z.enum(['github', 'gitlab']);

export const IntegrationIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,40}$/, 'lowercase letters, digits and dashes, 3 to 41 characters');

export const InstallStateSchema = z.enum(['in_progress', 'ready', 'error']);
export type InstallState = z.infer<typeof InstallStateSchema>;

export const InstallStatusSchema = z.strictObject({
  state: InstallStateSchema,
  /** owner/repo on GitHub, group/project path (or numeric id) on GitLab. */
  repository: z.string().min(1).max(300),
  apiBaseUrl: z.url(),
  startedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Polls made so far; the next waits 1.5 times longer than the last. */
  attempts: z.number().int().nonnegative(),
  hookId: z.string().optional(),
  /** Whether this run created the hook or found it already there. */
  created: z.boolean().optional(),
  /** The git server's own words when the state is error. */
  message: z.string().max(2000).optional(),
});
export type InstallStatus = z.infer<typeof InstallStatusSchema>;

export const GitIntegrationSchema = z.strictObject({
  id: IntegrationIdSchema,
  name: z.string().min(1).max(120),
  server: GitServerKindSchema,
  /** The URL to give the git server; it ends in the integration id. */
  webhookUrl: z.url(),
  createdAt: z.iso.datetime(),
  secretRotatedAt: z.iso.datetime().optional(),
  /** Until then, the secret before the last rotation is accepted too. */
  previousSecretValidUntil: z.iso.datetime().optional(),
  install: InstallStatusSchema.optional(),
});
export type GitIntegration = z.infer<typeof GitIntegrationSchema>;

export const CreateIntegrationInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  server: GitServerKindSchema,
});
export const IntegrationRefInputSchema = z.strictObject({ integrationId: IntegrationIdSchema });
export const RotateSecretInputSchema = z.strictObject({
  integrationId: IntegrationIdSchema,
  /** How long the old secret keeps working, so the git server can be updated without losing events. */
  graceHours: z.number().int().min(0).max(168).default(24),
});
export const DeliveriesInputSchema = z.strictObject({
  integrationId: IntegrationIdSchema,
  limit: z.number().int().min(1).max(100).default(50),
});
export const AutoInstallInputSchema = z.strictObject({
  integrationId: IntegrationIdSchema,
  repository: z.string().trim().min(1).max(300),
  /** Used for this installation only and deleted when it ends; never stored in a record. */
  token: z.string().min(1).max(1000),
  /** Default https://api.github.com or https://gitlab.com/api/v4; Forge egress limits which hosts work. */
  apiBaseUrl: z.url().optional(),
});

/** What the settings page shows for an integration, and the secret once after create or rotate. */
export const IntegrationWithSecretSchema = z.strictObject({
  integration: GitIntegrationSchema,
  secret: z.string(),
  /** Where the secret goes on this server (header name or scheme), for the instructions next to it. */
  secretHeader: z.string(),
});

export const DeliveryOutcomeSchema = z.enum([
  'queued',
  'processed',
  'ignored',
  'duplicate',
  'rejected',
  'failed',
]);
export type DeliveryOutcome = z.infer<typeof DeliveryOutcomeSchema>;

export const DeliveryRecordSchema = z.strictObject({
  integrationId: IntegrationIdSchema,
  /** The server's delivery id, or `sha256:<hash of the body>` when it sends none. */
  deliveryId: z.string().max(300),
  event: z.string().max(200),
  receivedAt: z.iso.datetime(),
  outcome: DeliveryOutcomeSchema,
  httpStatus: z.number().int(),
  detail: z.string().max(2000).optional(),
  processedAt: z.iso.datetime().optional(),
  counts: z
    .strictObject({
      commits: z.number().int(),
      branches: z.number().int(),
      pullRequests: z.number().int(),
      deletedBranches: z.number().int(),
      withoutKeys: z.number().int(),
    })
    .optional(),
  unknownIssueKeys: z.array(z.string()).max(100).optional(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecordSchema>;

/** How many refused deliveries are kept as samples per integration: a ring, newest over oldest. */
export const REFUSED_SAMPLES = 10;

/** The running tally of refusals before verification, stored beside the sample ring. */
export const RefusalTallySchema = z.strictObject({
  count: z.number().int().nonnegative(),
  firstAt: z.iso.datetime(),
  lastAt: z.iso.datetime(),
});
export type RefusalTally = z.infer<typeof RefusalTallySchema>;

/**
 * Deliveries refused before their sender was verified (no or wrong signature, oversized body): counted
 * and sampled apart from the audit, so anyone who knows the URL cannot push verified deliveries out of it.
 * Every string in a sample was chosen by an unverified sender.
 */
export const RefusedDeliveriesSchema = z.strictObject({
  /** At least this many: KVS has no atomic increment, so refusals that arrive together may count once. */
  count: z.number().int().nonnegative(),
  firstAt: z.iso.datetime().optional(),
  lastAt: z.iso.datetime().optional(),
  samples: z.array(DeliveryRecordSchema).max(REFUSED_SAMPLES),
});
export type RefusedDeliveries = z.infer<typeof RefusedDeliveriesSchema>;
