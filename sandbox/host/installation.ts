/**
 * Who the app is and where it is installed, as the runtime reports it: app and environment ids, the
 * installation, the local site's cloudId. Derived from seeds rather than random, so a restarted sandbox is the
 * same installation and state keyed by cloudId still matches.
 */
import { createHash } from 'node:crypto';
import type { License } from './license';
import { siteAri, type Installation } from './forge-runtime';
import type { AppManifest } from './manifest';

export function uuidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function sandboxInstallation(
  manifest: AppManifest,
  localSite: string,
  cloudId?: string,
): Installation {
  const cloud = cloudId ?? uuidFrom(`tandem-sandbox-cloud:${localSite}`);
  return {
    appId: manifest.appId,
    environmentId: uuidFrom(`tandem-sandbox-environment:${manifest.appId}`),
    environmentType: 'DEVELOPMENT',
    appVersion: '1.0.0',
    installationId: uuidFrom(`tandem-sandbox-installation:${manifest.appId}:${cloud}`),
    cloudId: cloud,
    scopes: manifest.scopes,
    egress: manifest.egress,
  };
}

/**
 * The second argument of every handler: `{ installContext, principal?, license? }` (@forge/api
 * out/webTrigger.d.ts `WebTriggerContext`; @forge/resolver reads `principal.accountId` and `license` from it,
 * out/index.js getDefinitions). `license` is there only when the install has one (sandbox/host/license.ts).
 */
export const invocationContextArg =
  (cloudId: string, license: () => License | undefined = () => undefined) =>
  (accountId?: string): Record<string, unknown> => {
    const current = license();
    return {
      installContext: siteAri(cloudId),
      ...(accountId !== undefined ? { principal: { accountId } } : {}),
      ...(current !== undefined ? { license: current } : {}),
    };
  };
