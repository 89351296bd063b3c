/** Redmine in the connector registry: a base URL, a project identifier and the API key of the user Tandem acts as. */
import { TrackerError } from '../../core/errors';
import type { ConnectorDefinition } from '../registry';
import { jiraFieldRules } from '../jira/jira-fields';
import { userMappingFor } from '../jira/user-mapping';
import { RedmineClient } from './redmine-client';
import { REDMINE_CAPABILITIES, RedmineTracker } from './redmine-tracker';

export const redmineConnector: ConnectorDefinition = {
  label: 'Redmine',
  capabilities: REDMINE_CAPABILITIES,
  // "My account → API access key" in Redmine; the REST API must be enabled by its admin.
  credentials: () => ['apiKey'],
  async create(ctx) {
    const { connection } = ctx;
    const baseUrl = connection.remote.baseUrl;
    if (!baseUrl) throw new TrackerError('invalid_request', `connection ${connection.id} has no Redmine URL`);
    const apiKey = await ctx.credential('apiKey');
    if (!apiKey) throw new TrackerError('unauthorized', `connection ${connection.id} has no apiKey set`);
    const client = new RedmineClient(
      baseUrl,
      apiKey,
      ctx.fetch,
      `Redmine (${new URL(baseUrl).host})`,
      ctx.now,
    );
    return new RedmineTracker({
      client,
      project: connection.remote.project,
      users: userMappingFor(connection, 'remote'),
      createMissing: jiraFieldRules(connection.rules, 'remote').createMissing,
    });
  },
};
