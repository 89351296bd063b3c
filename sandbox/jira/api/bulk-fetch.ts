/**
 * `POST /rest/api/3/issue/bulkfetch` ("Bulk fetch issues", platform OpenAPI v3, `BulkFetchIssueRequestBean`
 * → `BulkIssueResults`): up to 100 issues by id or key, mixed. "Issues will be returned in ascending `id`
 * order"; an identifier matching no issue the caller may browse is left out, not listed in `issueErrors`
 * ("Issues which aren't found or that the user doesn't have permission to view won't be returned in this
 * list"), which the emulator therefore always answers empty. No ids, or more than 100, is a 400. The
 * default fields are the navigable ones ("This differs from GET issue where the default is all fields").
 * A read: it costs 1 point plus 1 per issue returned (rate-limits/cost.ts).
 */
import { z } from 'zod';
import { canBrowse } from '../domain/permissions';
import { parseJsonBody } from '../http/body';
import { badRequest, json } from '../http/reply';
import type { Route } from '../http/router';
import { selectFields } from '../render/field-selection';
import { renderIssue } from '../render/issue';
import type { Issue } from '../state';

export const BULK_FETCH_MAX = 100;

const BulkFetchBody = z.looseObject({
  issueIdsOrKeys: z.array(z.string()).optional(),
  fields: z.array(z.string()).optional(),
  expand: z.array(z.string()).optional(),
  properties: z.array(z.string()).optional(),
  fieldsByKeys: z.boolean().optional(),
});

export const bulkFetchRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/rest/api/3/issue/bulkfetch',
    handler: (ctx) => {
      const body = parseJsonBody(ctx.body, BulkFetchBody);
      const wanted = body.issueIdsOrKeys ?? [];
      if (wanted.length === 0) throw badRequest('issueIdsOrKeys must not be empty.');
      if (wanted.length > BULK_FETCH_MAX)
        throw badRequest(`You can request a maximum of ${BULK_FETCH_MAX} issues.`);
      if ((body.properties?.length ?? 0) > 5)
        throw badRequest('A maximum of 5 issue property keys can be specified.');
      const found = new Map<string, Issue>();
      for (const ref of wanted) {
        const issue = ctx.site.findIssue(ref);
        if (issue && canBrowse(ctx.site, ctx.actor, issue)) found.set(issue.id, issue);
      }
      const view = {
        fields: selectFields(
          ctx.site,
          body.fields?.flatMap((f) => f.split(',')).map((f) => f.trim()),
          '*navigable',
        ),
        expand: new Set(body.expand ?? []),
        properties: body.properties ?? [],
      };
      const issues = [...found.values()].sort((a, b) => Number(a.id) - Number(b.id));
      return json({ issues: issues.map((i) => renderIssue(ctx.site, i, view)), issueErrors: [] });
    },
  },
];
