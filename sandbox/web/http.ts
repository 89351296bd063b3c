/**
 * The small HTTP vocabulary of the web pages: a route table on top of the host's `RouteHandler`, HTML and
 * redirect answers, and zod-parsed form and JSON bodies (posted bodies are never trusted as typed).
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { HttpRequest, RouteHandler } from '../host';
import { sendJson, sendText } from '../host';
import type { SafeHtml } from './html';

export type WebHandler = (
  req: HttpRequest,
  res: ServerResponse,
  params: readonly string[],
) => void | Promise<void>;

export interface WebRoute {
  method: 'GET' | 'POST';
  /** Matched against the decoded-per-segment path; capture groups become `params`. */
  pattern: RegExp;
  handler: WebHandler;
}

/** Claims only the paths in `routes`; every other request goes on to the host's next handler. */
export function routeTable(routes: readonly WebRoute[]): RouteHandler {
  return async (req, res) => {
    const path = req.url.pathname;
    const matching = routes
      .map((route) => ({ route, match: route.pattern.exec(path) }))
      .filter((m) => m.match !== null);
    if (matching.length === 0) return false;
    const hit = matching.find((m) => m.route.method === req.method);
    if (!hit?.match) {
      sendText(res, 405, 'text/plain; charset=utf-8', `${req.method} is not allowed on ${path}`);
      return true;
    }
    const params = hit.match.slice(1).map((p) => decodeURIComponent(p));
    try {
      await hit.route.handler(req, res, params);
    } catch (err) {
      if (res.headersSent) res.end();
      else if (err instanceof BadRequestError) {
        // Scripts post JSON and read JSON back; a form post gets text a person can read.
        if (req.headers['content-type']?.includes('json') === true)
          sendJson(res, 400, { error: { message: err.message } });
        else sendText(res, 400, 'text/plain; charset=utf-8', err.message);
      } else throw err;
    }
    return true;
  };
}

export class BadRequestError extends Error {}

/** zod issues as one line a person can read in a flash message: `summary: the summary is required`. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`)
    .join('; ');
}

export function sendHtml(res: ServerResponse, status: number, page: SafeHtml): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(page.value);
}

export { sendJson };

/** 303 See Other: the browser follows with GET, so a reload does not post the form again. */
export function redirect(
  res: ServerResponse,
  location: string,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(303, { location, ...headers });
  res.end();
}

/** Parses an `application/x-www-form-urlencoded` body (what an HTML form posts) with `schema`. */
export function readForm<S extends z.ZodType>(req: HttpRequest, schema: S): z.output<S> {
  const params = new URLSearchParams(req.body?.toString('utf8') ?? '');
  const fields: Record<string, string> = {};
  for (const [key, value] of params) fields[key] = value;
  const parsed = schema.safeParse(fields);
  if (!parsed.success) throw new BadRequestError(describeIssues(parsed.error));
  return parsed.data;
}

/** Parses a JSON body with `schema`; an empty body is `{}`. */
export function readJson<S extends z.ZodType>(req: HttpRequest, schema: S): z.output<S> {
  let value: unknown = {};
  if (req.body !== undefined) {
    try {
      value = JSON.parse(req.body.toString('utf8'));
    } catch {
      throw new BadRequestError('request body is not valid JSON');
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadRequestError(describeIssues(parsed.error));
  return parsed.data;
}

export function readCookie(req: HttpRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A path on this server to go back to after a POST; anything else (another host, `//evil`) becomes `/`. */
export function localPath(value: string | undefined): string {
  if (value?.startsWith('/') !== true || value.startsWith('//') || value.includes('\\')) return '/';
  return value;
}
