import type { Site } from '../site';
import type { Identity } from '../types';

/** The resolved caller of one request: its identity and the Jira account that changes are attributed to. */
export interface Actor {
  readonly identity: Identity;
  readonly accountId: string;
  readonly byApp: boolean;
}

/** The site's admin as a person (not the app): for seeds and tests that write straight into a site's state. */
export function siteAdminActor(site: Site): Actor {
  const admin = Object.values(site.state.users).find((u) => u.admin);
  if (!admin) throw new Error(`site ${site.name} has no admin to act as`);
  return { identity: { kind: 'user', accountId: admin.accountId }, accountId: admin.accountId, byApp: false };
}
