/**
 * GitLab issues and notes → the canonical model. Field names stay GitLab's (`title`, `description`,
 * `state`: opened/closed); users are `{id: username, displayName: name}`. The iid is the id: every REST path
 * under a project addresses issues by it.
 */
import type { CanonicalComment, CanonicalIssue, Json } from '../../core/model';
import { normalizeNewlines, splitOrigin } from '../markdown';
import type { GlIssue, GlNote } from './gitlab-schemas';

const user = (u: { username: string; name?: string | undefined } | null | undefined): Json =>
  u ? { id: u.username, displayName: u.name ?? u.username } : null;

export function toCanonical(issue: GlIssue, project: string): CanonicalIssue {
  // Bodies edited in a browser arrive with CRLF; a line ending is not an edit.
  const { body, origin } = splitOrigin(normalizeNewlines(issue.description ?? ''));
  const assignees = issue.assignees ?? [];
  const out: CanonicalIssue = {
    id: String(issue.iid),
    key: `${project}#${issue.iid}`,
    url: issue.web_url,
    fields: {
      title: issue.title,
      description: body,
      state: issue.state,
      labels: issue.labels.map((l) => (typeof l === 'string' ? l : l.name)),
      assignee: user(assignees[0]),
      assignees: assignees.map((a) => a.username),
      milestone: issue.milestone ? { title: issue.milestone.title } : null,
      author: user(issue.author),
      due_date: issue.due_date ?? null,
      confidential: issue.confidential ?? false,
    },
    created: new Date(issue.created_at).toISOString(),
    updated: new Date(issue.updated_at).toISOString(),
  };
  if (origin !== undefined) out.origin = origin;
  return out;
}

/** Comments are the notes people wrote: not GitLab's system notes, not internal notes. */
export const isComment = (n: GlNote): boolean => !n.system && !n.internal && !n.confidential;

export function toComment(n: GlNote): CanonicalComment {
  const { body, origin } = splitOrigin(normalizeNewlines(n.body ?? ''));
  return {
    id: String(n.id),
    body,
    created: new Date(n.created_at).toISOString(),
    updated: new Date(n.updated_at).toISOString(),
    ...(n.author
      ? { author: { id: n.author.username, displayName: n.author.name ?? n.author.username } }
      : {}),
    ...(origin === undefined ? {} : { origin }),
  };
}
