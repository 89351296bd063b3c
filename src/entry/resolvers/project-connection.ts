/**
 * A connection id from a payload, checked against the caller's project: an admin of one project must not
 * read or change another project's connections by guessing an id. Unknown and foreign ids get the same
 * answer, so ids do not leak across projects.
 */
import type { Connection } from '../../core/schema/connection';
import type { AdminDeps } from '../../platform/admin/admin-deps';
import { ResolverFailure } from './guarded';

export async function requireConnection(
  deps: AdminDeps,
  projectKey: string,
  connectionId: string,
): Promise<Connection> {
  const connection = await deps.connections.get(connectionId);
  if (connection?.localProject !== projectKey) {
    throw new ResolverFailure({
      code: 'not_found',
      message: `project ${projectKey} has no connection ${connectionId}`,
      field: 'connectionId',
    });
  }
  return connection;
}
