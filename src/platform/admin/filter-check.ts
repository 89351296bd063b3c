/**
 * Whether a connection's local filter (a JQL fragment ANDed with the project) lets an issue take part, so
 * the issue panel can say "not linked because the filter excludes it" instead of leaving people guessing.
 */
import api, { route } from '@forge/api';
import { z } from 'zod';
import type { Connection } from '../../core/schema/connection';

const SearchSchema = z.looseObject({ issues: z.array(z.looseObject({ id: z.string() })) });

/** undefined when Jira could not answer (a filter that no longer parses, an outage): say nothing then. */
export async function filterAdmits(connection: Connection, issueId: string): Promise<boolean | undefined> {
  if (connection.localFilter === undefined || connection.localFilter.trim() === '') return true;
  if (!/^\d+$/.test(issueId)) return undefined;
  const jql = `project = ${connection.localProject} AND (${connection.localFilter}) AND id = ${issueId}`;
  const res = await api.asApp().requestJira(route`/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ jql, maxResults: 1, fields: ['id'] }),
  });
  if (!res.ok) return undefined;
  const parsed = SearchSchema.safeParse(await res.json());
  return parsed.success ? parsed.data.issues.length > 0 : undefined;
}
