/** GitHub (and Gitea/Forgejo) payload parts → the server-independent git event model. */
import type { GitCommit, GitPerson, GitPullRequest, GitRepository } from '../../core/devinfo/git-event';
import { fileCountOf, isoTime, pathOf } from '../git-webhooks/parse-helpers';
import type { GhCommit, GhRepository, GhUser } from './webhook-payloads';

export function repositoryOf(repo: GhRepository): GitRepository {
  return {
    id: String(repo.id),
    name: repo.full_name,
    url: repo.html_url,
    ...(repo.description ? { description: repo.description } : {}),
    ...(repo.owner?.avatar_url ? { avatar: repo.owner.avatar_url } : {}),
  };
}

export function commitOf(c: GhCommit): GitCommit {
  const author: GitPerson = {
    name: c.author.name ?? c.author.username ?? 'unknown',
    ...(c.author.email ? { email: c.author.email } : {}),
    ...(c.author.username ? { username: c.author.username } : {}),
  };
  return {
    id: c.id,
    message: c.message,
    author,
    timestamp: isoTime(c.timestamp),
    url: c.url,
    files: [],
    fileCount: fileCountOf({ added: c.added ?? [], removed: c.removed ?? [], modified: c.modified ?? [] }),
    // Push payloads do not list parents; GitHub's own merge commits say so in their message.
    isMerge: /^Merge (pull request|branch|remote-tracking branch) /.test(c.message),
  };
}

/**
 * GitHub hides user emails from webhooks; its no-reply address (`ID+login@users.noreply.github.com`)
 * is the one it uses for them itself, and lets Jira tell the users apart.
 */
export function personOf(user: GhUser | null | undefined, noreplyHost: string | undefined): GitPerson {
  if (!user) return { name: 'unknown' };
  const email =
    user.email ??
    (noreplyHost && user.id !== undefined ? `${user.id}+${user.login}@${noreplyHost}` : undefined);
  return {
    name: user.full_name || user.login,
    username: user.login,
    ...(email ? { email } : {}),
    ...(user.html_url ? { url: user.html_url } : {}),
    ...(user.avatar_url ? { avatar: user.avatar_url } : {}),
  };
}

export const branchUrl = (repoUrl: string, branch: string, treeSegment = 'tree'): string =>
  `${repoUrl.replace(/\/+$/, '')}/${treeSegment}/${pathOf(branch)}`;

export interface PrInput {
  number: number;
  title: string;
  body?: string | null | undefined;
  html_url: string;
  state: string;
  merged?: boolean | null | undefined;
  merged_at?: string | null | undefined;
  user?: GhUser | null | undefined;
  head: { ref: string; repo?: { html_url: string } | null | undefined };
  base: { ref: string; repo?: { html_url: string } | null | undefined };
  comments?: number | null | undefined;
  review_comments?: number | null | undefined;
  updated_at: string;
  reviewers: GhUser[];
}

/** A closed pull request that was not merged is DECLINED, as Jira names it. */
export function pullRequestOf(
  pr: PrInput,
  noreplyHost: string | undefined,
  treeSegment = 'tree',
): GitPullRequest {
  const merged = pr.merged === true || (pr.merged_at !== null && pr.merged_at !== undefined);
  const status = merged ? 'MERGED' : pr.state === 'closed' ? 'DECLINED' : 'OPEN';
  return {
    id: String(pr.number),
    displayId: `#${pr.number}`,
    title: pr.title,
    body: pr.body ?? '',
    status,
    author: personOf(pr.user, noreplyHost),
    sourceBranch: pr.head.ref,
    ...(pr.head.repo ? { sourceBranchUrl: branchUrl(pr.head.repo.html_url, pr.head.ref, treeSegment) } : {}),
    destinationBranch: pr.base.ref,
    ...(pr.base.repo
      ? { destinationBranchUrl: branchUrl(pr.base.repo.html_url, pr.base.ref, treeSegment) }
      : {}),
    url: pr.html_url,
    commentCount: (pr.comments ?? 0) + (pr.review_comments ?? 0),
    updatedAt: isoTime(pr.updated_at),
    reviewers: pr.reviewers.map((r) => ({ person: personOf(r, noreplyHost) })),
  };
}
