/**
 * How the Jira connector reaches a site. On Forge the local site is `asApp().requestJira` (src/platform);
 * a remote site is `fetch` with an API token or a PAT (fetch-transport.ts). Both answer with a fetch-style
 * response, which is all the connector reads.
 */
export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface JiraRequestInit {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** `path` starts at the site root: `/rest/api/3/issue/10001`. */
export type JiraTransport = (path: string, init: JiraRequestInit) => Promise<ResponseLike>;
