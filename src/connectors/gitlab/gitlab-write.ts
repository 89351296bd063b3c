/**
 * A field patch → GitLab's create/edit options. State is written as an event (close, reopen); labels as a
 * comma-separated list; assignees and the milestone are resolved to ids by the tracker.
 */
import { TrackerError } from '../../core/errors';
import type { FieldPatch, Json } from '../../core/model';
import { milestoneTitle } from '../common/milestone-title';
import { mapUser } from '../common/user-map';
import type { UserMapping } from '../jira/user-resolver';
import { toMarkdown, type MarkdownOptions } from '../markdown';

export interface GlWrite {
  title?: string;
  /** Without the origin marker; the tracker keeps or adds it. */
  description?: string;
  stateEvent?: 'close' | 'reopen';
  labels?: string[];
  /** GitLab usernames or numeric user ids, from the user map. */
  assignees?: string[];
  milestone?: string | null;
  dueDate?: string | null;
  confidential?: boolean;
}

const text = (v: Json, key: string): string | null => {
  if (v === null || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && !Array.isArray(v) && typeof v[key] === 'string') return v[key];
  return JSON.stringify(v);
};

export function toGlWrite(
  patch: FieldPatch,
  users: UserMapping,
  label: string,
  md: MarkdownOptions,
): GlWrite {
  const out: GlWrite = {};
  const user = (v: Json) => mapUser(v, users, label);
  for (const [path, value] of Object.entries(patch)) {
    switch (path) {
      case 'title':
        out.title = text(value, 'name') ?? '';
        break;
      case 'description':
        out.description = toMarkdown(value, md);
        break;
      case 'state':
      case 'state.name': {
        const s = text(value, 'name')?.toLowerCase();
        if (s === 'closed' || s === 'close') out.stateEvent = 'close';
        else if (s === 'opened' || s === 'open' || s === 'reopen') out.stateEvent = 'reopen';
        else
          throw new TrackerError(
            'invalid_request',
            `GitLab state must be "opened" or "closed", got ${JSON.stringify(value)}`,
          );
        break;
      }
      case 'labels':
        out.labels = (Array.isArray(value) ? value : value === null ? [] : [value])
          .map((l) => text(l, 'name'))
          .filter((l): l is string => l !== null);
        break;
      case 'assignee':
      case 'assignee.id':
      case 'assignee.email': {
        const v =
          path === 'assignee.email' ? { email: value } : path === 'assignee.id' ? { id: value } : value;
        const mapped = user(v);
        out.assignees = mapped === null ? [] : [mapped];
        break;
      }
      case 'assignees':
        out.assignees = (Array.isArray(value) ? value : [value])
          .map(user)
          .filter((u): u is string => u !== null);
        break;
      case 'milestone':
      case 'milestone.title':
        // Jira's fix versions are a list: none, one, or several refused (common/milestone-title.ts).
        out.milestone = milestoneTitle(value, label);
        break;
      case 'due_date':
        out.dueDate = text(value, 'date');
        break;
      case 'confidential':
        out.confidential = value === true;
        break;
      default:
        throw new TrackerError('invalid_request', `GitLab field "${path}" cannot be written by Tandem`);
    }
  }
  return out;
}
