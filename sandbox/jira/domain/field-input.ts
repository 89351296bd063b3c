import { z } from 'zod';
import { ISSUE_TYPES, PRIORITIES } from '../catalog';
import { adfProblem } from '../adf/validate-adf';
import { setParent } from './hierarchy';
import { hasEpicLink, setEpicLink } from './epic-link';
import type { Site } from '../site';
import type { Issue, Json, JsonRecord } from '../state';
import { ownsField, setTypedField } from './typed-fields';

/** The editable part of an issue. Create and edit both build one, then diff it against the stored issue. */
export interface IssueDraft {
  /** The project the issue is in (or is being created in): versions and components are its own. */
  projectId: string;
  summary: string;
  description: Json | null;
  priorityId: string;
  labels: string[];
  assigneeId: string | null;
  reporterId: string | null;
  issueTypeId: string;
  parentId: string | null;
  customFields: JsonRecord;
}

export function draftOf(issue: Issue): IssueDraft {
  return {
    projectId: issue.projectId,
    summary: issue.summary,
    description: issue.description,
    priorityId: issue.priorityId,
    labels: [...issue.labels],
    assigneeId: issue.assigneeId,
    reporterId: issue.reporterId,
    issueTypeId: issue.issueTypeId,
    parentId: issue.parentId ?? null,
    customFields: { ...issue.customFields },
  };
}

const IdOrName = z.looseObject({ id: z.string().optional(), name: z.string().optional() });

/** `{id}` wins over `{name}`, as in Jira. */
function byIdOrName<T extends { id: string; name: string }>(
  items: readonly T[],
  value: unknown,
): T | undefined {
  const ref = IdOrName.safeParse(value);
  if (!ref.success) return undefined;
  const { id, name } = ref.data;
  return items.find((item) => (id !== undefined ? item.id === id : item.name === name));
}
const UserRef = z.looseObject({ accountId: z.string().nullable() }).nullable();
const DataCenterUserRef = z.looseObject({ name: z.string().nullable() }).nullable();
const Labels = z.array(z.string());

/** Jira's wording for a field that is not on the screen, which is also what it says for unknown fields. */
export function notSettable(field: string): string {
  return `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;
}

function resolveUser(site: Site, value: unknown): { ok: true; accountId: string | null } | { ok: false } {
  if (site.dataCenter) {
    // Data Center has no account ids: `{name}` is the username.
    const ref = DataCenterUserRef.safeParse(value);
    if (!ref.success) return { ok: false };
    const name = ref.data?.name ?? null;
    if (name === null) return { ok: true, accountId: null };
    const user = site.userByName(name);
    return user ? { ok: true, accountId: user.accountId } : { ok: false };
  }
  const ref = UserRef.safeParse(value);
  if (!ref.success) return { ok: false };
  const accountId = ref.data?.accountId ?? null;
  if (accountId !== null && !site.user(accountId)) return { ok: false };
  return { ok: true, accountId };
}

/**
 * Applies one `fields` entry (or an `update` `set`) to the draft. Problems go into `errors` keyed by field, which
 * is how Jira reports them, so one request can report several.
 */
export function setField(
  site: Site,
  draft: IssueDraft,
  field: string,
  value: unknown,
  errors: Record<string, string>,
): void {
  if (hasEpicLink(site, field)) {
    setEpicLink(site, draft, value, errors);
    return;
  }
  switch (field) {
    case 'summary': {
      const summary = z.string().safeParse(value);
      if (!summary.success || summary.data.trim() === '')
        errors.summary = 'You must specify a summary of the issue.';
      else if (summary.data.length > 255) errors.summary = 'Summary must be less than 255 characters.';
      else draft.summary = summary.data;
      return;
    }
    case 'description': {
      if (site.dataCenter) {
        // Data Center holds wiki markup as a plain string.
        const wiki = z.string().nullable().safeParse(value);
        if (!wiki.success) errors.description = 'Field description must be a string.';
        else draft.description = wiki.data === '' ? null : wiki.data;
        return;
      }
      const doc = z.json().safeParse(value);
      if (!doc.success)
        errors.description =
          'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
      else if (doc.data === null) draft.description = null;
      else if (adfProblem(doc.data) !== undefined)
        errors.description =
          'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
      else draft.description = doc.data;
      return;
    }
    case 'priority': {
      const priority = byIdOrName(PRIORITIES, value);
      if (!priority) errors.priority = 'The priority selected is invalid.';
      else draft.priorityId = priority.id;
      return;
    }
    case 'issuetype': {
      const type = byIdOrName(ISSUE_TYPES, value);
      if (!type) errors.issuetype = 'The issue type selected is invalid.';
      else draft.issueTypeId = type.id;
      return;
    }
    case 'parent':
      setParent(site, draft, value, errors);
      return;
    case 'labels': {
      const labels = Labels.safeParse(value);
      if (!labels.success) errors.labels = 'Labels must be an array of strings.';
      else setLabels(draft, labels.data, errors);
      return;
    }
    case 'assignee':
    case 'reporter': {
      const user = resolveUser(site, value);
      if (!user.ok) errors[field] = `Specified user does not exist or you do not have required permissions`;
      else if (field === 'assignee') draft.assigneeId = user.accountId;
      else draft.reporterId = user.accountId;
      return;
    }
    default:
      if (ownsField(site, field)) setTypedField(site, draft, field, value, errors);
      else errors[field] = notSettable(field);
  }
}

function setLabels(draft: IssueDraft, labels: readonly string[], errors: Record<string, string>): void {
  const bad = labels.find((l) => /\s/.test(l) || l.length === 0);
  if (bad !== undefined) {
    errors.labels = `The label '${bad}' contains spaces which is invalid.`;
    return;
  }
  draft.labels = [...new Set(labels)];
}

const Operation = z.looseObject({ set: z.unknown(), add: z.unknown(), remove: z.unknown() }).partial();

/** `update: {labels: [{add}, {remove}, {set}]}`; other fields accept `set` only. */
export function applyUpdateOps(
  site: Site,
  draft: IssueDraft,
  update: Readonly<Record<string, readonly unknown[]>>,
  errors: Record<string, string>,
): void {
  for (const [field, ops] of Object.entries(update)) {
    for (const raw of ops) {
      const op = Operation.safeParse(raw);
      if (!op.success) {
        errors[field] = `Invalid update operation for field '${field}'.`;
        continue;
      }
      if ('set' in op.data) setField(site, draft, field, op.data.set, errors);
      if (field !== 'labels' && ('add' in op.data || 'remove' in op.data)) {
        errors[field] = `The emulator supports only 'set' operations for field '${field}'.`;
        continue;
      }
      const add = z.string().safeParse(op.data.add);
      if (add.success) setLabels(draft, [...draft.labels, add.data], errors);
      const remove = z.string().safeParse(op.data.remove);
      if (remove.success) draft.labels = draft.labels.filter((l) => l !== remove.data);
    }
  }
}
