import type { EmulatorRequest } from './types';

/**
 * Builds an `EmulatorRequest` from a path that still carries its query string, as both the HTTP server and
 * Forge's `requestJira(route\`/rest/api/3/...?\`)` see it. Repeated parameters become arrays.
 */
export function requestFromUrl(input: {
  site: string;
  method: string;
  pathAndQuery: string;
  headers: Readonly<Record<string, string>>;
  body: Buffer | undefined;
}): EmulatorRequest {
  const url = new URL(input.pathAndQuery, 'http://emulator.invalid');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return {
    site: input.site,
    method: input.method,
    path: url.pathname,
    query,
    headers: input.headers,
    body: input.body,
  };
}
