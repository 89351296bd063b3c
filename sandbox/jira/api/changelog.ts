import type { Route } from '../http/router';
import { json } from '../http/reply';
import { renderHistory } from '../render/issue-parts';

/** `GET /issue/{id}/changelog`: the issue's history, oldest first, paged by startAt/maxResults. */
export const changelogRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/changelog',
    handler: (ctx) => {
      const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
      const startAt = ctx.query.int('startAt', 0);
      const maxResults = Math.min(ctx.query.int('maxResults', 100), 100);
      const values = issue.history.slice(startAt, startAt + maxResults);
      const isLast = startAt + values.length >= issue.history.length;
      const page = (from: number): string =>
        `${ctx.site.api}/issue/${issue.key}/changelog?maxResults=${maxResults}&startAt=${from}`;
      return json({
        self: page(startAt),
        ...(isLast ? {} : { nextPage: page(startAt + maxResults) }),
        maxResults,
        startAt,
        total: issue.history.length,
        isLast,
        values: values.map((h) => renderHistory(ctx.site, h)),
      });
    },
  },
];
