/**
 * The Jira sites a connection spends points on, each with its rate governor's stored state: this site,
 * and the partner when it is a Jira (the other trackers' connectors do not use the governor yet). Activity
 * reads them; nothing is asked of Jira, so opening the page costs no points.
 */
import type { Side } from '../../core/model';
import type { GovernorState } from '../../core/rate';
import type { Connection } from '../../core/schema/connection';
import { kvsGovernorStore } from '../rate/kvs-governor-store';
import { localSiteUrl } from '../site-info';

export interface SiteQuotaState {
  readonly side: Side;
  readonly label: string;
  readonly state: GovernorState | undefined;
}

export async function siteQuotasOf(connection: Connection): Promise<SiteQuotaState[]> {
  // The same site strings the engine's governors are keyed by (compose.ts, connectors/registry.ts).
  const sites: { side: Side; label: string; site: string }[] = [
    { side: 'local', label: 'This Jira site', site: await localSiteUrl() },
  ];
  const remote = connection.remote.baseUrl;
  if (connection.remote.kind === 'jira' && remote)
    sites.push({ side: 'remote', label: `Remote Jira (${new URL(remote).host})`, site: remote });
  return Promise.all(
    sites.map(async ({ side, label, site }) => ({ side, label, state: await kvsGovernorStore(site).load() })),
  );
}
