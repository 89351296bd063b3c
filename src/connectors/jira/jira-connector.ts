/**
 * Jira in the connector registry: another Jira Cloud site (an account's email and API token) or a Jira Data
 * Center server (a personal access token). A Cloud partner may also send its changes at once through an admin
 * webhook signed with the connection's webhook secret (verify-jira-webhook.ts); without one they arrive with
 * the five-minute cycle.
 */
import { TrackerError } from '../../core/errors';
import type { ConnectorDefinition, RemoteContext } from '../registry';
import { remoteJiraTransport, type RemoteJiraAuth } from './remote-transport';
import { JIRA_CAPABILITIES, JiraTracker } from './jira-tracker';
import { userMappingFor } from './user-mapping';
import { jiraFieldRules } from './jira-fields';
import { verifyJiraWebhook } from './verify-jira-webhook';

async function required(ctx: RemoteContext, name: string): Promise<string> {
  const value = await ctx.credential(name);
  if (!value) throw new TrackerError('unauthorized', `connection ${ctx.connection.id} has no ${name} set`);
  return value;
}

export const jiraConnector: ConnectorDefinition = {
  label: 'Jira',
  capabilities: JIRA_CAPABILITIES,
  credentials: (c) =>
    c.remote.flavor === 'data-center'
      ? ['personalAccessToken']
      : ['email', 'apiToken', 'webhookSecret', 'previousWebhookSecret'],
  async create(ctx) {
    const { connection } = ctx;
    const baseUrl = connection.remote.baseUrl;
    if (!baseUrl)
      throw new TrackerError('invalid_request', `connection ${connection.id} has no remote base URL`);
    const auth: RemoteJiraAuth =
      connection.remote.flavor === 'data-center'
        ? { kind: 'data-center', personalAccessToken: await required(ctx, 'personalAccessToken') }
        : { kind: 'cloud', email: await required(ctx, 'email'), apiToken: await required(ctx, 'apiToken') };
    const label = `remote Jira (${new URL(baseUrl).host})`;
    return new JiraTracker({
      transport: remoteJiraTransport(baseUrl, auth, ctx.fetch),
      label,
      ...(ctx.governor ? { governor: ctx.governor(baseUrl, label) } : {}),
      browseBase: baseUrl.replace(/\/+$/, ''),
      project: connection.remote.project,
      users: userMappingFor(connection, 'remote'),
      ruleKinds: connection.rules.map((r) => r.kind),
      fieldRules: jiraFieldRules(connection.rules, 'remote'),
      now: ctx.now,
      flavor: auth.kind,
    });
  },
  verifyWebhook({ connection, secrets, headers, rawBody }) {
    // Data Center's webhooks are not signed the Cloud way; its changes come with the cycle.
    if (connection.remote.flavor === 'data-center')
      return { ok: false, status: 401, reason: 'Jira Data Center connections take no signed webhooks' };
    return verifyJiraWebhook(secrets, headers, rawBody, connection.remote.project);
  },
};
