/**
 * GitLab in the connector registry: the project's path, a token (personal, project or group access token
 * with the `api` scope) and, for a self-managed instance, its URL (gitlab.com otherwise).
 */
import { TrackerError } from '../../core/errors';
import type { ConnectorDefinition } from '../registry';
import { userMappingFor } from '../jira/user-mapping';
import { gitlabRequester } from './gitlab-requester';
import { GitLabTracker } from './gitlab-tracker';

export const gitlabConnector: ConnectorDefinition = {
  label: 'GitLab',
  credentials: () => ['token'],
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
    });
  },
};
