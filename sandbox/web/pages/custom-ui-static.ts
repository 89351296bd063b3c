/**
 * `GET /_sandbox/web/custom-ui/<resourceKey>/<file>`: a Custom UI resource's files, as Forge's CDN serves them to
 * the iframe. index.html gets the bridge shim as its first script (Forge injects its own bridge the same way), so
 * `window.__bridge` exists before the app's bundle runs. Only files inside the resource directory are served.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sendJson, sendText } from '../../host';
import { CSP_REPORT_PATH, forgeCsp } from '../csp/forge-csp';
import type { WebRoute } from '../http';
import { ASSET_PREFIX } from '../look/shell';
import type { WebContext } from '../web-context';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export const SHIM_TAG = `<script src="${ASSET_PREFIX}/custom-ui-bridge.js"></script>`;

export function injectShim(indexHtml: string): string {
  const head = /<head[^>]*>/i.exec(indexHtml);
  if (!head) return SHIM_TAG + indexHtml;
  const at = head.index + head[0].length;
  return `${indexHtml.slice(0, at)}\n    ${SHIM_TAG}${indexHtml.slice(at)}`;
}

/** The Custom UI directory of `resourceKey`, if a module uses it as Custom UI. */
export function customUiDir(ctx: WebContext, resourceKey: string): string | undefined {
  return ctx.ui.modules.find((m) => m.kind === 'custom-ui' && m.resourceKey === resourceKey)?.resourcePath;
}

export function customUiBuilt(dir: string): boolean {
  return existsSync(path.join(dir, 'index.html'));
}

export function customUiRoutes(ctx: WebContext): WebRoute[] {
  return [
    {
      method: 'GET',
      pattern: /^\/_sandbox\/web\/custom-ui\/([^/]+)\/(.*)$/,
      handler: (_req, res, [resourceKey = '', rest = '']) => {
        const dir = customUiDir(ctx, resourceKey);
        if (dir === undefined)
          return sendText(res, 404, 'text/plain; charset=utf-8', `no Custom UI resource '${resourceKey}'`);
        const file = path.resolve(dir, rest === '' ? 'index.html' : rest);
        const inside = file.startsWith(dir + path.sep);
        if (!inside || !existsSync(file) || !statSync(file).isFile()) {
          return sendText(
            res,
            404,
            'text/plain; charset=utf-8',
            `no file ${rest} in resource ${resourceKey}`,
          );
        }
        const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
        if (file === path.join(dir, 'index.html')) {
          const indexHtml = readFileSync(file, 'utf8');
          // The policy is computed from the resource as built, as Forge's CDN does, not from the shimmed copy.
          res.setHeader('Content-Security-Policy', forgeCsp(indexHtml, ctx.ui.permissions));
          return sendText(res, 200, type, injectShim(indexHtml));
        }
        res.writeHead(200, { 'content-type': type });
        res.end(readFileSync(file));
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${CSP_REPORT_PATH}$`),
      handler: (req, res) => {
        let report: unknown = undefined;
        try {
          report = JSON.parse(req.body?.toString('utf8') ?? '');
        } catch {
          // Counted all the same: an unreadable report is still a violation.
        }
        ctx.cspViolations.record(report);
        res.writeHead(204);
        res.end();
      },
    },
    {
      method: 'GET',
      pattern: /^\/_sandbox\/web\/csp-violations$/,
      handler: (_req, res) => {
        sendJson(res, 200, { violations: ctx.cspViolations.list() });
      },
    },
  ];
}
