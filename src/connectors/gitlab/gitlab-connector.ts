/**
 * GitLab in the connector registry: the project's path, a token (personal, project or group access token
 * with the `api` scope) and, for a self-managed instance, its URL (gitlab.com otherwise).
 */
import { TrackerError } from '../../core/errors';
import type { ConnectorDefinition } from '../registry';
import { userMappingFor } from '../jira/user-mapping';
import { sameProject } from '../common/tracker-webhook';
import { createsMissingMilestones } from '../common/milestone-rules';
import { gitlabRequester } from './gitlab-requester';
import { GITLAB_CAPABILITIES, GitLabTracker } from './gitlab-tracker';
import { verifyGitLabWebhook } from './verify-issue-webhook';

export const gitlabConnector: ConnectorDefinition = {
  label: 'GitLab',
  capabilities: GITLAB_CAPABILITIES,
  // The webhook tokens are optional: without one, changes arrive with the five-minute cycle.
  credentials: () => ['token', 'webhookSecret', 'previousWebhookSecret'],
  async create(ctx) {
    const { connection } = ctx;
    const token = await ctx.credential('token');
    if (!token) throw new TrackerError('unauthorized', `connection ${connection.id} has no token set`);
    const host = connection.remote.baseUrl ?? 'https://gitlab.com';
    const label = `GitLab (${new URL(host).host}/${connection.remote.project})`;
    const users = userMappingFor(connection, 'remote');
    return new GitLabTracker({
      host,
      token,
      requesterFn: gitlabRequester(ctx.fetch, label, ctx.now),
      project: connection.remote.project,
      label,
      users,
      // A Jira mention of a mapped person becomes an @username GitLab notifies.
      markdown: { mentionName: (id) => users.explicit.get(id) },
      createMissingMilestones: createsMissingMilestones(connection.rules),
    });
  },
  verifyWebhook({ connection, secrets, headers, rawBody }) {
    const check = verifyGitLabWebhook(secrets, headers, rawBody);
    if (!check.ok) return check;
    if (!check.event) return { ok: true, ignored: 'not an issue or issue note event' };
    if (!sameProject(check.event.project, connection.remote.project))
      return { ok: true, ignored: `an event of ${check.event.project}, not ${connection.remote.project}` };
    return { ok: true, issueIds: [String(check.event.issueIid)] };
  },
};
