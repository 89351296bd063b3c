/**
 * Settings page, credentials: write-only. A value goes straight to Forge secret storage; the answer says
 * only "set" or "not set", and nothing here logs a payload.
 */
import type Resolver from '@forge/resolver';
import type { AdminDeps } from '../../platform/admin/admin-deps';
import { credentialNames } from '../../platform/admin/connection-views';
import { deleteCredential, saveCredential } from '../../platform/kvs/secret-store';
import { defineAdmin } from './define-guarded';
import { ResolverFailure } from './guarded';
import { requireConnection } from './project-connection';

export function defineCredentials(resolver: Resolver, deps: AdminDeps): void {
  defineAdmin(resolver, 'credentials/set', async ({ payload, projectKey }) => {
    const connection = await requireConnection(deps, projectKey, payload.connectionId);
    const names = credentialNames(connection);
    if (!names.includes(payload.name)) {
      throw new ResolverFailure({
        code: 'bad_request',
        message: `this connection uses ${names.join(', ')}`,
        field: 'name',
      });
    }
    await saveCredential(connection.id, payload.name, payload.value);
    return { name: payload.name, status: 'set' as const };
  });

  defineAdmin(resolver, 'credentials/clear', async ({ payload, projectKey }) => {
    const connection = await requireConnection(deps, projectKey, payload.connectionId);
    await deleteCredential(connection.id, payload.name);
    return { name: payload.name, status: 'not set' as const };
  });
}
