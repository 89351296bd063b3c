/**
 * GitHub issues and comments → the canonical model. Field names stay GitHub's (`title`, `body`, `state`,
 * `labels`); users are `{id: login, displayName: login}`, as GitHub shows no names without another call.
 * The issue number is the id, since every REST path addresses issues by it. `status` is Tandem's: state
 * and state_reason as one value (`open`, or the reason it was closed), because GitHub changes a reason
 * only together with the state, so a rule must be able to write both at once.
 */
import type { CanonicalComment, CanonicalIssue, Json } from '../../core/model';
import { normalizeNewlines, splitOrigin } from '../markdown';
import type { GhComment, GhIssue } from './github-schemas';
import { parentOf } from './github-parents';

const user = (u: { login: string } | null | undefined): Json =>
  u ? { id: u.login, displayName: u.login } : null;

export function toCanonical(issue: GhIssue, repo: string): CanonicalIssue {
  // Bodies edited in a browser arrive with CRLF; a line ending is not an edit.
  const { body, origin } = splitOrigin(normalizeNewlines(issue.body ?? ''));
  const out: CanonicalIssue = {
    id: String(issue.number),
    key: `${repo}#${issue.number}`,
    url: issue.html_url,
    fields: {
      title: issue.title,
      body,
      state: issue.state,
      state_reason: issue.state_reason ?? null,
      status: statusOf(issue),
      labels: issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter((l) => l !== ''),
      assignee: user(issue.assignee),
      assignees: (issue.assignees ?? []).map((a) => a.login),
      milestone: issue.milestone ? { title: issue.milestone.title, number: issue.milestone.number } : null,
      user: user(issue.user),
    },
    created: new Date(issue.created_at).toISOString(),
    updated: new Date(issue.updated_at).toISOString(),
    // Issues have no types: every one is at level 0, under its parent if it is a sub-issue.
    hierarchy: { parent: parentOf(issue.parent_issue_url, repo), level: 0 },
  };
  if (origin !== undefined) out.origin = origin;
  return out;
}

/** Closed with no reason (issues closed before GitHub had reasons) counts as completed. */
const statusOf = (issue: GhIssue): string =>
  issue.state === 'closed' ? (issue.state_reason ?? 'completed') : 'open';

export function toComment(c: GhComment): CanonicalComment {
  const { body, origin } = splitOrigin(normalizeNewlines(c.body ?? ''));
  return {
    id: String(c.id),
    body,
    created: new Date(c.created_at).toISOString(),
    updated: new Date(c.updated_at).toISOString(),
    ...(c.user ? { author: { id: c.user.login, displayName: c.user.login } } : {}),
    ...(origin === undefined ? {} : { origin }),
  };
}
