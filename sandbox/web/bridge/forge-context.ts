/**
 * The context a Forge UI sees (`view.getContext()`, and `context` in its resolvers): FullContext from
 * @forge/bridge out/types.d.ts. One builder serves the Custom UI page (embedded in the page for the shim) and
 * the UI Kit runtime (answered server-side), so both surfaces see the same shape.
 */
import { createHash } from 'node:crypto';
import type { SandboxHost } from '../../host';
import type { Account } from '../accounts';
import type { UiModule } from '../ui-manifest';

/**
 * Mirrors sandbox/host/host.ts `uuidFrom('tandem-sandbox-environment:' + appId)`, which the host does not
 * expose yet; resolvers get the host's value, so the two must agree.
 */
function environmentId(appId: string): string {
  const h = createHash('sha256').update(`tandem-sandbox-environment:${appId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface SurfaceContext {
  accountId: string;
  cloudId: string;
  siteUrl: string;
  environmentId: string;
  environmentType: 'DEVELOPMENT';
  localId: string;
  locale: string;
  moduleKey: string;
  timezone: string;
  theme: { colorMode: 'light' };
  extension: Record<string, unknown>;
}

/** `extension` is the module-specific part, e.g. `{ project }` for a settings page, `{ issue, project }` for a panel. */
export function surfaceContext(
  host: SandboxHost,
  localSite: string,
  module: UiModule,
  account: Account,
  extension: Record<string, unknown>,
): SurfaceContext {
  return {
    accountId: account.accountId,
    cloudId: host.cloudId,
    siteUrl: `${host.url}/sites/${localSite}`,
    environmentId: environmentId(host.manifest.appId),
    environmentType: 'DEVELOPMENT',
    // The host's resolver context uses the same localId, so getContext and resolvers agree.
    localId: `${module.key}-sandbox`,
    locale: 'en-US',
    moduleKey: module.key,
    timezone: 'UTC',
    theme: { colorMode: 'light' },
    extension: { type: module.type, ...extension },
  };
}

/**
 * The body for `POST /_sandbox/api/invoke/<functionKey>` (and `host.invoke`): the module picks the resolver
 * function, the account is the principal, and the context carries what the product adds (extension, siteUrl).
 */
export function invokeBody(
  context: SurfaceContext,
  payload: unknown,
): {
  payload?: unknown;
  moduleKey: string;
  accountId: string;
  context: Record<string, unknown>;
} {
  return {
    ...(payload !== undefined ? { payload } : {}),
    moduleKey: context.moduleKey,
    accountId: context.accountId,
    context: {
      accountId: context.accountId,
      moduleKey: context.moduleKey,
      localId: context.localId,
      siteUrl: context.siteUrl,
      extension: context.extension,
    },
  };
}
