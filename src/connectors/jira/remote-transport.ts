/**
 * A partner Jira reached over HTTPS: Cloud with email + API token (basic auth, REST v3), Data Center with a
 * personal access token (bearer, REST v2). The fetch function is injected so the Forge platform can give
 * its egress-checked `fetch`, and tests a local one.
 */
import type { JiraRequestInit, JiraTransport, ResponseLike } from './jira-transport';

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string | Uint8Array },
) => Promise<ResponseLike>;

export type RemoteJiraAuth =
  | { kind: 'cloud'; email: string; apiToken: string }
  | { kind: 'data-center'; personalAccessToken: string };

export function remoteJiraTransport(
  baseUrl: string,
  auth: RemoteJiraAuth,
  fetchImpl: FetchLike,
): JiraTransport {
  const root = baseUrl.replace(/\/+$/, '');
  const authorization =
    auth.kind === 'cloud'
      ? `Basic ${Buffer.from(`${auth.email}:${auth.apiToken}`).toString('base64')}`
      : `Bearer ${auth.personalAccessToken}`;
  return (path: string, init: JiraRequestInit) => {
    // Data Center serves the same operations under v2; where it differs (search, wiki text, users,
    // attachment bytes) the tracker's flavour chooses the request, see jira-flavor.ts.
    const versioned = auth.kind === 'data-center' ? path.replace('/rest/api/3/', '/rest/api/2/') : path;
    return fetchImpl(`${root}${versioned}`, {
      method: init.method,
      headers: { ...init.headers, Authorization: authorization },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
  };
}
