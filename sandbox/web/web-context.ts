/** What every page handler gets: the host, the manifest's UI side, a Jira client, and the framed-page helper. */
import type { HttpRequest, SandboxHost } from '../host';
import { accountsOf, actingAccount, actingEmail, type Account } from './accounts';
import type { SafeHtml } from './html';
import { JiraClient } from './jira/jira-client';
import { page, type PageOptions } from './look/shell';
import type { UiManifest } from './ui-manifest';
import { Bundler } from './bundler';
import { CspViolations } from './csp/forge-csp';
import { UiKitRuntime } from './uikit/uikit-runtime';

export interface WebContext {
  host: SandboxHost;
  ui: UiManifest;
  /** The site the app is installed on (the product the pages stand for). */
  localSite: string;
  jira: JiraClient;
  uiKit: UiKitRuntime;
  /** Bundles the UI Kit resources and the pages' own scripts. */
  bundler: Bundler;
  /** The repository root: relative paths (client scripts, resources) resolve against it. */
  rootDir: string;
  /** Every CSP violation a Custom UI reported (sandbox/web/csp/forge-csp.ts). */
  cspViolations: CspViolations;
}

export function createWebContext(
  host: SandboxHost,
  ui: UiManifest,
  localSite: string,
  rootDir: string,
): WebContext {
  const jira = new JiraClient(() => host.url);
  const bundler = new Bundler(rootDir);
  const uiKit = new UiKitRuntime({ host, bundler, jira, localSite });
  return { host, ui, localSite, jira, uiKit, bundler, rootDir, cspViolations: new CspViolations() };
}

export function siteExists(ctx: WebContext, site: string): boolean {
  return ctx.host.emulator.siteNames().includes(site);
}

/** The account the request acts as on `site` (default: the local site). */
export function actingOn(
  ctx: WebContext,
  req: HttpRequest,
  site: string = ctx.localSite,
): Account | undefined {
  return actingAccount(ctx.host.emulator, site, actingEmail(req));
}

export function navItems(ctx: WebContext): PageOptions['nav'] {
  return [
    { href: '/', text: 'Your work' },
    ...ctx.host.emulator.siteNames().map((site) => ({
      href: `/sites/${encodeURIComponent(site)}/view`,
      text: site === ctx.localSite ? 'Issues' : `Issues on ${site}`,
    })),
    { href: '/_sandbox/api/health', text: 'Control API' },
  ];
}

export type FrameOptions = Omit<PageOptions, 'nav' | 'acting'> & { site?: string };

/** A full page in Jira's frame, acting-as switch included, for `req`. */
export function framed(ctx: WebContext, req: HttpRequest, options: FrameOptions): SafeHtml {
  const { site = ctx.localSite, ...rest } = options;
  return page({
    ...rest,
    nav: navItems(ctx),
    acting: {
      account: actingOn(ctx, req, site),
      choices: accountsOf(ctx.host.emulator, site),
      returnTo: req.url.pathname + req.url.search,
    },
  });
}
