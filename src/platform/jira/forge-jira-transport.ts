/**
 * The local site through Forge: `asApp().requestJira`. Calls made as the app are the app's own changes,
 * which is what lets triggers with `ignoreSelf` skip the echoes of our writes.
 */
import api, { assumeTrustedRoute } from '@forge/api';
import type { JiraTransport } from '../../connectors/jira/jira-transport';

export const forgeJiraTransport: JiraTransport = (path, init) =>
  api.asApp().requestJira(assumeTrustedRoute(path), {
    method: init.method,
    ...(init.headers ? { headers: init.headers } : {}),
    // requestJira takes a string or an ArrayBuffer; copy a byte view into a buffer of its own.
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : new Uint8Array(init.body).buffer }),
  });
