import { timingSafeEqual } from 'node:crypto';
import type { Actor } from './domain/actor';
import type { Site } from './site';
import type { Identity } from './types';

/** `Authorization: Basic base64(email:apiToken)` → the user, or `undefined` when it does not check out. */
export function identityFromBasicAuth(site: Site, authorization: string | undefined): Identity | undefined {
  const match = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const user = site.userByEmail(decoded.slice(0, colon));
  const token = Buffer.from(decoded.slice(colon + 1));
  // Constant-time comparison, as for any credential, even in a sandbox.
  const ok = user?.apiTokens.some((t) => {
    const expected = Buffer.from(t);
    return expected.length === token.length && timingSafeEqual(expected, token);
  });
  return user && ok && user.active ? { kind: 'user', accountId: user.accountId } : undefined;
}

/** `Authorization: Bearer <personal access token>` (Data Center) → the user whose token it is. */
export function identityFromBearer(site: Site, authorization: string | undefined): Identity | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return undefined;
  const token = Buffer.from(match[1]);
  const user = Object.values(site.state.users).find(
    (u) =>
      u.active &&
      u.apiTokens.some((t) => {
        const expected = Buffer.from(t);
        return expected.length === token.length && timingSafeEqual(expected, token);
      }),
  );
  return user ? { kind: 'user', accountId: user.accountId } : undefined;
}

/** The account a change is attributed to: the site's app user for the app, else the (active) user. */
export function actorFor(site: Site, identity: Identity): Actor | undefined {
  if (identity.kind === 'app') return { identity, accountId: site.state.appAccountId, byApp: true };
  const user = site.user(identity.accountId);
  return user?.active ? { identity, accountId: user.accountId, byApp: false } : undefined;
}
