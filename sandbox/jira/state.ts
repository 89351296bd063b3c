import { z } from 'zod';

/**
 * The persisted shape of one site. Schemas rather than interfaces because `load()` reads it back from disk:
 * parsing is what lets a snapshot written by an older emulator fail loudly instead of half-working.
 */

const Json = z.json();
export type Json = z.infer<typeof Json>;
const JsonRecord = z.record(z.string(), Json);
export type JsonRecord = z.infer<typeof JsonRecord>;

export const UserSchema = z.object({
  accountId: z.string(),
  accountType: z.enum(['atlassian', 'app']),
  email: z.string().nullable(),
  displayName: z.string(),
  active: z.boolean(),
  /** Jira's global Administer (the site-admins group); project permissions come from each project's scheme. */
  admin: z.boolean(),
  apiTokens: z.array(z.string()),
  timeZone: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const StatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  categoryKey: z.enum(['new', 'indeterminate', 'done']),
});
export type Status = z.infer<typeof StatusSchema>;

/**
 * A workflow transition. A global transition ("Allow all statuses to transition to this one") leaves every
 * status but its target; a transition screen asks for fields, here the resolution, which Jira's screens
 * for a Done transition usually carry and may require
 * (https://support.atlassian.com/jira-cloud-administration/docs/work-with-issue-workflows/,
 * https://support.atlassian.com/jira-cloud-administration/docs/configure-a-screen/).
 */
export const TransitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Status ids this transition starts from (ignored when `global`). */
  from: z.array(z.string()),
  to: z.string(),
  global: z.boolean().optional(),
  screen: z.array(z.object({ fieldId: z.literal('resolution'), required: z.boolean() })).optional(),
});
export type Transition = z.infer<typeof TransitionSchema>;

/**
 * Who a permission scheme grants a permission to. Jira grants to users, groups, project roles and "any
 * logged-in user" (https://support.atlassian.com/jira-cloud-administration/docs/manage-project-permissions/);
 * the emulator keeps users, the site-admins group and any logged-in user.
 */
export const GranteeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), accountId: z.string() }),
  z.object({ type: z.literal('site-admins') }),
  z.object({ type: z.literal('anyone') }),
]);
export type Grantee = z.infer<typeof GranteeSchema>;

/** A project's permission scheme: permission key → who holds it. */
export const PermissionSchemeSchema = z.record(z.string(), z.array(GranteeSchema));
export type PermissionScheme = z.infer<typeof PermissionSchemeSchema>;

export const ProjectSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  leadAccountId: z.string(),
  issueTypeIds: z.array(z.string()),
  nextIssueNumber: z.number().int(),
  /** Absent in snapshots from before permissions were modelled: the default scheme applies. */
  permissionScheme: PermissionSchemeSchema.optional(),
  workflow: z.object({
    initialStatusId: z.string(),
    statusIds: z.array(z.string()),
    transitions: z.array(TransitionSchema),
  }),
});
export type Project = z.infer<typeof ProjectSchema>;

/**
 * A custom field's type, by the custom field types Jira Cloud ships (`schema.custom` in GET /rest/api/3/field,
 * com.atlassian.jira.plugin.system.customfieldtypes:<key>; see typed-fields.ts for each one's JSON): `string`
 * is a single-line text field and `number` a number field, as snapshots from before typed fields have them.
 */
export const CustomFieldTypeSchema = z.enum([
  'string',
  'number',
  'select',
  'multiselect',
  'cascadingselect',
  'userpicker',
  'datepicker',
  'datetime',
  'url',
  'labels',
]);
export type CustomFieldType = z.infer<typeof CustomFieldTypeSchema>;

/** An option of a select field; a cascading select's parents hold their children. */
export const FieldOptionSchema = z.object({
  id: z.string(),
  value: z.string(),
  disabled: z.boolean().default(false),
  children: z.array(z.object({ id: z.string(), value: z.string() })).optional(),
});
export type FieldOption = z.infer<typeof FieldOptionSchema>;

/**
 * One custom field with one context for every project and issue type: Jira allows several contexts with
 * their own options, which the emulator does not model.
 */
export const CustomFieldSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: CustomFieldTypeSchema,
  options: z.array(FieldOptionSchema).optional(),
});
export type CustomField = z.infer<typeof CustomFieldSchema>;

/** A project version (platform OpenAPI `Version`), referenced by issues' fixVersions and versions. */
export const VersionSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  description: z.string().optional(),
  released: z.boolean(),
  archived: z.boolean(),
  releaseDate: z.string().optional(),
});
export type Version = z.infer<typeof VersionSchema>;

/** A project component (platform OpenAPI `ProjectComponent`), referenced by issues' components. */
export const ComponentSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  description: z.string().optional(),
});
export type Component = z.infer<typeof ComponentSchema>;

export const ChangeItemSchema = z.object({
  field: z.string(),
  fieldtype: z.enum(['jira', 'custom']),
  fieldId: z.string(),
  from: z.string().nullable(),
  fromString: z.string().nullable(),
  to: z.string().nullable(),
  toString: z.string().nullable(),
});
export type ChangeItem = z.infer<typeof ChangeItemSchema>;

export const HistorySchema = z.object({
  id: z.string(),
  authorAccountId: z.string(),
  /** Which identity made the change, kept so tests and the host can tell app writes from user writes. */
  byApp: z.boolean(),
  created: z.number(),
  items: z.array(ChangeItemSchema),
});
export type History = z.infer<typeof HistorySchema>;

export const IssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  projectId: z.string(),
  issueTypeId: z.string(),
  /** The parent issue (an epic above a standard issue, a standard issue above a sub-task); absent: none. */
  parentId: z.string().nullable().optional(),
  summary: z.string(),
  description: Json.nullable(),
  statusId: z.string(),
  priorityId: z.string(),
  labels: z.array(z.string()),
  assigneeId: z.string().nullable(),
  reporterId: z.string().nullable(),
  creatorId: z.string(),
  created: z.number(),
  updated: z.number(),
  statusCategoryChanged: z.number(),
  resolutionDate: z.number().nullable(),
  /** Absent in snapshots from before resolutions other than Done: Done. */
  resolutionId: z.string().nullable().optional(),
  /**
   * Values of the fields beyond the ones above, by field id, as typed-fields.ts stores them: custom fields,
   * and the system fields fixVersions, versions, components, duedate and timetracking.
   */
  customFields: JsonRecord,
  properties: JsonRecord,
  history: z.array(HistorySchema),
});
export type Issue = z.infer<typeof IssueSchema>;

export const CommentSchema = z.object({
  id: z.string(),
  issueId: z.string(),
  authorId: z.string(),
  updateAuthorId: z.string(),
  body: Json,
  created: z.number(),
  updated: z.number(),
  visibility: z.object({ type: z.enum(['group', 'role']), value: z.string() }).nullable(),
  properties: JsonRecord,
});
export type Comment = z.infer<typeof CommentSchema>;

/** A worklog (platform OpenAPI `Worklog`): time in seconds, `started` an instant, comment ADF on Cloud. */
export const WorklogSchema = z.object({
  id: z.string(),
  issueId: z.string(),
  authorId: z.string(),
  updateAuthorId: z.string(),
  comment: Json.nullable(),
  started: z.number(),
  timeSpentSeconds: z.number().int(),
  created: z.number(),
  updated: z.number(),
  visibility: z.object({ type: z.enum(['group', 'role']), value: z.string() }).nullable(),
  properties: JsonRecord,
});
export type Worklog = z.infer<typeof WorklogSchema>;

export const AttachmentSchema = z.object({
  id: z.string(),
  issueId: z.string(),
  filename: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  authorId: z.string(),
  created: z.number(),
  contentBase64: z.string(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** Jira's source/destination: the source issue carries the outward description ("blocks"). */
export const IssueLinkSchema = z.object({
  id: z.string(),
  typeId: z.string(),
  sourceIssueId: z.string(),
  destinationIssueId: z.string(),
});
export type IssueLink = z.infer<typeof IssueLinkSchema>;

export const RemoteLinkSchema = z.object({
  id: z.number().int(),
  issueId: z.string(),
  globalId: z.string().nullable(),
  application: JsonRecord.nullable(),
  relationship: z.string().nullable(),
  object: JsonRecord,
});
export type RemoteLink = z.infer<typeof RemoteLinkSchema>;

export const DevInfoEntitySchema = z.object({
  updateSequenceId: z.number(),
  issueKeys: z.array(z.string()),
  /** Properties sent with the bulk request; `DELETE bulkByProperties` matches on them. */
  properties: z.record(z.string(), z.string()),
  /** The entity exactly as submitted. */
  data: JsonRecord,
});
export type DevInfoEntity = z.infer<typeof DevInfoEntitySchema>;

export const DevInfoRepositorySchema = z.object({
  id: z.string(),
  updateSequenceId: z.number(),
  properties: z.record(z.string(), z.string()),
  /** Repository fields as submitted, without the entity arrays. */
  data: JsonRecord,
  commits: z.record(z.string(), DevInfoEntitySchema),
  branches: z.record(z.string(), DevInfoEntitySchema),
  pullRequests: z.record(z.string(), DevInfoEntitySchema),
});
export type DevInfoRepository = z.infer<typeof DevInfoRepositorySchema>;
export const DEV_INFO_ENTITY_TYPES = ['commits', 'branches', 'pullRequests'] as const;
export type DevInfoEntityType = (typeof DEV_INFO_ENTITY_TYPES)[number];

/** An admin webhook (api/admin-webhooks.ts); the secret stays here and in no answer. */
export const AdminWebhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  jqlFilter: z.string().nullable(),
  excludeBody: z.boolean(),
  secret: z.string().nullable(),
  enabled: z.boolean(),
  lastUpdated: z.number(),
});
export type AdminWebhook = z.infer<typeof AdminWebhookSchema>;

export const CountersSchema = z.object({
  project: z.number().int(),
  issue: z.number().int(),
  comment: z.number().int(),
  attachment: z.number().int(),
  issueLink: z.number().int(),
  remoteLink: z.number().int(),
  history: z.number().int(),
  customField: z.number().int(),
  /** Absent in snapshots from before worklogs. */
  worklog: z.number().int().default(10000),
  /** Absent in snapshots from before versions, components and select options. */
  version: z.number().int().default(10000),
  component: z.number().int().default(10000),
  option: z.number().int().default(10000),
});
export type CounterName = keyof z.infer<typeof CountersSchema>;

export const SiteStateSchema = z.object({
  name: z.string(),
  /** A Data Center site answers REST v2 only, with wiki-markup text and users by name. */
  flavor: z.enum(['cloud', 'data-center']).default('cloud'),
  appAccountId: z.string(),
  counters: CountersSchema,
  users: z.record(z.string(), UserSchema),
  statuses: z.record(z.string(), StatusSchema),
  projects: z.record(z.string(), ProjectSchema),
  customFields: z.array(CustomFieldSchema),
  issues: z.record(z.string(), IssueSchema),
  comments: z.record(z.string(), CommentSchema),
  /** Absent in snapshots from before worklogs. */
  worklogs: z.record(z.string(), WorklogSchema).default({}),
  /** Absent in snapshots from before versions and components. */
  versions: z.record(z.string(), VersionSchema).default({}),
  components: z.record(z.string(), ComponentSchema).default({}),
  attachments: z.record(z.string(), AttachmentSchema),
  issueLinks: z.record(z.string(), IssueLinkSchema),
  remoteLinks: z.record(z.string(), RemoteLinkSchema),
  devInfo: z.record(z.string(), DevInfoRepositorySchema),
  /** Absent in snapshots from before admin webhooks. */
  webhooks: z.record(z.string(), AdminWebhookSchema).default({}),
});
export type SiteState = z.infer<typeof SiteStateSchema>;

export const EmulatorSnapshotSchema = z.object({
  version: z.literal(1),
  sites: z.record(z.string(), SiteStateSchema),
});
export type EmulatorSnapshot = z.infer<typeof EmulatorSnapshotSchema>;

/**
 * Removes an entry from one of the state's records. The state uses plain records rather than Maps so that a
 * snapshot is plain JSON; this is the one place that deletes from them by key.
 */
export function removeEntry(record: Record<string, unknown>, key: string): void {
  Reflect.deleteProperty(record, key);
}
