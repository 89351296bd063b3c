/**
 * What a git webhook means, independent of the server that sent it. Connectors (src/connectors/<server>)
 * turn GitHub, GitLab, Bitbucket, Gitea/Forgejo and Azure DevOps bodies into these; the builder turns
 * these into Jira development information. Nothing here knows a server's field names.
 */

export interface GitPerson {
  name: string;
  /** Absent when the server does not say (pull request authors often); Jira matches users by it. */
  email?: string;
  username?: string;
  url?: string;
  avatar?: string;
}

export type FileChangeType = 'ADDED' | 'COPIED' | 'DELETED' | 'MODIFIED' | 'MOVED' | 'UNKNOWN';

export interface GitFileChange {
  path: string;
  changeType: FileChangeType;
  url: string;
}

export interface GitCommit {
  /** The full hash. */
  id: string;
  message: string;
  author: GitPerson;
  /** ISO 8601. */
  timestamp: string;
  url: string;
  files: GitFileChange[];
  /** Webhooks list files but servers cap the list; this is the count they report. */
  fileCount: number;
  isMerge: boolean;
}

export interface GitRepository {
  /** The server's stable id (GitHub numeric id, GitLab project id, Bitbucket uuid, …), as text. */
  id: string;
  name: string;
  url: string;
  description?: string;
  avatar?: string;
}

export type PullRequestStatus = 'OPEN' | 'MERGED' | 'DECLINED';

export interface GitReviewer {
  person: GitPerson;
  approved?: boolean;
}

export interface GitPullRequest {
  /** Stable within the repository: the number GitHub/GitLab/Bitbucket show. */
  id: string;
  displayId: string;
  title: string;
  body: string;
  status: PullRequestStatus;
  author: GitPerson;
  sourceBranch: string;
  sourceBranchUrl?: string;
  destinationBranch?: string;
  destinationBranchUrl?: string;
  url: string;
  commentCount: number;
  /** ISO 8601. */
  updatedAt: string;
  reviewers: GitReviewer[];
}

export type GitEvent =
  /** Commits pushed to a branch; `head` is its new tip. */
  | {
      kind: 'branch-push';
      repository: GitRepository;
      branch: string;
      branchUrl: string;
      commits: GitCommit[];
      head?: GitCommit;
    }
  /** A tag pushed: its commits still name issues, but Jira has no tag entity. */
  | { kind: 'tag-push'; repository: GitRepository; tag: string; commits: GitCommit[] }
  | { kind: 'branch-deleted'; repository: GitRepository; branch: string }
  | { kind: 'pull-request'; repository: GitRepository; pullRequest: GitPullRequest };

/** What a connector makes of one webhook body: events, or a reason why it carries nothing for Jira. */
export type ParsedDelivery = { ok: true; events: GitEvent[]; note?: string } | { ok: false; error: string };
