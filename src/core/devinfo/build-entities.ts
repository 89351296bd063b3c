/**
 * One git event → the development information entities it changes. Pure: the caller gives the
 * integration, the update sequence of the delivery and the projects that exist on the site.
 *
 * Which texts name issues (issue 7 §3): a commit by its message; a branch by its name and its tip's
 * message; a pull request by its title, its body and its source branch. An entity that names no issue of
 * a known project is not sent: Jira needs at least one key, and would only drop it.
 */
import { clip } from './clip';
import type { BranchEntity, CommitEntity, PullRequestEntity, RepositoryMeta } from './devinfo-payload';
import { toEntityId } from './entity-id';
import type { GitCommit, GitEvent, GitPerson, GitPullRequest, GitRepository } from './git-event';
import { issueKeysIn, unionKeys } from './issue-keys';

export interface BuildContext {
  integrationId: string;
  /** Orders updates of one entity; later deliveries carry larger numbers (see update-sequence.ts). */
  sequence: number;
  knownProjects: ReadonlySet<string>;
}

export interface RepositoryUpserts {
  repository: RepositoryMeta;
  commits: CommitEntity[];
  branches: BranchEntity[];
  pullRequests: PullRequestEntity[];
}

export interface BranchDeletion {
  repositoryId: string;
  branchId: string;
  updateSequenceId: number;
}

export interface DevInfoChange {
  upserts: RepositoryUpserts[];
  deletions: BranchDeletion[];
  /** Entities left out because they name no issue of a known project. */
  withoutKeys: number;
}

/** Repository ids include the integration, so removing an integration can remove exactly its data. */
export const repositoryIdFor = (integrationId: string, repo: GitRepository): string =>
  toEntityId(`${integrationId}.${repo.id}`);

function repositoryMeta(ctx: BuildContext, repo: GitRepository): RepositoryMeta {
  return {
    id: repositoryIdFor(ctx.integrationId, repo),
    name: clip(repo.name, 255),
    url: clip(repo.url, 2000),
    ...(repo.description ? { description: clip(repo.description, 1024) } : {}),
    ...(repo.avatar ? { avatar: clip(repo.avatar, 2000) } : {}),
    updateSequenceId: ctx.sequence,
  };
}

/** The OpenAPI document requires an email; an unknown one is sent empty rather than invented. */
function author(person: GitPerson): CommitEntity['author'] {
  return {
    name: clip(person.name || person.username || 'unknown', 255),
    email: clip(person.email ?? '', 254),
    ...(person.username ? { username: clip(person.username, 255) } : {}),
    ...(person.url ? { url: clip(person.url, 2000) } : {}),
    ...(person.avatar ? { avatar: clip(person.avatar, 2000) } : {}),
  };
}

/**
 * Webhooks name changed files but not line counts, which Jira requires per file; rather than report
 * zero lines changed, Tandem sends the count only.
 */
function commitEntity(commit: GitCommit, issueKeys: string[], sequence: number): CommitEntity {
  return {
    id: toEntityId(commit.id),
    issueKeys,
    updateSequenceId: sequence,
    hash: clip(commit.id, 255),
    ...(commit.isMerge ? { flags: ['MERGE_COMMIT' as const] } : {}),
    message: clip(commit.message, 1024),
    author: author(commit.author),
    fileCount: commit.fileCount,
    url: clip(commit.url, 2000),
    authorTimestamp: commit.timestamp,
    displayId: commit.id.slice(0, 7),
  };
}

function commitsOf(
  ctx: BuildContext,
  commits: readonly GitCommit[],
): { built: CommitEntity[]; skipped: number } {
  const built: CommitEntity[] = [];
  let skipped = 0;
  for (const commit of commits) {
    const keys = issueKeysIn([commit.message], ctx.knownProjects);
    if (keys.length === 0) skipped++;
    else built.push(commitEntity(commit, keys, ctx.sequence));
  }
  return { built, skipped };
}

function branchEntity(
  ctx: BuildContext,
  name: string,
  url: string,
  head: GitCommit | undefined,
): BranchEntity | undefined {
  if (!head) return undefined;
  const keys = unionKeys(
    issueKeysIn([name], ctx.knownProjects),
    issueKeysIn([head.message], ctx.knownProjects),
  );
  if (keys.length === 0) return undefined;
  return {
    id: toEntityId(name),
    issueKeys: keys,
    updateSequenceId: ctx.sequence,
    name: clip(name, 512),
    lastCommit: commitEntity(head, keys, ctx.sequence),
    url: clip(url, 2000),
  };
}

function pullRequestEntity(ctx: BuildContext, pr: GitPullRequest): PullRequestEntity | undefined {
  const keys = issueKeysIn([pr.title, pr.body, pr.sourceBranch], ctx.knownProjects);
  if (keys.length === 0) return undefined;
  const reviewers = pr.reviewers.map((r) => ({
    name: clip(r.person.name || r.person.username || 'unknown', 255),
    email: clip(r.person.email ?? '', 254),
    ...(r.approved === undefined
      ? {}
      : { approvalStatus: r.approved ? ('APPROVED' as const) : ('UNAPPROVED' as const) }),
    ...(r.person.url ? { url: clip(r.person.url, 2000) } : {}),
    ...(r.person.avatar ? { avatar: clip(r.person.avatar, 2000) } : {}),
  }));
  return {
    id: toEntityId(pr.id),
    issueKeys: keys,
    updateSequenceId: ctx.sequence,
    status: pr.status,
    title: clip(pr.title, 1024),
    author: author(pr.author),
    commentCount: pr.commentCount,
    sourceBranch: clip(pr.sourceBranch, 255),
    ...(pr.sourceBranchUrl ? { sourceBranchUrl: clip(pr.sourceBranchUrl, 2000) } : {}),
    lastUpdate: pr.updatedAt,
    ...(pr.destinationBranch ? { destinationBranch: clip(pr.destinationBranch, 255) } : {}),
    ...(pr.destinationBranchUrl ? { destinationBranchUrl: clip(pr.destinationBranchUrl, 2000) } : {}),
    ...(reviewers.length > 0 ? { reviewers } : {}),
    url: clip(pr.url, 2000),
    displayId: clip(pr.displayId, 255),
  };
}

export function buildChange(ctx: BuildContext, events: readonly GitEvent[]): DevInfoChange {
  const change: DevInfoChange = { upserts: [], deletions: [], withoutKeys: 0 };
  for (const event of events) {
    const upsert: RepositoryUpserts = {
      repository: repositoryMeta(ctx, event.repository),
      commits: [],
      branches: [],
      pullRequests: [],
    };
    switch (event.kind) {
      case 'branch-push': {
        const commits = commitsOf(ctx, event.commits);
        upsert.commits.push(...commits.built);
        change.withoutKeys += commits.skipped;
        const branch = branchEntity(ctx, event.branch, event.branchUrl, event.head);
        if (branch) upsert.branches.push(branch);
        else if (event.head) change.withoutKeys++;
        break;
      }
      case 'tag-push': {
        const commits = commitsOf(ctx, event.commits);
        upsert.commits.push(...commits.built);
        change.withoutKeys += commits.skipped;
        break;
      }
      case 'branch-deleted':
        change.deletions.push({
          repositoryId: upsert.repository.id,
          branchId: toEntityId(event.branch),
          updateSequenceId: ctx.sequence,
        });
        break;
      case 'pull-request': {
        const pr = pullRequestEntity(ctx, event.pullRequest);
        if (pr) upsert.pullRequests.push(pr);
        else change.withoutKeys++;
        break;
      }
    }
    if (upsert.commits.length + upsert.branches.length + upsert.pullRequests.length > 0)
      change.upserts.push(upsert);
  }
  return change;
}
