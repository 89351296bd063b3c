/**
 * A field patch → the body of a GitHub issue create or update. Assignees go through the user map (Jira
 * account → GitHub login); milestones are written by number and named by title, a list of one as its one. A path GitHub cannot write
 * is an error on the pair, not a silent no-op.
 */
import { TrackerError } from '../../core/errors';
import { PARENT_PATH, type FieldPatch, type Json } from '../../core/model';
import { parseIssueNumber } from '../common/issue-number';
import { milestoneTitle } from '../common/milestone-title';
import { mapUser } from '../common/user-map';
import type { UserMapping } from '../jira/user-resolver';
import { toMarkdown, type MarkdownOptions } from '../markdown';

export interface GhWrite {
  title?: string;
  /** Without the origin marker; the caller keeps or adds it. */
  body?: string;
  state?: 'open' | 'closed';
  state_reason?: 'completed' | 'not_planned' | 'reopened' | null;
  labels?: string[];
  assignees?: string[];
  /** A milestone title to resolve to its number, or null to clear. */
  milestone?: string | null;
  /** The parent's issue number (github-parents.ts), or null to take the issue out from under its parent. */
  parent?: string | null;
}

const nameOf = (v: Json, key: string): string | null => {
  if (v === null || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && !Array.isArray(v) && typeof v[key] === 'string') return v[key];
  return JSON.stringify(v);
};

// GitHub reads `duplicate` too, but the pinned @octokit/rest cannot write it.
const REASONS = new Set(['completed', 'not_planned', 'reopened']);
type Reason = NonNullable<GhWrite['state_reason']>;
const isReason = (v: string | null): v is Reason => v !== null && REASONS.has(v);

export function toGhWrite(
  patch: FieldPatch,
  users: UserMapping,
  label: string,
  md: MarkdownOptions,
): GhWrite {
  const out: GhWrite = {};
  const login = (v: Json) => mapUser(v, users, label);
  for (const [path, value] of Object.entries(patch)) {
    switch (path) {
      case 'title':
        out.title = nameOf(value, 'name') ?? '';
        break;
      case 'body':
        out.body = toMarkdown(value, md);
        break;
      case 'state':
      case 'state.name': {
        const state = nameOf(value, 'name')?.toLowerCase();
        if (state !== 'open' && state !== 'closed')
          throw new TrackerError(
            'invalid_request',
            `GitHub state must be "open" or "closed", got ${JSON.stringify(value)}`,
          );
        out.state = state;
        break;
      }
      case 'state_reason': {
        const reason = nameOf(value, 'name');
        if (reason !== null && !REASONS.has(reason))
          throw new TrackerError('invalid_request', `GitHub has no state reason ${JSON.stringify(value)}`);
        out.state_reason = isReason(reason) ? reason : null;
        break;
      }
      case 'status':
      case 'status.name': {
        // open, or closed with the reason: written together, as GitHub requires.
        const status = nameOf(value, 'name')?.toLowerCase() ?? null;
        if (status === 'open') out.state = 'open';
        else if (isReason(status) && status !== 'reopened') {
          out.state = 'closed';
          out.state_reason = status;
        } else
          throw new TrackerError(
            'invalid_request',
            `GitHub status must be open, completed or not_planned, got ${JSON.stringify(value)}`,
          );
        break;
      }
      case 'labels':
        out.labels = (Array.isArray(value) ? value : value === null ? [] : [value])
          .map((l) => nameOf(l, 'name'))
          .filter((l): l is string => l !== null);
        break;
      case 'assignee':
      case 'assignee.id':
      case 'assignee.email': {
        const user =
          path === 'assignee.email' ? { email: value } : path === 'assignee.id' ? { id: value } : value;
        const mapped = login(user);
        out.assignees = mapped === null ? [] : [mapped];
        break;
      }
      case 'assignees':
        out.assignees = (Array.isArray(value) ? value : [value])
          .map(login)
          .filter((l): l is string => l !== null);
        break;
      case 'milestone':
      case 'milestone.title':
        // Jira's fix versions are a list: none, one, or several refused (common/milestone-title.ts).
        out.milestone = milestoneTitle(value, label);
        break;
      case PARENT_PATH: {
        const number = typeof value === 'string' ? parseIssueNumber(value) : undefined;
        if (value !== null && number !== value)
          throw new TrackerError(
            'invalid_request',
            `${label}: a parent is an issue number of this repository, not ${JSON.stringify(value)}`,
          );
        out.parent = number ?? null;
        break;
      }
      default:
        throw new TrackerError('invalid_request', `GitHub field "${path}" cannot be written by Tandem`);
    }
  }
  return out;
}
