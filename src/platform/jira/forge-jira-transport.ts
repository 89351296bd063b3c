/**
 * The local site through Forge: `asApp().requestJira`. Calls made as the app are the app's own changes,
 * which is what lets triggers with `ignoreSelf` skip the echoes of our writes.
 */
import api, { assumeTrustedRoute } from '@forge/api';
import type { JiraTransport } from '../../connectors/jira/jira-transport';
import { TrackerError } from '../../core/errors';
import { findJiraEndpoint } from './jira-endpoints';

export const forgeJiraTransport: JiraTransport = (path, init) => {
  // The path is computed, so @forge/lint cannot see it: only listed endpoints have had their scopes checked.
  // Not retryable: asking again cannot make an unchecked call checked.
  if (!findJiraEndpoint(init.method, path))
    return Promise.reject(
      new TrackerError(
        'forbidden',
        `${init.method} ${path.split('?', 1)[0] ?? path} is not in src/platform/jira/jira-endpoints.ts; list it there so check:forge checks its scope`,
      ),
    );
  return api.asApp().requestJira(assumeTrustedRoute(path), {
    method: init.method,
    ...(init.headers ? { headers: init.headers } : {}),
    // requestJira takes a string or an ArrayBuffer; copy a byte view into a buffer of its own.
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : new Uint8Array(init.body).buffer }),
  });
};
