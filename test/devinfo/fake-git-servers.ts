/**
 * Just enough of GitHub's and GitLab's hook APIs for automatic installation, on 127.0.0.1: list, create,
 * update and read a repository's hooks. Like the real servers, GitHub pings a new hook at once (signed
 * with its secret) and records the answer as `last_response`; GitLab sends a test push when asked.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { contractsDir } from '../../sandbox/jira/contract/contracts-dir';

export const GOOD_TOKEN = 'good-token';

interface Hook {
  id: number;
  url: string;
  secret: string;
  lastCode: number | null;
}

export interface FakeGitServer {
  url: string;
  hooks: Hook[];
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(z.instanceof(Uint8Array).parse(chunk)));
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : JSON.parse(text);
}

const GhConfig = z.looseObject({ config: z.looseObject({ url: z.string(), secret: z.string() }) });
const GlHook = z.looseObject({ url: z.string(), token: z.string() });

function listen(server: Server, hooks: Hook[]): Promise<FakeGitServer> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        hooks,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

export function fakeGitHub(): Promise<FakeGitServer> {
  const hooks: Hook[] = [];
  const view = (h: Hook) => ({
    id: h.id,
    config: { url: h.url, content_type: 'json' },
    last_response: { code: h.lastCode, status: h.lastCode === null ? 'unused' : 'active', message: null },
  });
  const ping = async (hook: Hook): Promise<void> => {
    const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: hook.id });
    const signature = `sha256=${createHmac('sha256', hook.secret).update(body).digest('hex')}`;
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-GitHub-Event': 'ping',
        'X-GitHub-Delivery': `ping-${hook.id}`,
        'X-Hub-Signature-256': signature,
      },
      body,
    });
    hook.lastCode = res.status;
  };
  const server = createServer((req, res) => {
    void (async () => {
      // Returns true so `return send(…)` reads as "answer and stop".
      const send = (status: number, json: unknown): true => {
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
        return true;
      };
      if (req.headers.authorization !== `Bearer ${GOOD_TOKEN}`)
        return send(401, { message: 'Bad credentials' });
      const match = /^\/repos\/acme\/app\/hooks(?:\/(\d+))?(?:\?.*)?$/.exec(req.url ?? '');
      if (!match) return send(404, { message: 'Not Found' });
      const hook = match[1] === undefined ? undefined : hooks.find((h) => h.id === Number(match[1]));
      if (req.method === 'GET' && match[1] === undefined) return send(200, hooks.map(view));
      if (req.method === 'POST' && match[1] === undefined) {
        const { config } = GhConfig.parse(await bodyOf(req));
        const created: Hook = {
          id: 100 + hooks.length,
          url: config.url,
          secret: config.secret,
          lastCode: null,
        };
        hooks.push(created);
        setTimeout(() => void ping(created), 5);
        return send(201, view(created));
      }
      if (!hook) return send(404, { message: 'Not Found' });
      if (req.method === 'PATCH') {
        const { config } = GhConfig.parse(await bodyOf(req));
        hook.secret = config.secret;
        hook.url = config.url;
        setTimeout(() => void ping(hook), 5);
        return send(200, view(hook));
      }
      return send(200, view(hook));
    })();
  });
  return listen(server, hooks);
}

export function fakeGitLab(): Promise<FakeGitServer> {
  const hooks: Hook[] = [];
  const view = (h: Hook) => ({ id: h.id, url: h.url, alert_status: 'executable' });
  const testPush = async (hook: Hook): Promise<void> => {
    const body = readFileSync(path.join(contractsDir(), '..', 'gitlab-webhooks', 'push.json'), 'utf8');
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Gitlab-Event': 'Push Hook',
        'X-Gitlab-Token': hook.secret,
      },
      body,
    });
    hook.lastCode = res.status;
  };
  const server = createServer((req, res) => {
    void (async () => {
      // Returns true so `return send(…)` reads as "answer and stop".
      const send = (status: number, json: unknown): true => {
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
        return true;
      };
      if (req.headers['private-token'] !== GOOD_TOKEN) return send(401, { message: '401 Unauthorized' });
      const match =
        /^\/api\/v4\/projects\/acme%2Fapp\/hooks(?:\/(\d+))?(\/test\/push_events)?(?:\?.*)?$/.exec(
          req.url ?? '',
        );
      if (!match) return send(404, { message: '404 Project Not Found' });
      const hook = match[1] === undefined ? undefined : hooks.find((h) => h.id === Number(match[1]));
      if (req.method === 'GET' && match[1] === undefined) return send(200, hooks.map(view));
      if (req.method === 'POST' && match[1] === undefined) {
        const input = GlHook.parse(await bodyOf(req));
        const created: Hook = { id: 500 + hooks.length, url: input.url, secret: input.token, lastCode: null };
        hooks.push(created);
        return send(201, view(created));
      }
      if (!hook) return send(404, { message: '404 Not found' });
      if (match[2]) {
        setTimeout(() => void testPush(hook), 5);
        return send(201, { message: '201 Created' });
      }
      if (req.method === 'PUT') {
        const input = GlHook.parse(await bodyOf(req));
        hook.secret = input.token;
        hook.url = input.url;
      }
      return send(200, view(hook));
    })();
  });
  return listen(server, hooks);
}
