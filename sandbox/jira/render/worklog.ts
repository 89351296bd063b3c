/** A Worklog as getIssueWorklog, getWorklog and the issue's `worklog` field answer it. */
import type { Site } from '../site';
import type { Worklog } from '../state';
import { formatJiraTime } from '../time';
import { renderUserById } from './user';

export function renderWorklog(
  site: Site,
  w: Worklog,
  opts: { properties?: boolean } = {},
): Record<string, unknown> {
  return {
    self: `${site.api}/issue/${w.issueId}/worklog/${w.id}`,
    author: renderUserById(site, w.authorId),
    updateAuthor: renderUserById(site, w.updateAuthorId),
    ...(w.comment === null ? {} : { comment: w.comment }),
    created: formatJiraTime(w.created),
    updated: formatJiraTime(w.updated),
    started: formatJiraTime(w.started),
    timeSpent: timeSpentText(w.timeSpentSeconds),
    timeSpentSeconds: w.timeSpentSeconds,
    id: w.id,
    issueId: w.issueId,
    ...(w.visibility ? { visibility: w.visibility } : {}),
    ...(opts.properties
      ? { properties: Object.entries(w.properties).map(([key, value]) => ({ key, value })) }
      : {}),
  };
}

/** "1d 2h 30m", as Jira shows a duration in its default time tracking format. */
function timeSpentText(seconds: number): string {
  const parts: string[] = [];
  let left = Math.floor(seconds / 60);
  for (const [unit, minutes] of [
    ['w', 5 * 8 * 60],
    ['d', 8 * 60],
    ['h', 60],
    ['m', 1],
  ] as const) {
    const n = Math.floor(left / minutes);
    if (n > 0) parts.push(`${n}${unit}`);
    left -= n * minutes;
  }
  return parts.length > 0 ? parts.join(' ') : '0m';
}
