/**
 * GitHub in the connector registry: `owner/repo`, a token (fine-grained: Issues read and write, Metadata
 * read), and for GitHub Enterprise Server the server's URL.
 */
import { Octokit } from '@octokit/rest';
import { TrackerError } from '../../core/errors';
import type { Connection } from '../../core/schema/connection';
import type { ConnectorDefinition } from '../registry';
import { userMappingFor } from '../jira/user-mapping';
import { sameProject } from '../common/tracker-webhook';
import { createsMissingMilestones } from '../common/milestone-rules';
import { fetchFor } from './github-fetch';
import { GITHUB_CAPABILITIES, GitHubTracker } from './github-tracker';
import { verifyIssueWebhook } from './verify-issue-webhook';

/** GitHub Enterprise Server serves the REST API under /api/v3; github.com under api.github.com. */
export function githubApiBase(connection: Connection): string | undefined {
  const base = connection.remote.baseUrl?.replace(/\/+$/, '');
  if (!base || /^https:\/\/(api\.)?github\.com$/.test(base)) return undefined;
  return base.endsWith('/api/v3') ? base : `${base}/api/v3`;
}

export const githubConnector: ConnectorDefinition = {
  label: 'GitHub',
  capabilities: GITHUB_CAPABILITIES,
  // The webhook secrets are optional: without one, changes arrive with the five-minute cycle.
  credentials: () => ['token', 'webhookSecret', 'previousWebhookSecret'],
  async create(ctx) {
    const { connection } = ctx;
    const token = await ctx.credential('token');
    if (!token) throw new TrackerError('unauthorized', `connection ${connection.id} has no token set`);
    const baseUrl = githubApiBase(connection);
    const users = userMappingFor(connection, 'remote');
    return new GitHubTracker({
      octokit: new Octokit({
        auth: token,
        userAgent: 'Tandem',
        request: { fetch: fetchFor(ctx.fetch) },
        ...(baseUrl ? { baseUrl } : {}),
      }),
      repo: connection.remote.project,
      users,
      // A Jira mention of a mapped person becomes an @login GitHub notifies.
      markdown: { mentionName: (id) => users.explicit.get(id) },
      now: ctx.now,
      createMissingMilestones: createsMissingMilestones(connection.rules),
    });
  },
  verifyWebhook({ connection, secrets, headers, rawBody }) {
    const check = verifyIssueWebhook(secrets, headers, rawBody);
    if (!check.ok) return check;
    if (!check.event) return { ok: true, ignored: 'not an issue, issue comment or sub-issue event' };
    if (!sameProject(check.event.repo, connection.remote.project))
      return { ok: true, ignored: `an event of ${check.event.repo}, not ${connection.remote.project}` };
    return { ok: true, issueIds: [String(check.event.issueNumber)] };
  },
};
