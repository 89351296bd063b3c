/**
 * Attribute rules in trackersync's vocabulary. One zod schema, imported by the engine, the resolvers and
 * the settings page, so a rule the page accepts is a rule the engine can run.
 */
import { z } from 'zod';
import type { Json } from '../model';

export const JsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(JsonSchema),
    z.record(z.string(), JsonSchema),
  ]),
);

/**
 * `status.name`, `assignee.email`, `customfield_10010.value`, or a field by its name as the tracker shows it
 * (`Story point estimate`): segments of letters, digits, `_`, `-` and inner spaces, joined by dots.
 */
export const FieldPathSchema = z
  .string()
  .regex(
    /^[\p{L}\p{N}_-]+(?: [\p{L}\p{N}_-]+)*(\.[\p{L}\p{N}_-]+(?: [\p{L}\p{N}_-]+)*)*$/u,
    'a dotted field path such as status.name, or a field name such as Story point estimate',
  );

/** `*` on either side matches any value when mapping that way. */
export const WILDCARD = '*';

export const ValueMapSchema = z
  .array(z.strictObject({ local: JsonSchema, remote: JsonSchema }))
  .describe('pairs of equivalent values; the first match wins; "*" is a wildcard');

/**
 * A value for a field on a workflow transition's screen (Jira's resolution when entering Done): the
 * value of the first row whose `source` equals the value the status comes from (before the value map),
 * else the default.
 */
export const ScreenFieldSchema = z.strictObject({
  map: z.array(z.strictObject({ source: JsonSchema, value: JsonSchema })).optional(),
  default: JsonSchema.optional(),
});
export type ScreenField = z.infer<typeof ScreenFieldSchema>;

/** Flags shared by every attribute rule, named as in trackersync. */
const flags = {
  /** Applies only when the remote issue is being created. */
  onlyCreate: z.boolean().default(false),
  /** Never applies while the remote issue is being created. */
  onlyUpdate: z.boolean().default(false),
  /** Applies only when the local issue is being created. */
  localOnlyCreate: z.boolean().default(false),
  /** Never applies while the local issue is being created. */
  localOnlyUpdate: z.boolean().default(false),
  /** Applies only while the remote issue is assigned to the connection's remote account. */
  onlyAssigned: z.boolean().default(false),
  /** Also runs right after the remote issue is created (to bring back its new key, for example). */
  afterCreate: z.boolean().default(false),
  /** Used when the local value is empty. */
  localDefault: JsonSchema.optional(),
  /** Used when the remote value is empty. */
  remoteDefault: JsonSchema.optional(),
  /** Fields a transition screen asks for when this rule's write moves the issue, by field id (`resolution`). */
  screenFields: z.record(FieldPathSchema, ScreenFieldSchema).optional(),
};

export const ConflictPolicySchema = z.enum(['remote-wins', 'local-wins', 'newest-wins', 'manual']);
export type ConflictPolicy = z.infer<typeof ConflictPolicySchema>;

/**
 * Versions and components are written by name; one the target project lacks is an error on the pair
 * naming it, unless the rule says to create it there. An option of the value rules rather than a rule kind
 * of its own: it changes only what a write of that one field may do, and the rule already names the field
 * on both sides. Optional rather than defaulted, so rules saved before it read back unchanged.
 */
const createMissing = z.boolean().optional();

const OneWayRule = z.strictObject({
  kind: z.literal('one-way'),
  local: FieldPathSchema,
  remote: FieldPathSchema,
  map: ValueMapSchema.optional(),
  createMissing,
  ...flags,
});

const DefaultRule = z.strictObject({
  kind: z.literal('default'),
  local: FieldPathSchema,
  /** Absent: always the default. */
  remote: FieldPathSchema.optional(),
  default: JsonSchema,
  map: ValueMapSchema.optional(),
  ...flags,
});

const ToRemoteRule = z.strictObject({
  kind: z.literal('to-remote'),
  local: FieldPathSchema,
  remote: FieldPathSchema,
  map: ValueMapSchema.optional(),
  createMissing,
  ...flags,
});

const MultiToRemoteRule = z.strictObject({
  kind: z.literal('multi-to-remote'),
  locals: z.array(FieldPathSchema).min(1),
  remote: FieldPathSchema,
  /** Rows of local values (null is a wildcard) and the remote value they give; the first match wins. */
  table: z.array(z.strictObject({ match: z.array(JsonSchema), value: JsonSchema })).min(1),
  ...flags,
});

const TwoWayRule = z.strictObject({
  kind: z.literal('two-way'),
  local: FieldPathSchema,
  remote: FieldPathSchema,
  map: ValueMapSchema.optional(),
  conflict: ConflictPolicySchema.default('remote-wins'),
  /** For list fields such as labels: merge additions and removals from both sides instead of choosing. */
  mergeSets: z.boolean().default(false),
  createMissing,
  ...flags,
});

const FilesRule = z.strictObject({
  kind: z.literal('files'),
  /** Only local files whose name starts with this go to the remote side; all remote files come in. */
  prefix: z.string().optional(),
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  deletions: z.enum(['propagate', 'keep']).default('keep'),
  ...flags,
});

const MessagesRule = z.strictObject({
  kind: z.literal('messages'),
  /** Local comments go out only when they contain this keyword; absent: none go out. */
  keyword: z.string().min(1).optional(),
  /** Send every local comment, ignoring the keyword (Jira ↔ Jira usually wants this). */
  allOutgoing: z.boolean().default(false),
  deletions: z.enum(['propagate', 'keep']).default('propagate'),
  ...flags,
});

/**
 * Time booked on issues, both ways: each worklog is copied once to the partner with its time, start and
 * comment, and its edits and deletion follow it. The copy is booked by the app, so its comment opens
 * with who booked the original and where, unless the partner can book as that person.
 */
const WorklogsRule = z.strictObject({
  kind: z.literal('worklogs'),
  /** Copies are in whole minutes (Jira keeps seconds, Redmine decimal hours): how a part minute rounds. */
  round: z.enum(['up', 'down', 'nearest']).default('nearest'),
  deletions: z.enum(['propagate', 'keep']).default('propagate'),
  ...flags,
});

/**
 * Parents and sub-tasks, both ways, by pair: the partner of my parent becomes my partner's parent. A child
 * whose parent's copy does not exist yet waits for it (a follow-up pass); a sub-task is created as a sub-task
 * of its parent's partner. Moving an issue to another parent on either side moves its partner (both moved:
 * the newest change wins).
 */
const HierarchyRule = z.strictObject({
  kind: z.literal('hierarchy'),
  /**
   * A parent outside the sync (the connection's filter leaves it out) is copied too. Off: it is not, the
   * copy has no parent (a sub-task is not copied at all) and the pair says why.
   */
  createParents: z.boolean().default(false),
  ...flags,
});

const LinksRule = z.strictObject({
  kind: z.literal('links'),
  /** Only links of these types (by name, as both sites call them); absent: every type. */
  types: z.array(z.string().min(1)).min(1).optional(),
  deletions: z.enum(['propagate', 'keep']).default('propagate'),
  ...flags,
});

const MessageFromFieldRule = z.strictObject({
  kind: z.literal('message-from-field'),
  remote: FieldPathSchema,
  headline: z.string().min(1),
  ...flags,
});

const DefaultMessageRule = z.strictObject({
  kind: z.literal('default-message'),
  text: z.string().min(1),
  ...flags,
});

export const RuleSchema = z.discriminatedUnion('kind', [
  OneWayRule,
  DefaultRule,
  ToRemoteRule,
  MultiToRemoteRule,
  TwoWayRule,
  FilesRule,
  MessagesRule,
  WorklogsRule,
  HierarchyRule,
  LinksRule,
  MessageFromFieldRule,
  DefaultMessageRule,
]);

export type Rule = z.infer<typeof RuleSchema>;
export type RuleKind = Rule['kind'];
export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;
export type ValueMap = z.infer<typeof ValueMapSchema>;

export const RuleListSchema = z.array(RuleSchema);
