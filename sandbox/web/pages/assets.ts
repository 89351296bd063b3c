/** `GET /_sandbox/web/assets/<name>`: the pages' CSS (tokens, Jira look) and their scripts, bundled from client/. */
import path from 'node:path';
import { sendText } from '../../host';
import type { WebRoute } from '../http';
import { FORGE_CSS } from '../look/forge-css';
import { PAGE_CSS } from '../look/page-css';
import { tokensCss } from '../look/tokens';
import type { WebContext } from '../web-context';

const CLIENT_DIR = path.join(__dirname, '..', 'client');

export const CLIENT_SCRIPTS: Readonly<Record<string, string>> = {
  'custom-ui-bridge.js': path.join(CLIENT_DIR, 'custom-ui-bridge.ts'),
  'custom-ui-host.js': path.join(CLIENT_DIR, 'custom-ui-host.ts'),
  'uikit-panel.js': path.join(CLIENT_DIR, 'uikit-panel.ts'),
};

export function assetRoutes(ctx: WebContext): WebRoute[] {
  return [
    {
      method: 'GET',
      pattern: /^\/_sandbox\/web\/assets\/([a-z0-9.-]+)$/,
      handler: async (_req, res, [name]) => {
        if (name === 'tokens.css') return sendText(res, 200, 'text/css; charset=utf-8', tokensCss());
        if (name === 'jira.css') return sendText(res, 200, 'text/css; charset=utf-8', PAGE_CSS + FORGE_CSS);
        const entry = name === undefined ? undefined : CLIENT_SCRIPTS[name];
        if (entry === undefined)
          return sendText(res, 404, 'text/plain; charset=utf-8', `no asset ${name ?? ''}`);
        const bundle = await ctx.bundler.get(entry);
        sendText(res, 200, 'text/javascript; charset=utf-8', bundle.code);
      },
    },
  ];
}
