/**
 * Settings page, Analytics export: the project's export (on or off, its URL and DuckDB snippet, last export,
 * rows per table, backfill progress), turning it on or off, and rotating its secret with a grace period.
 * Every key is guarded: the caller must administer the page's project, checked before anything is read.
 */
import type Resolver from '@forge/resolver';
import type { AdminDeps } from '../../platform/admin/admin-deps';
import { exportView, rotateSecretOf, setExportEnabled } from '../../platform/analytics/manage-export';
import { defineAdmin } from './define-guarded';
import { ResolverFailure } from './guarded';

export function defineAnalytics(resolver: Resolver, deps: AdminDeps): void {
  defineAdmin(resolver, 'analytics/get', async ({ projectKey }) => exportView(projectKey, deps.now()));

  defineAdmin(resolver, 'analytics/set-enabled', async ({ projectKey, payload }) => {
    await setExportEnabled(deps.queue, projectKey, payload.enabled, deps.now());
    return exportView(projectKey, deps.now());
  });

  defineAdmin(resolver, 'analytics/rotate-secret', async ({ projectKey, payload }) => {
    if (!(await rotateSecretOf(projectKey, payload.graceHours, deps.now())))
      throw new ResolverFailure({ code: 'not_found', message: `project ${projectKey} has no analytics export` });
    return exportView(projectKey, deps.now());
  });
}
