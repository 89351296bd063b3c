/**
 * Redmine JSON → the canonical model. Field names stay Redmine's (`subject`, `status.name`,
 * `assigned_to`), custom fields appear twice: by name under `customFields` and by id as `cf_<id>`, as
 * Redmine's own query syntax names them. Descriptions and notes are Markdown (the instance's CommonMark
 * setting) with Tandem's origin marker taken out.
 */
import type {
  CanonicalAttachment,
  CanonicalComment,
  CanonicalIssue,
  HierarchyRef,
  Json,
  JsonObject,
} from '../../core/model';
import { normalizeNewlines, splitOrigin } from '../markdown';
import type { RedmineAttachment, RedmineIssue, RedmineJournal } from './redmine-schemas';

const named = (v: { name: string } | undefined): Json => (v ? { name: v.name } : null);
const person = (v: { id: number; name: string } | undefined): Json =>
  v ? { id: String(v.id), displayName: v.name } : null;

/** Redmine answers in whole seconds with `Z`; the engine compares ISO strings with milliseconds. */
export const redmineTime = (t: string): string => {
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? t : new Date(ms).toISOString();
};

export function toCanonical(issue: RedmineIssue, root: string): CanonicalIssue {
  const { body, origin } = splitOrigin(normalizeNewlines(issue.description ?? ''));
  const customFields: JsonObject = {};
  const fields: JsonObject = {
    subject: issue.subject,
    description: body,
    status: {
      name: issue.status.name,
      ...(issue.status.is_closed === undefined ? {} : { closed: issue.status.is_closed }),
    },
    priority: named(issue.priority),
    tracker: named(issue.tracker),
    assigned_to: person(issue.assigned_to),
    author: person(issue.author),
    category: named(issue.category),
    fixed_version: named(issue.fixed_version),
    start_date: issue.start_date ?? null,
    due_date: issue.due_date ?? null,
    done_ratio: issue.done_ratio ?? null,
    estimated_hours: issue.estimated_hours ?? null,
    customFields,
  };
  for (const cf of issue.custom_fields ?? []) {
    const value = cf.value ?? null;
    customFields[cf.name] = value;
    fields[`cf_${cf.id}`] = value;
  }
  const out: CanonicalIssue = {
    id: String(issue.id),
    key: `#${issue.id}`,
    url: `${root}/issues/${issue.id}`,
    fields,
    created: redmineTime(issue.created_on),
    updated: redmineTime(issue.updated_on),
  };
  if (origin !== undefined) out.origin = origin;
  out.hierarchy = hierarchyOf(issue);
  if (issue.attachments) out.attachments = issue.attachments.map(toAttachment);
  if (issue.journals) out.comments = toComments(issue.journals);
  return out;
}

/**
 * Redmine's parent task. Redmine has no levels: any issue may have a parent or none, and any may have
 * children, to any depth, whatever its tracker. That is a standard issue in Jira's numbering (level 0): a
 * Jira sub-task's copy here may lose its parent, and a Redmine issue's parent never makes its copy a
 * sub-task (plan-hierarchy.ts reads level < 0 as "must keep a parent", which holds for no Redmine issue).
 * The parent comes with every issue read, listings included, so it is always answered.
 */
function hierarchyOf(issue: RedmineIssue): HierarchyRef {
  const parent = issue.parent ? { id: String(issue.parent.id), key: `#${issue.parent.id}` } : null;
  return { parent, level: 0 };
}

/**
 * Journals with notes are the comments. Journals that only record field changes are history, not
 * comments; private notes are internal to the Redmine team and never leave it.
 */
export function toComments(journals: readonly RedmineJournal[]): CanonicalComment[] {
  return journals.filter((j) => !j.private_notes && (j.notes ?? '').trim() !== '').map(toComment);
}

export function toComment(j: RedmineJournal): CanonicalComment {
  const { body, origin } = splitOrigin(normalizeNewlines(j.notes ?? ''));
  return {
    id: String(j.id),
    body,
    created: redmineTime(j.created_on),
    updated: redmineTime(j.updated_on ?? j.created_on),
    ...(j.user ? { author: { id: String(j.user.id), displayName: j.user.name } } : {}),
    ...(origin === undefined ? {} : { origin }),
  };
}

export function toAttachment(a: RedmineAttachment): CanonicalAttachment {
  return {
    id: String(a.id),
    filename: a.filename,
    size: a.filesize,
    mimeType: a.content_type ?? 'application/octet-stream',
    created: redmineTime(a.created_on),
  };
}
