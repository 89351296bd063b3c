/**
 * Azure DevOps Boards in the connector registry: the organization URL (`https://dev.azure.com/fabrikam`)
 * as the connection's base URL, the project's name, a personal access token with the Work Items (Read &
 * write) scope, and, for service hooks, the basic-auth password set on the subscription.
 */
import { TrackerError } from '../../core/errors';
import type { ConnectorDefinition } from '../registry';
import { userMappingFor } from '../jira/user-mapping';
import { AzureDevOpsClient } from './ado-client';
import { AZURE_DEVOPS_CAPABILITIES, AzureDevOpsTracker } from './ado-tracker';
import { verifyServiceHook } from './verify-service-hook';

export const azureDevOpsConnector: ConnectorDefinition = {
  label: 'Azure DevOps',
  capabilities: AZURE_DEVOPS_CAPABILITIES,
  // The webhook passwords are optional: without one, changes arrive with the five-minute cycle.
  credentials: () => ['personalAccessToken', 'webhookSecret', 'previousWebhookSecret'],
  async create(ctx) {
    const { connection } = ctx;
    const pat = await ctx.credential('personalAccessToken');
    if (!pat)
      throw new TrackerError('unauthorized', `connection ${connection.id} has no personalAccessToken set`);
    const organizationUrl = connection.remote.baseUrl;
    if (!organizationUrl)
      throw new TrackerError('invalid_request', `connection ${connection.id} has no organization URL`);
    const label = `Azure DevOps (${new URL(organizationUrl).pathname.replace(/^\/+|\/+$/g, '')}/${connection.remote.project})`;
    const client = new AzureDevOpsClient({
      organizationUrl,
      pat,
      fetch: ctx.fetch,
      now: ctx.now,
      label,
      ...(ctx.governor ? { governor: ctx.governor(organizationUrl, label) } : {}),
    });
    return new AzureDevOpsTracker({
      client,
      project: connection.remote.project,
      users: userMappingFor(connection, 'remote'),
    });
  },
  verifyWebhook: verifyServiceHook,
};
