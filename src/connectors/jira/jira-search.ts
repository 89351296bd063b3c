/**
 * One page of a JQL search. Cloud pages with an opaque `nextPageToken` (`/search/jql`); Data Center has only
 * `POST /rest/api/2/search`, paged by `startAt` against `total`, whose offset is the token here. DC search
 * cannot return issue properties (JRASERVER-62898), so its issues come without the origin marker.
 */
import { z } from 'zod';
import type { JiraClient } from './jira-client';
import type { JiraFlavor } from './jira-flavor';
import { ORIGIN_PROPERTY } from './jira-mapping';
import { JiraIssueSchema, JiraSearchPageSchema, type JiraIssue } from './jira-schemas';

export const SEARCH_PAGE = 100;

export interface SearchPage {
  issues: JiraIssue[];
  next?: string;
}

const OffsetPageSchema = z.object({
  issues: z.array(JiraIssueSchema),
  startAt: z.number(),
  total: z.number(),
});

export async function searchIssues(
  client: JiraClient,
  flavor: JiraFlavor,
  query: { jql: string; fields: string[] },
  token?: string,
): Promise<SearchPage> {
  if (flavor === 'data-center') {
    const startAt = token === undefined ? 0 : Number(token);
    const page = await client.json('/rest/api/2/search', OffsetPageSchema, {
      method: 'POST',
      json: { ...query, startAt, maxResults: SEARCH_PAGE },
    });
    const end = page.startAt + page.issues.length;
    return page.issues.length > 0 && end < page.total
      ? { issues: page.issues, next: String(end) }
      : { issues: page.issues };
  }
  const page = await client.json('/rest/api/3/search/jql', JiraSearchPageSchema, {
    method: 'POST',
    json: {
      ...query,
      properties: [ORIGIN_PROPERTY],
      maxResults: SEARCH_PAGE,
      ...(token === undefined ? {} : { nextPageToken: token }),
    },
  });
  return page.isLast === false && page.nextPageToken
    ? { issues: page.issues, next: page.nextPageToken }
    : { issues: page.issues };
}
