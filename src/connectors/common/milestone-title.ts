/**
 * An issue holds one milestone on GitHub ("Update an issue", `milestone`: one number or null,
 * https://docs.github.com/en/rest/issues/issues#update-an-issue) and on GitLab ("Edit an issue",
 * `milestone_id`, https://docs.gitlab.com/api/issues/#edit-an-issue), while Jira's fix versions are a list.
 * A rule between them maps the list to one title: none clears the milestone, one is that milestone, and
 * several are refused, naming them, since choosing one (the first? the newest?) would drop the others
 * without anyone deciding it. A value map on the rule can still turn a version into a milestone title.
 */
import { TrackerError } from '../../core/errors';
import type { Json } from '../../core/model';

/** A title from a string, or from `{title}` (a milestone as read) or `{name}` (a Jira version). */
function titleOf(v: Json): string | null {
  if (v === null || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && !Array.isArray(v)) {
    if (typeof v.title === 'string') return v.title;
    if (typeof v.name === 'string') return v.name;
  }
  return JSON.stringify(v);
}

/** The milestone title a written value names, or null to clear the milestone. */
export function milestoneTitle(value: Json, label: string): string | null {
  if (!Array.isArray(value)) return titleOf(value);
  const titles = [...new Set(value.map(titleOf).filter((t): t is string => t !== null))];
  if (titles.length <= 1) return titles[0] ?? null;
  throw new TrackerError(
    'invalid_request',
    `${label} holds one milestone per issue, not ${titles.length}: ${titles.map((t) => `"${t}"`).join(', ')}; keep one version on the issue`,
  );
}

/** Why a missing milestone was not written: the admin creates it, or lets the rule create it. */
export const missingMilestone = (label: string, title: string): string =>
  `${label} has no milestone "${title}"; create it there, or let the rule create missing ones (createMissing)`;
