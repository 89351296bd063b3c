/**
 * What the resolvers behind the settings page and the issue panel need from the platform, in one object so
 * the resolver files stay thin and a test could hand in fakes. `forgeAdminDeps` is the real thing on Forge.
 */
import type { EngineDeps } from '../../core/cycle/engine-deps';
import type { ConnectionRepository, SyncStateStore, TrackerPort, WorkQueue } from '../../core/ports';
import type { Connection } from '../../core/schema/connection';
import { forgeEngineFor, forgeLocalTracker, forgeRemoteTracker } from '../compose';
import { forgeWorkQueue } from '../forge-queue';
import { KvsConnectionRepository } from '../kvs/kvs-connection-repository';
import { KvsSyncStateStore } from '../kvs/kvs-sync-state-store';
import { siteQuotasOf, type SiteQuotaState } from './site-quotas';

export interface AdminDeps {
  connections: ConnectionRepository;
  store: SyncStateStore;
  engineFor(connection: Connection): Promise<EngineDeps>;
  /** One side's tracker alone, for reads that need only it (the rule editor's field catalogs). */
  trackerFor(connection: Connection, side: 'local' | 'remote'): Promise<TrackerPort>;
  /** Work too long for a resolver's 25 s (bulk connect) goes to the queue. */
  queue: WorkQueue;
  now(): Date;
  /** The rate governors' stored state of the Jira sites the connection uses, for Activity. */
  siteQuotas(connection: Connection): Promise<SiteQuotaState[]>;
}

export const forgeAdminDeps = (): AdminDeps => ({
  connections: new KvsConnectionRepository(),
  store: new KvsSyncStateStore(),
  engineFor: forgeEngineFor,
  trackerFor: (connection, side) =>
    side === 'local' ? forgeLocalTracker(connection) : forgeRemoteTracker(connection),
  queue: forgeWorkQueue(),
  now: () => new Date(),
  siteQuotas: siteQuotasOf,
});

/** The connections whose local side is this project: a project's admins see and change only these. */
export async function connectionsOfProject(deps: AdminDeps, projectKey: string): Promise<Connection[]> {
  return (await deps.connections.list()).filter((c) => c.localProject === projectKey);
}
