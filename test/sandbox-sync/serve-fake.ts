/**
 * A fake tracker's FetchLike behind a real HTTP server on 127.0.0.1, so the app in the sandbox host reaches
 * it as it would the real server: `toUrl` maps the path asked for to the URL the fake understands.
 */
import { createServer, type Server } from 'node:http';
import type { FetchLike } from '../../src/connectors/jira/remote-transport';

/** Headers a connector reads from answers (paging, types), copied when the fake's are not a Headers. */
const PASSED = ['content-type', 'link', 'x-next-page', 'x-total', 'x-total-pages', 'retry-after'];

export function serveFake(fetch: FetchLike, toUrl: (path: string) => string): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
      );
      const body = Buffer.concat(chunks).toString('utf8');
      void fetch(toUrl(req.url ?? '/'), {
        method: req.method ?? 'GET',
        headers,
        ...(body === '' ? {} : { body }),
      }).then(async (answer) => {
        const out: Record<string, string> = {};
        if (answer.headers instanceof Headers) answer.headers.forEach((v, k) => (out[k] = v));
        else
          for (const name of PASSED) {
            const value = answer.headers.get(name);
            if (value !== null) out[name] = value;
          }
        res.writeHead(answer.status, out).end(await answer.text());
      });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
