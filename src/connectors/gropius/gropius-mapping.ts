/**
 * Gropius issues and comments → the canonical model. State, priority and type are the template's named
 * values (`state.name`, `priority.name`, `type.name`), which the default rules map to Jira's; `state.isOpen`
 * says whether the state counts as open. The id is Gropius' node id: Gropius has no issue numbers.
 */
import type { CanonicalComment, CanonicalIssue, Json } from '../../core/model';
import { normalizeNewlines } from '../markdown';
import { ORIGIN_FIELD, splitLeadingOrigin } from './gropius-origin';
import type { GrComment, GrIssue } from './gropius-schemas';

const person = (u: GrIssue['createdBy']) => ({ id: u.username ?? u.id, displayName: u.displayName });

/** The web page of an issue: Gropius' frontend serves `/projects/:trackable/issues/:issue` beside its API. */
export const issueUrl = (endpoint: string, trackable: string, id: string): string =>
  `${new URL(endpoint).origin}/projects/${encodeURIComponent(trackable)}/issues/${encodeURIComponent(id)}`;

export function toCanonical(issue: GrIssue, endpoint: string, trackable: string): CanonicalIssue {
  const { body, origin: bodyOrigin } = splitLeadingOrigin(normalizeNewlines(issue.body.body));
  const field = issue.templatedFields.find((f) => f.name === ORIGIN_FIELD)?.value;
  const origin = typeof field === 'string' && field !== '' ? field : bodyOrigin;
  const out: CanonicalIssue = {
    id: issue.id,
    key: issue.id,
    url: issueUrl(endpoint, trackable, issue.id),
    fields: {
      title: issue.title,
      description: body,
      state: { name: issue.state.name, isOpen: issue.state.isOpen },
      priority: issue.priority ? { name: issue.priority.name, value: issue.priority.value } : null,
      type: { name: issue.type.name },
      labels: issue.labels.nodes.map((l) => l.name).sort(),
      author: person(issue.createdBy) as Json,
    },
    created: new Date(issue.createdAt).toISOString(),
    updated: new Date(issue.lastUpdatedAt).toISOString(),
  };
  if (origin !== undefined) out.origin = origin;
  return out;
}

export function toComment(c: GrComment): CanonicalComment {
  const { body, origin } = splitLeadingOrigin(normalizeNewlines(c.body));
  return {
    id: c.id,
    body,
    author: person(c.createdBy),
    created: new Date(c.createdAt).toISOString(),
    updated: new Date(c.lastModifiedAt).toISOString(),
    ...(origin === undefined ? {} : { origin }),
  };
}
