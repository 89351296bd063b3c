/** The bodies of `GET /_sandbox/api/health` and `GET /_sandbox/api/demo`. */
import type { JiraEmulator } from '../jira';
import type { ProductEventCounts } from './events-bridge';
import type { AppManifest } from './manifest';
import type { PendingCounts } from './pending-work';

export interface HealthInput {
  url: string;
  emulator: JiraEmulator;
  manifest: AppManifest;
  productEvents: ProductEventCounts;
  pending: PendingCounts;
}

export function healthBody({ url, emulator, manifest, productEvents, pending }: HealthInput): unknown {
  const modules = [
    ...manifest.triggers.map((m) => ({ kind: 'trigger', key: m.key, function: m.function })),
    ...manifest.scheduled.map((m) => ({ kind: 'scheduledTrigger', key: m.key, function: m.function })),
    ...manifest.consumers.map((m) => ({ kind: 'consumer', key: m.key, function: m.function })),
    ...manifest.webtriggers.map((m) => ({ kind: 'webtrigger', key: m.key, function: m.function })),
    ...manifest.resolvers.map((m) => ({ kind: m.type, key: m.key, function: m.function })),
  ];
  return {
    ok: true,
    url,
    sites: emulator.siteNames(),
    functions: [...manifest.functions.keys()],
    modules,
    productEvents,
    pending,
  };
}

/** Every site with the users that can log in (an API token), for people and tools to try the demo. */
export function demoBody(
  url: string,
  emulator: JiraEmulator,
  localSite: string,
  seeded: { connections: unknown[]; gitIntegrations: unknown[] },
): unknown {
  return {
    url,
    sites: emulator.siteNames().map((name) => ({
      name,
      baseUrl: `${url}/sites/${name}`,
      installed: name === localSite,
      users: Object.values(emulator.site(name).state.users)
        .filter((u) => u.apiTokens.length > 0)
        .map((u) => ({
          email: u.email,
          apiToken: u.apiTokens[0],
          accountId: u.accountId,
          displayName: u.displayName,
          admin: u.admin,
        })),
    })),
    connections: seeded.connections,
    gitIntegrations: seeded.gitIntegrations,
  };
}
