/** The request and route shapes shared by the host's HTTP surfaces (control API, web triggers, sites, pages). */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

export interface HttpRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The whole body; `undefined` when empty. */
  body: Buffer | undefined;
}

/**
 * Answers a request, or returns false to let the next handler try. Pages added with `host.addRoutes` use the
 * same shape, so they can be mounted without knowing how the server is built.
 */
export type RouteHandler = (req: HttpRequest, res: ServerResponse) => boolean | Promise<boolean>;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}

/** Header values as Forge hands them to web triggers: always arrays of strings. */
export function headerLists(headers: IncomingHttpHeaders): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    lists[name] = Array.isArray(value) ? value : [value];
  }
  return lists;
}

/** Headers joined into single strings, as the Jira emulator takes them. */
export function headerStrings(headers: IncomingHttpHeaders): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) joined[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return joined;
}
