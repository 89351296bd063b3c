/**
 * What one request costs in points, by the model on Atlassian's "Rate limiting" page
 * (developer.atlassian.com/cloud/jira/platform/rate-limiting/): a read costs 1 plus a charge per object it
 * returns; a write costs its base cost. A request refused before it is served (any 429) costs nothing.
 */

/** POSTs that only read: searches and bulk fetches send their query in the body. */
const READ_POSTS = new Set([
  '/rest/api/3/search/jql',
  '/rest/api/3/search',
  '/rest/api/2/search',
  '/rest/api/3/issue/bulkfetch',
  '/rest/api/3/search/approximate-count',
  '/rest/api/3/workflows',
  '/rest/api/3/comment/list',
]);

export function isRead(method: string, pattern: string): boolean {
  return method === 'GET' || (method === 'POST' && READ_POSTS.has(pattern));
}

/** Collections a Jira answer wraps its objects in, in the order the REST API uses them. */
const COLLECTIONS = [
  'issues',
  'values',
  'comments',
  'worklogs',
  'transitions',
  'workflows',
  'issueLinkTypes',
  // The create metadata of one issue type (PageOfCreateMetaIssueTypeWithField) lists its fields here; an
  // issue's `fields` is an object, never a list, so it still counts as the one object it is.
  'fields',
] as const;

/** The objects an answer returns: a list's entries, a page's entries, or the one object it is. */
export function objectsReturned(body: unknown): number {
  if (Array.isArray(body)) return body.length;
  if (typeof body !== 'object' || body === null) return 0;
  const record = body as Record<string, unknown>;
  for (const name of COLLECTIONS) {
    const list = record[name];
    if (Array.isArray(list)) return list.length;
  }
  return 1;
}

/** Base cost of any call; an answered error costs it too (Jira did the work of refusing). */
const BASE_COST = 1;

export function pointsFor(method: string, pattern: string, status: number, body: unknown): number {
  if (status >= 400) return BASE_COST;
  return isRead(method, pattern) ? BASE_COST + objectsReturned(body) : BASE_COST;
}
