/**
 * Settings page, Connections: list, save, delete and test the project's connections. A saved connection
 * always belongs to the project the page is open on; credentials are set separately (define-credentials).
 */
import { licenseView } from '../../core/licensing/license-state';
import type Resolver from '@forge/resolver';
import type { AdminDeps } from '../../platform/admin/admin-deps';
import { connectionsOfProject } from '../../platform/admin/admin-deps';
import {
  forgetConnectionTest,
  readConnectionTest,
  runConnectionTest,
} from '../../platform/admin/connection-test';
import {
  capabilityProblems,
  connectionView,
  credentialNamesOfAnyFlavor,
  kindInfos,
} from '../../platform/admin/connection-views';
import { checkAgainstCatalogs } from '../../platform/admin/field-catalogs';
import { deleteCredential } from '../../platform/kvs/secret-store';
import { defineAdmin } from './define-guarded';
import { ResolverFailure } from './guarded';
import { requireConnection } from './project-connection';

export function defineConnections(resolver: Resolver, deps: AdminDeps): void {
  defineAdmin(resolver, 'connections/list', async ({ projectKey, license }) => {
    const connections = await connectionsOfProject(deps, projectKey);
    return {
      projectKey,
      license: licenseView(license),
      connections: await Promise.all(connections.map((c) => connectionView(deps, c))),
      kinds: kindInfos(),
    };
  });

  defineAdmin(resolver, 'connections/save', async ({ payload, projectKey }) => {
    const { connection } = payload;
    if (connection.localProject !== projectKey) {
      throw new ResolverFailure({
        code: 'bad_request',
        message: `a connection saved here syncs project ${projectKey}`,
        field: 'connection.localProject',
      });
    }
    const existing = await deps.connections.get(connection.id);
    if (existing && existing.localProject !== projectKey) {
      throw new ResolverFailure({
        code: 'conflict',
        message: `the id ${connection.id} is taken; choose another`,
        field: 'connection.id',
      });
    }
    // A rule the remote tracker cannot carry out is refused now, not failed in every cycle.
    const [lacking] = capabilityProblems(connection);
    if (lacking)
      throw new ResolverFailure({
        code: 'bad_request',
        message: lacking.message,
        field: `connection.${lacking.path}`,
      });
    // Rules whose fields cannot hold each other's values, or whose options need a map, are refused with the
    // reason; only when the rules changed, so a partner that is down or a rule saved before this check does
    // not block renaming a connection. Unreadable fields only warn (the page shows those).
    if (JSON.stringify(existing?.rules ?? null) !== JSON.stringify(connection.rules)) {
      const [wrong] = (await checkAgainstCatalogs(deps, connection)).errors;
      if (wrong)
        throw new ResolverFailure({
          code: 'bad_request',
          message: `rule ${ruleNumber(wrong.path)}: ${wrong.message}`,
          field: `connection.rules.${wrong.path}`,
        });
    }
    await deps.connections.put(connection);
    return { connection: await connectionView(deps, connection) };
  });

  defineAdmin(resolver, 'connections/delete', async ({ payload, projectKey }) => {
    const connection = await requireConnection(deps, projectKey, payload.connectionId);
    await deps.connections.delete(connection.id);
    for (const name of credentialNamesOfAnyFlavor(connection)) await deleteCredential(connection.id, name);
    await forgetConnectionTest(connection.id);
    return { deleted: true as const };
  });

  defineAdmin(resolver, 'connections/test', async ({ payload, projectKey }) => {
    const connection = await requireConnection(deps, projectKey, payload.connectionId);
    return runConnectionTest(deps, connection);
  });

  defineAdmin(resolver, 'connections/test-status', async ({ payload, projectKey }) => {
    await requireConnection(deps, projectKey, payload.connectionId);
    return readConnectionTest(payload.connectionId, deps.now());
  });
}

/** `3.remote` → 4, as the page numbers rules. */
const ruleNumber = (path: string): number => Number(path.split('.')[0]) + 1;
