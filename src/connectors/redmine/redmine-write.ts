/**
 * A field patch → the `issue` object of a Redmine create or update. Redmine writes by id, so names are
 * resolved through the catalog; users through the connection's user map. A path Redmine cannot write is
 * an error on the pair, not a silent no-op.
 */
import { TrackerError } from '../../core/errors';
import { PARENT_PATH, type FieldPatch, type Json, type JsonObject } from '../../core/model';
import type { UserMapping } from '../jira/user-resolver';
import { mapUser } from '../common/user-map';
import { toMarkdown, type MarkdownOptions } from '../markdown';
import { idByName, type RedmineCatalog } from './redmine-lookups';

export interface RedmineWrite {
  issue: JsonObject;
  /** New description text without the origin marker, which the caller keeps or adds. */
  description?: string;
}

const nameOf = (value: Json): string | null => {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && !Array.isArray(value) && typeof value.name === 'string') return value.name;
  return JSON.stringify(value);
};

const PLAIN = new Set(['subject', 'start_date', 'due_date', 'done_ratio', 'estimated_hours', 'is_private']);
const BY_NAME: Record<string, { key: string; list: 'statuses' | 'priorities' | 'trackers'; what: string }> = {
  status: { key: 'status_id', list: 'statuses', what: 'status' },
  priority: { key: 'priority_id', list: 'priorities', what: 'priority' },
  tracker: { key: 'tracker_id', list: 'trackers', what: 'tracker' },
};

export function toRedmineWrite(
  patch: FieldPatch,
  catalog: RedmineCatalog,
  users: UserMapping,
  label: string,
  markdown: MarkdownOptions = {},
): RedmineWrite {
  const out: RedmineWrite = { issue: {} };
  const customFields: JsonObject[] = [];
  for (const [path, value] of Object.entries(patch)) {
    const [head = path, ...rest] = path.split('.');
    const sub = rest.join('.');
    const by = BY_NAME[head];
    if (PLAIN.has(head) && sub === '') {
      out.issue[head] = value;
    } else if (head === 'description' && sub === '') {
      out.description = toMarkdown(value, markdown);
    } else if (by && (sub === '' || sub === 'name')) {
      const name = nameOf(value);
      if (name === null) throw new TrackerError('invalid_request', `${label}: ${head} cannot be empty`);
      out.issue[by.key] = idByName(catalog[by.list], name, by.what, label);
    } else if (head === 'assigned_to' && (sub === '' || sub === 'id' || sub === 'email')) {
      const user = sub === 'email' ? { email: value } : sub === 'id' ? { id: value } : value;
      const id = mapUser(user, users, label, (candidate) => /^\d+$/.test(candidate));
      out.issue.assigned_to_id = id === null ? '' : Number(id);
    } else if (head === 'customFields' && rest.length === 1 && sub !== '') {
      customFields.push({ id: idByName(catalog.customFields, sub, 'custom field', label), value });
    } else if (path === PARENT_PATH) {
      // The hierarchy's parent by issue id; null removes it (measured on 5.0.4: `parent_issue_id: null`).
      if (value !== null && (typeof value !== 'string' || !/^\d+$/.test(value)))
        throw new TrackerError(
          'invalid_request',
          `${label}: parent must be an issue id, got ${JSON.stringify(value)}`,
        );
      out.issue.parent_issue_id = value === null ? null : Number(value);
    } else if (/^cf_\d+$/.test(head) && sub === '') {
      customFields.push({ id: Number(head.slice(3)), value });
    } else {
      throw new TrackerError('invalid_request', `Redmine field "${path}" cannot be written by Tandem`);
    }
  }
  if (customFields.length > 0) out.issue.custom_fields = customFields;
  return out;
}
