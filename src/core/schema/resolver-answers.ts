/**
 * What each resolver answers inside `ResolverResult.data`. The settings page and the issue panel parse
 * every answer with `resolverResultSchema(ANSWERS[key])`, so a backend that drifts shows up as an error
 * in the UI instead of as `undefined` deep in a component. No schema here can carry a credential value,
 * except a git integration's new secret, which create and rotate-secret answer once by design, and the
 * analytics export's URL, whose secret path its project's admins may read whenever they open Settings.
 */
import { z } from 'zod';
import { AnalyticsViewSchema } from '../analytics/export-view';
import { LicenseViewSchema } from '../licensing/license-state';
import {
  DeliveryRecordSchema,
  RefusedDeliveriesSchema,
  GitIntegrationSchema,
  IntegrationIdSchema,
  IntegrationWithSecretSchema,
} from '../devinfo/integration';
import { ConnectionSchema, TrackerKindSchema } from './connection';
import { CatalogSideSchema } from './field-catalog';
import type { ResolverKey } from './resolver-payloads';
import { resolverResultSchema, type ResolverResult } from './resolver-result';

export const CredentialViewSchema = z.strictObject({
  name: z.string(),
  status: z.enum(['set', 'not set']),
});

/** "Test connection": stored in KVS and polled, since the check runs while the page goes on. */
export const ConnectionTestSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('never') }),
  z.strictObject({ state: z.literal('in_progress'), startedAt: z.string() }),
  z.strictObject({ state: z.literal('ready'), at: z.string(), message: z.string() }),
  z.strictObject({ state: z.literal('error'), at: z.string(), message: z.string() }),
]);
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;

const Problem = z.strictObject({ message: z.string(), at: z.string() });

export const ConnectionViewSchema = z.strictObject({
  connection: ConnectionSchema,
  credentials: z.array(CredentialViewSchema),
  test: ConnectionTestSchema,
  lastError: Problem.nullable(),
  heldPlanId: z.string().nullable(),
  /** Where the remote tracker's issue webhook points (GitHub, GitLab); null for kinds that send none. */
  webhookUrl: z.string().nullable(),
});
export type ConnectionView = z.infer<typeof ConnectionViewSchema>;

export const KindInfoSchema = z.strictObject({
  kind: TrackerKindSchema,
  label: z.string(),
  /** Credential names by Jira flavor; other kinds list the same names under both. */
  credentials: z.strictObject({ cloud: z.array(z.string()), 'data-center': z.array(z.string()) }),
});
export type KindInfo = z.infer<typeof KindInfoSchema>;

export const FieldInfoSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  custom: z.boolean(),
  /** Dotted paths a rule can use for this field (`status.name`, `assignee.email`), the plain id first. */
  paths: z.array(z.string()),
});
export type FieldInfo = z.infer<typeof FieldInfoSchema>;

export const MutationViewSchema = z.strictObject({
  key: z.string(),
  side: z.enum(['local', 'remote']),
  kind: z.string(),
  /** The issue written to, by key, or "new issue" for a create. */
  issue: z.string(),
  issueUrl: z.string().nullable(),
  /** One line a person can read: `summary → "Checkout fails"`. */
  detail: z.string(),
});
export type MutationView = z.infer<typeof MutationViewSchema>;

export const PlanViewSchema = z.strictObject({
  id: z.string(),
  createdAt: z.string(),
  incoming: z.number(),
  outgoing: z.number(),
  approvedAt: z.string().nullable(),
  mutations: z.array(MutationViewSchema),
  /** Mutations left out of `mutations` to keep the answer small. */
  more: z.number(),
});
export type PlanView = z.infer<typeof PlanViewSchema>;

export const CycleViewSchema = z.strictObject({
  at: z.string(),
  incoming: z.number(),
  outgoing: z.number(),
  errors: z.number(),
  held: z.boolean(),
});

export const PairErrorSchema = z.strictObject({
  pairId: z.string(),
  /** error: a write failed; drift: both sides unchanged yet differing ("Out of sync"). */
  kind: z.enum(['error', 'drift']),
  local: z.strictObject({ key: z.string(), url: z.string() }).nullable(),
  remote: z.strictObject({ key: z.string(), url: z.string() }).nullable(),
  message: z.string(),
  attempts: z.number(),
  lastAttemptAt: z.string(),
});
export type PairError = z.infer<typeof PairErrorSchema>;

const PairStatusViewSchema = z.strictObject({
  /** drift: both sides unchanged since the sync, yet differing in a mapped value (named in `message`). */
  state: z.enum(['ok', 'pending', 'conflict', 'error', 'drift']),
  message: z.string().nullable(),
});

export const PanelConflictSchema = z.strictObject({
  localPath: z.string(),
  remotePath: z.string(),
  localValue: z.string(),
  remoteValue: z.string(),
});

export const PanelLinkSchema = z.strictObject({
  connectionId: z.string(),
  connectionName: z.string(),
  remoteLabel: z.string(),
  /** linked; not linked yet; or left out by the connection's filter (named in `filter`). */
  state: z.enum(['linked', 'not-linked', 'filtered']),
  filter: z.string().nullable(),
  remote: z.strictObject({ key: z.string(), url: z.string(), status: z.string().nullable() }).nullable(),
  lastSyncedAt: z.string().nullable(),
  status: PairStatusViewSchema.nullable(),
  pending: z.array(z.string()),
  conflicts: z.array(PanelConflictSchema),
  pairId: z.string().nullable(),
  canCreate: z.boolean(),
});
export type PanelLink = z.infer<typeof PanelLinkSchema>;

const Outcome = z.strictObject({ outcome: z.string(), message: z.string() });

const ANSWER_SCHEMAS = {
  'connections/list': z.strictObject({
    projectKey: z.string(),
    license: LicenseViewSchema,
    connections: z.array(ConnectionViewSchema),
    kinds: z.array(KindInfoSchema),
  }),
  'connections/save': z.strictObject({ connection: ConnectionViewSchema }),
  'connections/delete': z.strictObject({ deleted: z.literal(true) }),
  'connections/test': ConnectionTestSchema,
  'connections/test-status': ConnectionTestSchema,
  'credentials/set': CredentialViewSchema,
  'credentials/clear': CredentialViewSchema,
  'rules/validate': z.strictObject({
    errors: z.array(z.strictObject({ path: z.string(), message: z.string() })),
    /** Checks that could not be made (a side's fields unreadable, a field its catalog does not list). */
    warnings: z.array(z.strictObject({ path: z.string(), message: z.string() })),
  }),
  'fields/list': z.strictObject({ fields: z.array(FieldInfoSchema) }),
  'fields/catalog': z.strictObject({ local: CatalogSideSchema, remote: CatalogSideSchema }),
  'limits/save': z.strictObject({ maxMutationsPerCycle: z.number() }),
  'plans/dry-run': z.strictObject({
    outcome: z.enum(['dry-run', 'held', 'busy']),
    plan: PlanViewSchema.nullable(),
  }),
  'plans/held': z.strictObject({ plan: PlanViewSchema.nullable(), limit: z.number() }),
  'plans/approve': z.strictObject({
    outcome: z.enum(['executed', 'already-executed', 'busy']),
    written: z.number(),
    complete: z.boolean(),
    errors: z.array(z.strictObject({ pairId: z.string(), message: z.string() })),
  }),
  'plans/discard': z.strictObject({ outcome: z.literal('discarded') }),
  'activity/get': z.strictObject({
    cycles: z.array(CycleViewSchema),
    /** 24 buckets, oldest first: changes written in each hour. */
    hourly: z.array(z.strictObject({ hourStart: z.string(), changes: z.number() })),
    /** Pairs in error and pairs out of sync (drift), each with its message and Retry. */
    pairsInError: z.array(PairErrorSchema),
    /** How many pairs the self-healing pass found out of sync. */
    pairsInDrift: z.number(),
    lastError: Problem.nullable(),
    /** Set when no cycle has completed for longer than expected (core/cycle/stall.ts), with why. */
    stalled: z.strictObject({ since: z.string(), reasons: z.array(z.string()) }).nullable(),
    /** The last bulk connect (linking issues that already match), while it runs and after. */
    backfill: z
      .strictObject({
        startedAt: z.string(),
        finishedAt: z.string().nullable(),
        scanned: z.strictObject({ local: z.number(), remote: z.number() }),
        linked: z.number(),
        ambiguous: z.number(),
        /** The copies of what did not match, as the latest full cycle found them; null before the first. */
        copies: z
          .strictObject({
            total: z.number(),
            remaining: z.number(),
            at: z.string(),
            finishedAt: z.string().nullable(),
            /**
             * When the quota alone lets the remaining writes through (each write costs at least one
             * point): null when no site's quota is known yet or nothing remains.
             */
            notBefore: z.string().nullable(),
          })
          .nullable(),
      })
      .nullable(),
    /** Per Jira site: points used this hour against its quota, and whether background work is paused. */
    quotas: z.array(
      z.strictObject({
        label: z.string(),
        used: z.number().nullable(),
        limit: z.number().nullable(),
        reserve: z.number().nullable(),
        resetAt: z.string().nullable(),
        paused: z.strictObject({ reason: z.enum(['quota', 'quota-reserve']), until: z.string() }).nullable(),
      }),
    ),
  }),
  'pairs/retry': Outcome,
  'pairs/bulk-connect': z.strictObject({ queued: z.literal(true) }),
  'panel/get': z.strictObject({
    issueKey: z.string(),
    links: z.array(PanelLinkSchema),
    license: LicenseViewSchema,
  }),
  'panel/sync-now': Outcome,
  'panel/resolve-conflict': Outcome,
  'panel/link-existing': Outcome,
  'panel/create-remote': Outcome,
  'git-integrations/list': z.strictObject({ integrations: z.array(GitIntegrationSchema) }),
  'git-integrations/create': IntegrationWithSecretSchema,
  'git-integrations/rotate-secret': IntegrationWithSecretSchema,
  'git-integrations/delete': z.strictObject({ deleted: IntegrationIdSchema }),
  'git-integrations/deliveries': z.strictObject({
    deliveries: z.array(DeliveryRecordSchema),
    refused: RefusedDeliveriesSchema,
  }),
  'git-integrations/auto-install': z.strictObject({ integration: GitIntegrationSchema }),
  'analytics/get': AnalyticsViewSchema,
  'analytics/set-enabled': AnalyticsViewSchema,
  'analytics/rotate-secret': AnalyticsViewSchema,
} as const satisfies Record<ResolverKey, z.ZodType>;

export type AnswerOf<K extends ResolverKey> = z.output<(typeof ANSWER_SCHEMAS)[K]>;

/** A mapped type, so `ANSWERS[key]` keeps its key's types inside generic code (see PAYLOADS). */
export const ANSWERS: {
  readonly [K in ResolverKey]: z.ZodType<AnswerOf<K>, z.input<(typeof ANSWER_SCHEMAS)[K]>>;
} = ANSWER_SCHEMAS;

/**
 * Parses a resolver's raw answer: the envelope with `resolverResultSchema`, then the data with its key's
 * schema. Throws (a ZodError) when the backend answered something the UI does not understand.
 */
export function parseAnswer<K extends ResolverKey>(key: K, raw: unknown): ResolverResult<AnswerOf<K>> {
  const envelope = resolverResultSchema(z.unknown()).parse(raw);
  if (!envelope.ok) return envelope;
  return { ok: true, data: ANSWERS[key].parse(envelope.data) };
}
