/**
 * Jira issue JSON ↔ the canonical model. Field names stay Jira's (`summary`, `status.name`,
 * `customfield_10010`), so Jira ↔ Jira rules read naturally; users become `{id, displayName, email}`.
 */
import { z } from 'zod';
import { TrackerError } from '../../core/errors';
import { PARENT_PATH } from '../../core/model';
import type {
  CanonicalAttachment,
  CanonicalComment,
  CanonicalIssue,
  CanonicalWorklog,
  FieldPatch,
  HierarchyRef,
  IssueLinkRef,
  Json,
  JsonObject,
} from '../../core/model';
import { JsonSchema } from '../../core/schema/rules';
import {
  JiraAttachmentSchema,
  JiraCommentSchema,
  type JiraComment,
  type JiraIssue,
  type JiraWorklog,
} from './jira-schemas';
import { jiraTimeToIso } from './jira-time';

/** The property Tandem sets on issues and comments it creates: `{origin}`. */
export const ORIGIN_PROPERTY = 'tandem';

export const READ_FIELDS = [
  'summary',
  'description',
  'status',
  'priority',
  'labels',
  'assignee',
  'reporter',
  'issuetype',
  'created',
  'updated',
  'comment',
  'attachment',
  'issuelinks',
  'parent',
  'worklog',
];

/**
 * The fields a listing or fetch asks for: what the rules read. Comments, attachments and issue links are
 * large and read only by their rules (side-changed.ts looks at them only when the rule is there), so a
 * connection without those rules does not fetch them.
 */
export function readFieldsFor(ruleKinds: readonly string[] | undefined): string[] {
  if (ruleKinds === undefined) return [...READ_FIELDS];
  const skip = new Set<string>();
  if (!ruleKinds.includes('messages')) skip.add('comment');
  if (!ruleKinds.includes('files')) skip.add('attachment');
  if (!ruleKinds.includes('links')) skip.add('issuelinks');
  if (!ruleKinds.includes('hierarchy')) skip.add('parent');
  if (!ruleKinds.includes('worklogs')) skip.add('worklog');
  return READ_FIELDS.filter((f) => !skip.has(f));
}

const OriginSchema = z.object({ origin: z.string() });

const originOf = (value: Json | undefined): string | undefined => {
  const parsed = OriginSchema.safeParse(value);
  return parsed.success ? parsed.data.origin : undefined;
};

function user(value: Json | undefined): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  // Data Center users have no accountId: their username is the id the connector writes back as `{name}`.
  const id = typeof value.accountId === 'string' ? value.accountId : value.name;
  if (typeof id !== 'string') return null;
  return {
    id,
    displayName: typeof value.displayName === 'string' ? value.displayName : id,
    ...(typeof value.emailAddress === 'string' ? { email: value.emailAddress } : {}),
  };
}

function named(value: Json | undefined): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return typeof value.name === 'string' ? { name: value.name } : null;
}

function status(value: Json | undefined): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof value.name !== 'string')
    return null;
  const category = value.statusCategory;
  const key =
    typeof category === 'object' && category !== null && !Array.isArray(category) ? category.key : undefined;
  return { name: value.name, ...(typeof key === 'string' ? { category: key } : {}) };
}

/** A comment's or work log's author as the engine names people: account id, display name or the id. */
const authorOf = (a: { accountId: string; displayName?: string | undefined } | undefined) =>
  a ? { author: { id: a.accountId, displayName: a.displayName ?? a.accountId } } : {};

export function toComment(c: JiraComment): CanonicalComment {
  const origin = originOf(c.properties?.find((p) => p.key === ORIGIN_PROPERTY)?.value);
  return {
    id: c.id,
    body: c.body ?? null,
    created: jiraTimeToIso(c.created),
    updated: jiraTimeToIso(c.updated),
    ...authorOf(c.author),
    ...(origin === undefined ? {} : { origin }),
  };
}

/** A worklog as the engine sees it; its origin is the `tandem` worklog property, read with expand=properties. */
export function toWorklog(w: JiraWorklog): CanonicalWorklog {
  const origin = originOf(w.properties?.find((p) => p.key === ORIGIN_PROPERTY)?.value);
  return {
    id: w.id,
    started: jiraTimeToIso(w.started),
    timeSpentSeconds: w.timeSpentSeconds,
    comment: w.comment ?? null,
    created: jiraTimeToIso(w.created),
    updated: jiraTimeToIso(w.updated),
    ...authorOf(w.author),
    ...(origin === undefined ? {} : { origin }),
  };
}

const LinkedIssueSchema = z.object({ id: z.string() });
const IssueLinksFieldSchema = z.array(
  z.object({
    id: z.string(),
    type: z.object({ name: z.string() }),
    inwardIssue: LinkedIssueSchema.optional(),
    outwardIssue: LinkedIssueSchema.optional(),
  }),
);

/** `fields.issuelinks` as seen from this issue: an `outwardIssue` entry means this issue is the source. */
function toLinks(value: unknown): IssueLinkRef[] | undefined {
  const parsed = IssueLinksFieldSchema.safeParse(value);
  if (!parsed.success) return undefined;
  return parsed.data.flatMap((l): IssueLinkRef[] => {
    if (l.outwardIssue)
      return [{ id: l.id, type: l.type.name, direction: 'outward', issueId: l.outwardIssue.id }];
    if (l.inwardIssue)
      return [{ id: l.id, type: l.type.name, direction: 'inward', issueId: l.inwardIssue.id }];
    return [];
  });
}

const CommentFieldSchema = z.object({ comments: z.array(JiraCommentSchema), total: z.number().optional() });
const AttachmentFieldSchema = z.array(JiraAttachmentSchema);
/**
 * The issue's `worklog` field: a PageOfWorklogs of at most the first 20, without their properties (the
 * origin markers). Only its total is used: an issue with none needs no getIssueWorklog call, which at
 * 1,000 issues was a call and a point per issue on every listing (the bench's backfill).
 */
const WorklogFieldSchema = z.object({ total: z.number().int().min(0) });

/**
 * `fields.parent` (absent when the issue has none) and `fields.issuetype.hierarchyLevel`, as Jira Cloud
 * answers them (IssueBean fields; IssueTypeDetails.hierarchyLevel: 1 epic, 0 standard, -1 sub-task).
 */
const ParentFieldSchema = z.object({ id: z.string(), key: z.string() });
const IssueTypeLevelSchema = z.object({ hierarchyLevel: z.number().int() });

function toHierarchy(f: JiraIssue['fields']): HierarchyRef | undefined {
  const level = IssueTypeLevelSchema.safeParse(f.issuetype);
  if (!level.success) return undefined;
  const parent = ParentFieldSchema.safeParse(f.parent);
  return {
    parent: parent.success ? { id: parent.data.id, key: parent.data.key } : null,
    level: level.data.hierarchyLevel,
  };
}

/** `hierarchy`: the read asked for `parent`, so an issue without it has no parent (rather than unknown). */
export function toCanonical(
  issue: JiraIssue,
  browseBase: string,
  opts: { hierarchy?: boolean } = {},
): CanonicalIssue {
  const f = issue.fields;
  const fields: JsonObject = {
    key: issue.key,
    summary: typeof f.summary === 'string' ? f.summary : '',
    description: f.description ?? null,
    status: status(f.status),
    priority: named(f.priority),
    labels: Array.isArray(f.labels) ? f.labels : [],
    assignee: user(f.assignee),
    reporter: user(f.reporter),
    issuetype: named(f.issuetype),
  };
  for (const [k, v] of Object.entries(f)) if (k.startsWith('customfield_')) fields[k] = JsonSchema.parse(v);

  const result: CanonicalIssue = {
    id: issue.id,
    key: issue.key,
    url: `${browseBase}/browse/${issue.key}`,
    fields,
    created: jiraTimeToIso(typeof f.created === 'string' ? f.created : ''),
    updated: jiraTimeToIso(typeof f.updated === 'string' ? f.updated : ''),
  };
  const origin = originOf(issue.properties?.[ORIGIN_PROPERTY]);
  if (origin !== undefined) result.origin = origin;

  const comments = CommentFieldSchema.safeParse(f.comment);
  // Search results may hold only the first comments; then the engine asks for all of them.
  if (comments.success && (comments.data.total ?? 0) <= comments.data.comments.length) {
    result.comments = comments.data.comments.map(toComment);
    // Search does not return comment properties, so origin markers are unknown here.
    result.commentsLackOrigin = true;
  }
  const worklogs = WorklogFieldSchema.safeParse(f.worklog);
  if (worklogs.success && worklogs.data.total === 0) result.worklogs = [];
  const attachments = AttachmentFieldSchema.safeParse(f.attachment);
  if (attachments.success) result.attachments = attachments.data.map(toAttachment);
  const links = toLinks(f.issuelinks);
  if (links) result.links = links;
  const hierarchy = opts.hierarchy === true ? toHierarchy(f) : undefined;
  if (hierarchy) result.hierarchy = hierarchy;
  return result;
}

export function toAttachment(a: z.infer<typeof JiraAttachmentSchema>): CanonicalAttachment {
  return {
    id: a.id,
    filename: a.filename,
    size: a.size,
    mimeType: a.mimeType,
    created: jiraTimeToIso(a.created),
  };
}

export interface JiraWrite {
  fields: JsonObject;
  /** The status to reach by a transition: Jira does not set status through the fields of an edit. */
  status?: string;
  /** The patch's path the status came from (`status.name` or `status`), to name it when unreachable. */
  statusPath: string;
  /** Users to resolve to this site's account ids before writing, by Jira field name. */
  users: Record<string, Json>;
  /**
   * Operations of the edit's `update` (editIssue): removing the parent is `update.parent.set.none`, as
   * the platform OpenAPI says ("the parent may be removed by setting `update.parent.set.none` to *true*").
   */
  update?: JsonObject;
}

/**
 * The heads of the paths toJiraWrite writes, by how: as they are, by name, as users, by transition, and the
 * hierarchy's parent by issue id. jira-fields.ts derives from these which heads it leaves to this module, so
 * a head added here is never also taken for a field a rule names (two hand-kept lists are how `parent` was
 * lost in a merge).
 */
export const PLAIN_HEADS = ['summary', 'description', 'labels', 'duedate', 'environment'] as const;
export const BY_NAME_HEADS = ['priority', 'issuetype', 'resolution'] as const;
export const USER_HEADS = ['assignee', 'reporter'] as const;
export const STATUS_HEAD = 'status';
/** Read by toCanonical, never written: a write to it is refused with its name. */
export const READ_ONLY_HEADS = ['key'] as const;

/** Every head this module reads or writes itself (toCanonical, toJiraWrite); custom fields are jira-fields.ts's. */
export const MAPPING_HEADS: readonly string[] = [
  ...READ_ONLY_HEADS,
  ...PLAIN_HEADS,
  ...BY_NAME_HEADS,
  ...USER_HEADS,
  STATUS_HEAD,
  PARENT_PATH,
];

const PLAIN: ReadonlySet<string> = new Set(PLAIN_HEADS);
const BY_NAME: ReadonlySet<string> = new Set(BY_NAME_HEADS);
const USERS: ReadonlySet<string> = new Set(USER_HEADS);

/** Status is set by a transition after the edit, so the edit's answer does not show it. */
export const isStatusPath = (path: string): boolean => path === 'status' || path === 'status.name';

/** Splits a patch into a Jira edit: plain fields, fields set by name, users, and the status transition. */
export function toJiraWrite(patch: FieldPatch): JiraWrite {
  const out: JiraWrite = { fields: {}, users: {}, statusPath: 'status.name' };
  for (const [path, value] of Object.entries(patch)) {
    const [head = path, ...rest] = path.split('.');
    const sub = rest.join('.');
    if (head === STATUS_HEAD && (sub === '' || sub === 'name')) {
      const name = typeof value === 'object' && value !== null && !Array.isArray(value) ? value.name : value;
      if (typeof name !== 'string')
        throw new TrackerError(
          'invalid_request',
          `status must be a status name, got ${JSON.stringify(value)}`,
        );
      out.status = name;
      out.statusPath = path;
    } else if (PLAIN.has(head) && sub === '') {
      out.fields[head] = value;
    } else if (BY_NAME.has(head) && (sub === '' || sub === 'name')) {
      const name = typeof value === 'object' && value !== null && !Array.isArray(value) ? value.name : value;
      out.fields[head] =
        name === null || name === undefined
          ? null
          : { name: typeof name === 'string' ? name : JSON.stringify(name) };
    } else if (USERS.has(head) && (sub === '' || sub === 'id' || sub === 'email')) {
      out.users[head] = sub === 'email' ? { email: value } : sub === 'id' ? { id: value } : value;
    } else if (head === PARENT_PATH && sub === '') {
      // editIssue and createIssue: "The parent field may be set by key or ID".
      if (typeof value === 'string') out.fields.parent = { id: value };
      else if (value === null) out.update = { parent: [{ set: { none: true } }] };
      else
        throw new TrackerError('invalid_request', `parent must be an issue id, got ${JSON.stringify(value)}`);
    } else {
      // Custom fields and system fields beyond these heads are jira-fields.ts's (typed by the site's field
      // list), which jira-named-fields.ts takes out of the patch before this sees it.
      throw new TrackerError('invalid_request', `Jira field "${path}" cannot be written by Tandem`);
    }
  }
  return out;
}

