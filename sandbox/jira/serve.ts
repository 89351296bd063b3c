import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from '../read-body';
import type { AddressInfo } from 'node:net';
import { JiraEmulator } from './emulator';
import { requestFromUrl } from './request-from-url';
import { DEMO_USERS, seedDemo } from './seed';

/**
 * Mounts the emulator on HTTP at `http://127.0.0.1:PORT/sites/<site>/rest/...`, so off-the-shelf clients (jira.js
 * with `host` = `.../sites/<site>` and basic auth `email:apiToken`) work unchanged.
 */

export interface JiraHttpServer {
  readonly server: Server;
  readonly port: number;
  /** `http://127.0.0.1:PORT`; a site lives under `${url}/sites/<site>`. */
  readonly url: string;
  siteUrl(site: string): string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Largest request body read, in bytes. */
  readonly maxBodyBytes?: number;
}

const SITE_PATH = /^\/sites\/([^/?]+)(\/.*)$/;

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return headers;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(body));
}

async function route(
  emulator: JiraEmulator,
  req: IncomingMessage,
  res: ServerResponse,
  maxBody: number,
): Promise<void> {
  const match = SITE_PATH.exec(req.url ?? '/');
  if (!match?.[1] || match[2] === undefined) {
    sendJson(res, 404, { errorMessages: ['Use /sites/<site>/rest/...'], errors: {} });
    return;
  }
  const site = decodeURIComponent(match[1]);
  const headers = headersOf(req);
  const identity = emulator.identityFromAuthorization(site, headers.authorization);
  if (!identity) {
    sendJson(res, 401, {
      errorMessages: ['Client must be authenticated to access this resource.'],
      errors: {},
    });
    return;
  }
  const body = await readBody(req, maxBody);
  const answer = await emulator.handle(
    requestFromUrl({ site, method: req.method ?? 'GET', pathAndQuery: match[2], headers, body }),
    identity,
  );
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

export async function serveJiraEmulator(
  emulator: JiraEmulator,
  options: ServeOptions = {},
): Promise<JiraHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const server = createServer((req, res) => {
    route(emulator, req, res, maxBody).catch((err: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { errorMessages: [err instanceof Error ? err.message : String(err)], errors: {} });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? (address satisfies AddressInfo).port : 0;
  const url = `http://${host}:${port}`;
  emulator.setBaseUrl((site) => `${url}/sites/${site}`);
  return {
    server,
    port,
    url,
    siteUrl: (site) => `${url}/sites/${site}`,
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

/** `npx tsx sandbox/jira/serve.ts [port]`: a seeded emulator for poking at by hand. */
async function main(): Promise<void> {
  const emulator = new JiraEmulator();
  seedDemo(emulator);
  const served = await serveJiraEmulator(emulator, { port: Number(process.argv[2] ?? 0) });
  console.log(`Jira emulator: ${served.siteUrl('local')} and ${served.siteUrl('partner')}`);
  for (const u of Object.values(DEMO_USERS))
    console.log(`  ${u.email} / ${u.apiToken}${u.admin ? ' (admin)' : ''}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
