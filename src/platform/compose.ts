/**
 * Builds the engine for one connection on Forge: the local site through requestJira, the remote tracker
 * from the connector registry with its credentials from secret storage, state in KVS.
 */
import { fetch as forgeFetch } from '@forge/api';
import { randomUUID } from 'node:crypto';
import { CONNECTORS } from '../connectors/registry';
import { JiraTracker } from '../connectors/jira/jira-tracker';
import { jiraFieldRules } from '../connectors/jira/jira-fields';
import type { FetchLike } from '../connectors/jira/remote-transport';
import { userMappingFor } from '../connectors/jira/user-mapping';
import type { EngineDeps } from '../core/cycle/engine-deps';
import type { TrackerPort } from '../core/ports';
import type { Connection } from '../core/schema/connection';
import { readJiraRateHeaders, type Lane } from '../core/rate';
import { forgeClock } from './forge-clock';
import { siteGovernor } from './rate/site-governor';
import { forgeJiraTransport } from './jira/forge-jira-transport';
import { KvsSyncStateStore } from './kvs/kvs-sync-state-store';
import { readCredential } from './kvs/secret-store';
import { localSiteUrl } from './site-info';

/** Forge's egress-checked fetch, taking bytes as an ArrayBuffer as it wants. */
const fetchForRemote: FetchLike = (url, init) =>
  forgeFetch(url, {
    method: init.method,
    headers: init.headers,
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : new Uint8Array(init.body).buffer }),
  });

/**
 * `lane`: whose work this invocation does. Live (a person's edit, a webhook, Sync now) may spend the quota's
 * reserve; background (schedule, backfill, continuations) stops before it.
 */
export async function forgeEngineFor(connection: Connection, lane: Lane = 'live'): Promise<EngineDeps> {
  const local = await forgeLocalTracker(connection, lane);
  const remote = await forgeRemoteTracker(connection, lane);
  return { local, remote, store: new KvsSyncStateStore(), clock: forgeClock, newId: randomUUID };
}

/** The connection's project on this site, as the app. */
export async function forgeLocalTracker(connection: Connection, lane: Lane = 'live'): Promise<JiraTracker> {
  const siteUrl = await localSiteUrl();
  return new JiraTracker({
    transport: forgeJiraTransport,
    label: 'this Jira site',
    governor: siteGovernor(siteUrl, 'Jira', lane, readJiraRateHeaders),
    browseBase: siteUrl,
    project: connection.localProject,
    ...(connection.localFilter ? { filter: connection.localFilter } : {}),
    users: userMappingFor(connection, 'local'),
    ruleKinds: connection.rules.map((r) => r.kind),
    fieldRules: jiraFieldRules(connection.rules, 'local'),
    // Creating versions and components needs manage:jira-project, which the manifest does not request.
    mayCreateProjectItems: false,
    now: () => forgeClock.now(),
  });
}

/** The connection's remote tracker, with its credentials from secret storage. */
export function forgeRemoteTracker(connection: Connection, lane: Lane = 'live'): Promise<TrackerPort> {
  return CONNECTORS[connection.remote.kind].create({
    connection,
    credential: (name) => readCredential(connection.id, name),
    fetch: fetchForRemote,
    now: () => forgeClock.now(),
    governor: (site, label) => siteGovernor(site, label, lane, readJiraRateHeaders),
  });
}
