import { usernameOf, type Site } from '../site';
import type { User } from '../state';

/** Avatar URLs must be absolute (`format: uri`); Jira points at its avatar service, the emulator at itself. */
function avatarUrls(site: Site, accountId: string): Record<string, string> {
  const base = `${site.baseUrl}/secure/useravatar?ownerId=${encodeURIComponent(accountId)}`;
  return {
    '48x48': `${base}&size=48`,
    '24x24': `${base}&size=24`,
    '16x16': `${base}&size=16`,
    '32x32': `${base}&size=32`,
  };
}

/** The `User`/`UserDetails` shape. Apps have no email address, as in Jira. */
export function renderUser(site: Site, user: User): Record<string, unknown> {
  if (site.dataCenter) return renderDataCenterUser(site, user);
  return {
    self: `${site.api}/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: user.accountType,
    ...(user.email === null ? {} : { emailAddress: user.email }),
    avatarUrls: avatarUrls(site, user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
  };
}

export function renderUserById(site: Site, accountId: string | null): Record<string, unknown> | null {
  if (accountId === null) return null;
  const user = site.user(accountId);
  return user ? renderUser(site, user) : null;
}

/** Data Center's `UserJsonBean`: no account id, the username as `name` and `key`. */
function renderDataCenterUser(site: Site, user: User): Record<string, unknown> {
  const name = usernameOf(user);
  return {
    self: `${site.api}/user?username=${encodeURIComponent(name)}`,
    key: name,
    name,
    ...(user.email === null ? {} : { emailAddress: user.email }),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
  };
}
