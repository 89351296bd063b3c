/**
 * Whether a connection's local filter (a JQL fragment ANDed with the project) lets an issue take part, so
 * the issue panel can say "not linked because the filter excludes it" instead of leaving people guessing.
 */
import api, { route } from '@forge/api';
import { z } from 'zod';
import { ISSUE_ID, jql } from '../../connectors/jira/jql';
import { TrackerError } from '../../core/errors';
import type { Connection } from '../../core/schema/connection';

const SearchSchema = z.looseObject({ issues: z.array(z.looseObject({ id: z.string() })) });

/** undefined when Jira could not answer (a filter that no longer parses, an outage): say nothing then. */
export async function filterAdmits(connection: Connection, issueId: string): Promise<boolean | undefined> {
  if (connection.localFilter === undefined || connection.localFilter.trim() === '') return true;
  if (!ISSUE_ID.test(issueId)) return undefined;
  let query: string;
  try {
    query = jql.idInScope({ project: connection.localProject, filter: connection.localFilter }, issueId);
  } catch (err) {
    // A filter that cannot be used safely is reported by every cycle of the connection; nothing to add here.
    if (err instanceof TrackerError) return undefined;
    throw err;
  }
  const res = await api.asApp().requestJira(route`/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ jql: query, maxResults: 1, fields: ['id'] }),
  });
  if (!res.ok) return undefined;
  const parsed = SearchSchema.safeParse(await res.json());
  return parsed.success ? parsed.data.issues.length > 0 : undefined;
}
