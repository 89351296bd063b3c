/**
 * Every kind of remote tracker, in one map: how to build its TrackerPort from a connection and the
 * connection's credentials. The settings page offers exactly the kinds listed here.
 */
import type { RateGovernor } from '../core/rate';
import { TrackerError } from '../core/errors';
import type { VerifyTrackerWebhook } from './common/tracker-webhook';
import type { TrackerPort } from '../core/ports';
import type { TrackerCapabilities } from '../core/capabilities';
import type { Connection, TrackerKind } from '../core/schema/connection';
import { remoteJiraTransport, type FetchLike, type RemoteJiraAuth } from './jira/remote-transport';
import { JIRA_CAPABILITIES, JiraTracker } from './jira/jira-tracker';
import { userMappingFor } from './jira/user-mapping';
import { jiraFieldRules } from './jira/jira-fields';
import { githubConnector } from './github/github-connector';
import { gitlabConnector } from './gitlab/gitlab-connector';
import { redmineConnector } from './redmine/redmine-connector';
import { azureDevOpsConnector } from './azure-devops/ado-connector';
import { gropiusConnector } from './gropius/gropius-connector';

export interface RemoteContext {
  connection: Connection;
  /** Reads one of the connection's credentials from secret storage. */
  credential(name: string): Promise<string | undefined>;
  fetch: FetchLike;
  now: () => Date;
  /** The rate governor of a remote site for this invocation (core/rate), where the connector uses one. */
  governor?: (site: string, label: string) => RateGovernor;
}

export interface ConnectorDefinition {
  label: string;
  /**
   * What the kind's trackers can hold, the same declaration its TrackerPort carries: rule validation reads
   * it when a connection is saved, before any tracker is built.
   */
  capabilities: TrackerCapabilities;
  /** Credential names the settings page asks for, by flavor where the kind has several. */
  credentials: (connection: Connection) => string[];
  create(ctx: RemoteContext): Promise<TrackerPort>;
  /** Trackers that push issue webhooks to the tracker-webhook web trigger verify them here. */
  verifyWebhook?: VerifyTrackerWebhook;
}

async function required(ctx: RemoteContext, name: string): Promise<string> {
  const value = await ctx.credential(name);
  if (!value) throw new TrackerError('unauthorized', `connection ${ctx.connection.id} has no ${name} set`);
  return value;
}

const jira: ConnectorDefinition = {
  label: 'Jira',
  capabilities: JIRA_CAPABILITIES,
  credentials: (c) => (c.remote.flavor === 'data-center' ? ['personalAccessToken'] : ['email', 'apiToken']),
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
};

export const CONNECTORS: Record<TrackerKind, ConnectorDefinition> = {
  jira,
  github: githubConnector,
  gitlab: gitlabConnector,
  redmine: redmineConnector,
  'azure-devops': azureDevOpsConnector,
  gropius: gropiusConnector,
};
