/**
 * Who the person at the browser is acting as. Jira pages run as the logged-in user; the sandbox has no login, so
 * the page lets you pick a demo account (a cookie remembers it, `?as=<email>` overrides it for one link).
 * The same emails exist on every seeded site with the same account ids, as in Atlassian Cloud.
 */
import type { HttpRequest } from '../host';
import type { JiraEmulator } from '../jira';
import { DEMO_USERS } from '../jira';
import { readCookie } from './http';

export const ACTING_COOKIE = 'tandem-sandbox-as';
export const DEFAULT_EMAIL: string = DEMO_USERS.admin.email;

export interface Account {
  email: string;
  accountId: string;
  displayName: string;
  admin: boolean;
  /** For basic auth against the site's REST API; undefined for people without a token. */
  apiToken: string | undefined;
}

/** The people (not apps) of a site who have an email: the ones a browser user can act as. */
export function accountsOf(emulator: JiraEmulator, site: string): Account[] {
  if (!emulator.siteNames().includes(site)) return [];
  return Object.values(emulator.site(site).state.users)
    .filter((u) => u.accountType === 'atlassian' && u.active && u.email !== null)
    .map((u) => ({
      email: u.email ?? '',
      accountId: u.accountId,
      displayName: u.displayName,
      admin: u.admin,
      apiToken: u.apiTokens[0],
    }))
    .sort((a, b) => Number(b.admin) - Number(a.admin) || a.email.localeCompare(b.email));
}

/** The email the request acts as: `?as=`, then the cookie, then the demo admin. */
export function actingEmail(req: HttpRequest): string {
  return req.url.searchParams.get('as') ?? readCookie(req, ACTING_COOKIE) ?? DEFAULT_EMAIL;
}

/** The account for `email` on `site`, falling back to the site's first admin when that email has none there. */
export function actingAccount(emulator: JiraEmulator, site: string, email: string): Account | undefined {
  const accounts = accountsOf(emulator, site);
  return accounts.find((a) => a.email === email) ?? accounts.find((a) => a.admin) ?? accounts[0];
}
