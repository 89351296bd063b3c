/**
 * What the browser may send to each resolver, one strict schema per `resource/verb` key. The resolvers
 * parse with these (a bad payload is refused naming the field, and changes nothing) and the settings
 * page imports the same schemas, so the page cannot send what the backend would refuse.
 */
import { z } from 'zod';
import {
  AutoInstallInputSchema,
  CreateIntegrationInputSchema,
  DeliveriesInputSchema,
  IntegrationRefInputSchema,
  RotateSecretInputSchema,
} from '../devinfo/integration';
import { ConnectionIdSchema, ConnectionSchema } from './connection';
import { FieldPathSchema } from './rules';

const NoPayload = z.strictObject({});
const connectionId = ConnectionIdSchema;

/** Credential names are chosen by connectors (`apiToken`, `email`); nothing else reaches a storage key. */
export const CredentialNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,40}$/, 'a credential name such as apiToken');

export const MaxMutationsSchema = z.number().int().min(1).max(100000);

const SCHEMAS = {
  'connections/list': NoPayload,
  'connections/save': z.strictObject({ connection: ConnectionSchema }),
  'connections/delete': z.strictObject({ connectionId }),
  'connections/test': z.strictObject({ connectionId }),
  'connections/test-status': z.strictObject({ connectionId }),
  /** Write-only: the value goes to secret storage; no resolver ever answers it. */
  'credentials/set': z.strictObject({
    connectionId,
    name: CredentialNameSchema,
    value: z.string().min(1, 'enter a value').max(8000),
  }),
  'credentials/clear': z.strictObject({ connectionId, name: CredentialNameSchema }),
  /**
   * Rules arrive unparsed on purpose: the answer lists every problem, not only the first. With a connection,
   * they are also checked against both sides' fields (core/rules/rule-fields.ts).
   */
  'rules/validate': z.strictObject({
    rules: z.array(z.unknown()).max(500),
    connectionId: connectionId.optional(),
  }),
  'fields/list': NoPayload,
  /** Both sides' fields with their types, for the rule editor's pickers. */
  'fields/catalog': z.strictObject({ connectionId }),
  'limits/save': z.strictObject({ connectionId, maxMutationsPerCycle: MaxMutationsSchema }),
  'plans/dry-run': z.strictObject({ connectionId }),
  'plans/held': z.strictObject({ connectionId }),
  'plans/approve': z.strictObject({ connectionId, planId: z.string().min(1).max(100) }),
  'plans/discard': z.strictObject({ connectionId, planId: z.string().min(1).max(100) }),
  'activity/get': z.strictObject({ connectionId }),
  'pairs/retry': z.strictObject({ connectionId, pairId: z.string().min(1).max(300) }),
  /** Link the issues that already match, by a field on each side, before the first sync copies them. */
  'pairs/bulk-connect': z.strictObject({
    connectionId,
    match: z.strictObject({ local: FieldPathSchema, remote: FieldPathSchema }),
  }),

  'panel/get': NoPayload,
  /** Without a connection: every connection of the issue's project. */
  'panel/sync-now': z.strictObject({ connectionId: connectionId.optional() }),
  'panel/resolve-conflict': z.strictObject({
    connectionId,
    localPath: FieldPathSchema,
    choose: z.enum(['local', 'remote']),
  }),
  'panel/link-existing': z.strictObject({
    connectionId,
    /** The remote issue's key or id, as the person typed it. */
    remoteIssue: z.string().trim().min(1, 'enter the remote issue key').max(200),
  }),
  'panel/create-remote': z.strictObject({ connectionId }),

  /** Site-wide, not per project: the schemas live with the integration record (core/devinfo). */
  'git-integrations/list': NoPayload,
  'git-integrations/create': CreateIntegrationInputSchema,
  'git-integrations/rotate-secret': RotateSecretInputSchema,
  'git-integrations/delete': IntegrationRefInputSchema,
  'git-integrations/deliveries': DeliveriesInputSchema,
  'git-integrations/auto-install': AutoInstallInputSchema,

  /** The page's project's analytics export (its project from the context, never the payload). */
  'analytics/get': NoPayload,
  'analytics/set-enabled': z.strictObject({ enabled: z.boolean() }),
  /** How long the old URL keeps working, so a dashboard can be moved to the new one. */
  'analytics/rotate-secret': z.strictObject({ graceHours: z.number().int().min(0).max(168).default(24) }),
} as const;

export type ResolverKey = keyof typeof SCHEMAS;
/** What the browser sends (defaults may be left out). */
export type PayloadOf<K extends ResolverKey> = z.input<(typeof SCHEMAS)[K]>;
/** What a resolver handler receives after parsing. */
export type ParsedPayloadOf<K extends ResolverKey> = z.output<(typeof SCHEMAS)[K]>;

/** Typed as a mapped type so that `PAYLOADS[key]` keeps its key's types inside generic code. */
export const PAYLOADS: { readonly [K in ResolverKey]: z.ZodType<ParsedPayloadOf<K>, PayloadOf<K>> } = SCHEMAS;
