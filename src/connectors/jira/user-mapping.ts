/** The connection's user map, seen from one side: partner account ids and emails → this side's ids. */
import type { Side } from '../../core/model';
import type { Connection } from '../../core/schema/connection';
import type { UserMapping } from './user-resolver';

export function userMappingFor(connection: Connection, side: Side): UserMapping {
  const explicit = new Map<string, string>();
  for (const entry of connection.users.map) {
    if (side === 'remote') explicit.set(entry.local, entry.remote);
    else explicit.set(entry.remote, entry.local);
  }
  const fallback = side === 'remote' ? connection.users.defaultRemote : connection.users.defaultLocal;
  return fallback === undefined ? { explicit } : { explicit, defaultAccountId: fallback };
}
