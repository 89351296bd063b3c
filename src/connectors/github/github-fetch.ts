/**
 * Octokit wants a WHATWG `fetch`; the connectors are given a FetchLike (Forge's egress-checked fetch on
 * the platform). This adapts one to the other. Octokit reads headers by iterating them, while a FetchLike
 * response only answers `get`, so the headers Octokit and the connector use are copied by name.
 */
import type { FetchLike } from '../jira/remote-transport';

const COPIED_HEADERS = [
  'content-type',
  'link',
  'etag',
  'last-modified',
  'location',
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-ratelimit-used',
  'x-ratelimit-resource',
  'x-github-request-id',
  'x-oauth-scopes',
  'x-accepted-oauth-scopes',
  'deprecation',
  'sunset',
];

function requestUrl(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.toString() : input.url;
}

export function fetchFor(fetchLike: FetchLike): typeof fetch {
  return async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== 'string')
      throw new TypeError('the GitHub connector sends only JSON text bodies');
    const res = await fetchLike(requestUrl(input), {
      method: init?.method ?? 'GET',
      headers,
      ...(typeof body === 'string' ? { body } : {}),
    });
    const out = new Headers();
    for (const name of COPIED_HEADERS) {
      const value = res.headers.get(name);
      if (value !== null) out.set(name, value);
    }
    // A 204 or 304 response must not have a body, even an empty one.
    const empty = res.status === 204 || res.status === 304;
    return new Response(empty ? null : await res.arrayBuffer(), { status: res.status, headers: out });
  };
}
