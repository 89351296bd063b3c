/**
 * What a person sees in a browser at the sandbox: the home page, Jira's issue view with the app's UI Kit panel,
 * the project settings page with the app's Custom UI, and plain views of every site's issues to edit them.
 * `mountWebPages(host)` adds these routes to a running host (sandbox/main.ts does it for `npm start`).
 */
import path from 'node:path';
import type { SandboxHost } from '../host';
import { routeTable } from './http';
import { assetRoutes } from './pages/assets';
import { customUiRoutes } from './pages/custom-ui-static';
import { homeRoutes } from './pages/home';
import { issueViewRoutes } from './pages/issue-view';
import { plainActionRoutes } from './pages/plain-actions';
import { plainIssueRoutes } from './pages/plain-issue';
import { plainListRoutes } from './pages/plain-list';
import { projectSettingsRoutes } from './pages/project-settings';
import { sessionRoutes } from './pages/session-routes';
import { loadUiManifest } from './ui-manifest';
import { uiKitRoutes } from './uikit/uikit-routes';
import { createWebContext } from './web-context';

const REPO_ROOT = path.resolve(__dirname, '../..');

export interface WebPagesOptions {
  /** The repository the app lives in; esbuild resolves the UI resources from here. Default: this repository. */
  rootDir?: string;
  /** Default: `<rootDir>/manifest.yml`. Should be the manifest the host was created with. */
  manifestPath?: string;
  /** The site the app is installed on (the host's `localSite`). Default `local`. */
  localSite?: string;
  /** Resource key → path, replacing the manifest's (tests run a fixture panel this way). */
  resourceOverrides?: Readonly<Record<string, string>>;
}

export function mountWebPages(host: SandboxHost, options: WebPagesOptions = {}): void {
  const rootDir = options.rootDir ?? REPO_ROOT;
  const ui = loadUiManifest(
    options.manifestPath ?? path.join(rootDir, 'manifest.yml'),
    options.resourceOverrides,
  );
  const ctx = createWebContext(host, ui, options.localSite ?? 'local', rootDir);
  host.addRoutes(
    routeTable([
      ...assetRoutes(ctx),
      ...sessionRoutes(ctx),
      ...homeRoutes(ctx),
      ...projectSettingsRoutes(ctx),
      ...customUiRoutes(ctx),
      ...issueViewRoutes(ctx),
      ...uiKitRoutes(ctx),
      ...plainListRoutes(ctx),
      ...plainIssueRoutes(ctx),
      ...plainActionRoutes(ctx),
    ]),
  );
}

export { escapeHtml, html, safeHref } from './html';
