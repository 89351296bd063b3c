/**
 * Every kind of remote tracker, in one map: how to build its TrackerPort from a connection and the
 * connection's credentials. The settings page offers exactly the kinds listed here.
 */
import type { RateGovernor } from '../core/rate';
import type { VerifyTrackerWebhook } from './common/tracker-webhook';
import type { TrackerPort } from '../core/ports';
import type { TrackerCapabilities } from '../core/capabilities';
import type { Connection, TrackerKind } from '../core/schema/connection';
import type { FetchLike } from './jira/remote-transport';
import { jiraConnector } from './jira/jira-connector';
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

export const CONNECTORS: Record<TrackerKind, ConnectorDefinition> = {
  jira: jiraConnector,
  github: githubConnector,
  gitlab: gitlabConnector,
  redmine: redmineConnector,
  'azure-devops': azureDevOpsConnector,
  gropius: gropiusConnector,
};
