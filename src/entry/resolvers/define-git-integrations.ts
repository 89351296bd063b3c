/**
 * Settings page, Git integrations: list them with their webhook URLs and install state, create one
 * (its secret is answered once), rotate its secret with a grace period, delete it, read its recent
 * deliveries, and install its webhook on GitHub or GitLab. Every key is guarded (project admin, then
 * the payload's schema from PAYLOADS, shared with the page); changes also need Jira's global Administer,
 * since integrations are site-wide (PERMISSION_NEEDS says so, and guarded() checks it first).
 */
import type Resolver from '@forge/resolver';
import type { GitIntegration } from '../../core/devinfo/integration';
import { recentDeliveries } from '../../platform/devinfo/delivery-audit';
import { refusedDeliveries } from '../../platform/devinfo/refused-deliveries';
import { InstallRefused, startAutoInstall } from '../../platform/devinfo/auto-install';
import { getIntegration, listIntegrations } from '../../platform/devinfo/integration-store';
import {
  createIntegration,
  deleteIntegration,
  rotateIntegrationSecret,
} from '../../platform/devinfo/manage-integrations';
import type { AdminDeps } from '../../platform/admin/admin-deps';
import { defineAdmin } from './define-guarded';
import { ResolverFailure } from './guarded';

async function requireIntegration(integrationId: string): Promise<GitIntegration> {
  const integration = await getIntegration(integrationId);
  if (!integration)
    throw new ResolverFailure({ code: 'not_found', message: `no git integration ${integrationId}` });
  return integration;
}

export function defineGitIntegrations(resolver: Resolver, deps: AdminDeps): void {
  defineAdmin(resolver, 'git-integrations/list', async () => ({
    integrations: await listIntegrations(),
  }));

  defineAdmin(resolver, 'git-integrations/create', async ({ payload }) => {
    return createIntegration(payload.name, payload.server);
  });

  defineAdmin(resolver, 'git-integrations/rotate-secret', async ({ payload }) => {
    return rotateIntegrationSecret(await requireIntegration(payload.integrationId), payload.graceHours);
  });

  defineAdmin(resolver, 'git-integrations/delete', async ({ payload }) => {
    if (!(await deleteIntegration(payload.integrationId)))
      throw new ResolverFailure({
        code: 'not_found',
        message: `no git integration ${payload.integrationId}`,
      });
    return { deleted: payload.integrationId };
  });

  defineAdmin(resolver, 'git-integrations/deliveries', async ({ payload }) => {
    await requireIntegration(payload.integrationId);
    return {
      deliveries: await recentDeliveries(payload.integrationId, payload.limit),
      refused: await refusedDeliveries(payload.integrationId),
    };
  });

  defineAdmin(resolver, 'git-integrations/auto-install', async ({ payload }) => {
    const integration = await requireIntegration(payload.integrationId);
    try {
      const started = await startAutoInstall(deps.queue, integration, payload);
      return { integration: started };
    } catch (err) {
      if (err instanceof InstallRefused)
        throw new ResolverFailure({ code: 'bad_request', message: err.message, field: 'integrationId' });
      throw err;
    }
  });
}
