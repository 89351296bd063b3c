/**
 * The host's one HTTP server on 127.0.0.1: reads each request body once, then offers the request to the route
 * handlers in order until one answers. Handlers added later (web pages) are tried before the fallback page.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody } from '../../read-body';
import type { AddressInfo } from 'node:net';
import { sendJson, type HttpRequest, type RouteHandler } from './http-types';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface HttpServerParts {
  /** Tried first, in order (control API, web triggers, sites). */
  core: readonly RouteHandler[];
  /** Tried after the core ones, in the order they were added. */
  added: readonly RouteHandler[];
  /** Answers what nobody else did (the home page, then 404). */
  fallback: RouteHandler;
}

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

async function dispatch(parts: HttpServerParts, raw: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(raw, MAX_BODY_BYTES);
  const req: HttpRequest = {
    method: (raw.method ?? 'GET').toUpperCase(),
    url: new URL(raw.url ?? '/', 'http://127.0.0.1'),
    headers: raw.headers,
    body,
  };
  for (const handler of [...parts.core, ...parts.added, parts.fallback]) {
    if (await handler(req, res)) return;
  }
  sendJson(res, 404, { error: `nothing at ${req.method} ${req.url.pathname}` });
}

export async function startHttpServer(
  parts: HttpServerParts,
  port: number,
  host: string,
): Promise<RunningServer> {
  const server = createServer((req, res) => {
    dispatch(parts, req, res).catch((err: unknown) => {
      const status = err instanceof BodyTooLargeError ? 413 : 500;
      if (!res.headersSent)
        sendJson(res, status, { error: err instanceof Error ? err.message : String(err) });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort =
    typeof address === 'object' && address !== null ? (address satisfies AddressInfo).port : port;
  return {
    server,
    port: actualPort,
    url: `http://${host}:${actualPort}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => {
          if (err) reject(err);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
