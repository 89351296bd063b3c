/**
 * GitLab webhooks for dev info: Push Hook, Tag Push Hook and Merge Request Hook, authenticated by the
 * secret token GitLab sends verbatim in X-Gitlab-Token (compared in constant time). The delivery id is
 * `Idempotency-Key` (the same across GitLab's retries), else X-Gitlab-Event-UUID.
 */
import type {
  GitCommit,
  GitPerson,
  GitPullRequest,
  GitRepository,
  ParsedDelivery,
} from '../../core/devinfo/git-event';
import type { GitServerConnector } from '../git-webhooks/git-server';
import { firstHeader, header } from '../git-webhooks/headers';
import {
  fileCountOf,
  isoTime,
  malformed,
  nothing,
  pathOf,
  splitRef,
  ZERO_SHA,
} from '../git-webhooks/parse-helpers';
import { missing, mismatch, PASS, tokenMatches } from '../git-webhooks/verify-secret';
import { gitlabHookInstaller } from './hook-installer';
import {
  GlMergeRequestSchema,
  GlPushSchema,
  type GlCommit,
  type GlProject,
  type GlUser,
} from './webhook-payloads';

const TOKEN = 'X-Gitlab-Token';
const EVENTS: Readonly<Record<string, 'push' | 'merge_request'>> = {
  'Push Hook': 'push',
  'Tag Push Hook': 'push',
  'Merge Request Hook': 'merge_request',
  // Instance-wide system hooks send the same bodies under one event name.
  'System Hook': 'push',
};

const repositoryOf = (p: GlProject): GitRepository => ({
  id: String(p.id),
  name: p.path_with_namespace,
  url: p.web_url,
  ...(p.description ? { description: p.description } : {}),
  ...(p.avatar_url ? { avatar: p.avatar_url } : {}),
});

const treeUrl = (webUrl: string, branch: string): string =>
  `${webUrl.replace(/\/+$/, '')}/-/tree/${pathOf(branch)}`;

const commitOf = (c: GlCommit): GitCommit => ({
  id: c.id,
  message: c.message,
  author: { name: c.author.name, ...(c.author.email ? { email: c.author.email } : {}) },
  timestamp: isoTime(c.timestamp),
  url: c.url,
  files: [],
  fileCount: fileCountOf({ added: c.added ?? [], modified: c.modified ?? [], removed: c.removed ?? [] }),
  isMerge: /^Merge branch '/.test(c.message),
});

function parsePush(body: unknown): ParsedDelivery {
  const parsed = GlPushSchema.safeParse(body);
  if (!parsed.success) return malformed('push', parsed.error);
  const push = parsed.data;
  const repository = repositoryOf(push.project);
  const ref = splitRef(push.ref);
  const commits = (push.commits ?? []).map(commitOf);
  const deleted = ZERO_SHA.test(push.after);
  if (ref.type === 'branch') {
    if (deleted) return { ok: true, events: [{ kind: 'branch-deleted', repository, branch: ref.name }] };
    // GitLab lists at most 20 commits, newest last; the tip is the checkout_sha among them.
    const head = commits.find((c) => c.id === (push.checkout_sha ?? push.after)) ?? commits.at(-1);
    return {
      ok: true,
      events: [
        {
          kind: 'branch-push',
          repository,
          branch: ref.name,
          branchUrl: treeUrl(repository.url, ref.name),
          commits,
          ...(head ? { head } : {}),
        },
      ],
    };
  }
  if (ref.type === 'tag') {
    if (deleted) return nothing('a deleted tag changes no development information');
    return { ok: true, events: [{ kind: 'tag-push', repository, tag: ref.name, commits }] };
  }
  return nothing(`ref ${push.ref} is neither a branch nor a tag`);
}

const personOf = (u: GlUser): GitPerson => ({
  name: u.name,
  ...(u.username ? { username: u.username } : {}),
  ...(u.email ? { email: u.email } : {}),
  ...(u.avatar_url ? { avatar: u.avatar_url } : {}),
});

/** `locked` is an open merge request whose discussion is locked. */
const STATUS: Readonly<Record<string, GitPullRequest['status']>> = {
  opened: 'OPEN',
  locked: 'OPEN',
  merged: 'MERGED',
  closed: 'DECLINED',
};

function parseMergeRequest(body: unknown): ParsedDelivery {
  const parsed = GlMergeRequestSchema.safeParse(body);
  if (!parsed.success) return malformed('merge request', parsed.error);
  const { object_attributes: mr, user, project, reviewers } = parsed.data;
  // `user` is whoever caused the event; it is the author only when the ids agree.
  const author: GitPerson =
    user && (mr.author_id === undefined || mr.author_id === null || user.id === mr.author_id)
      ? personOf(user)
      : { name: `GitLab user ${mr.author_id ?? 'unknown'}` };
  const pullRequest: GitPullRequest = {
    id: String(mr.iid),
    displayId: `!${mr.iid}`,
    title: mr.title,
    body: mr.description ?? '',
    status: STATUS[mr.state] ?? 'OPEN',
    author,
    sourceBranch: mr.source_branch,
    ...(mr.source ? { sourceBranchUrl: treeUrl(mr.source.web_url, mr.source_branch) } : {}),
    destinationBranch: mr.target_branch,
    destinationBranchUrl: treeUrl((mr.target ?? project).web_url, mr.target_branch),
    url: mr.url,
    // The hook does not count notes; Jira shows 0 rather than a guess.
    commentCount: 0,
    updatedAt: isoTime(mr.updated_at),
    reviewers: (reviewers ?? []).map((r) => ({ person: personOf(r) })),
  };
  return { ok: true, events: [{ kind: 'pull-request', repository: repositoryOf(project), pullRequest }] };
}

export const gitlab: GitServerConnector = {
  kind: 'gitlab',
  label: 'GitLab',
  secretHeader: TOKEN,
  verify(request, secrets) {
    const token = header(request, TOKEN);
    if (token === undefined || token === '') return Promise.resolve(missing(`${TOKEN} header`));
    return Promise.resolve(tokenMatches(secrets, token) ? PASS : mismatch(TOKEN));
  },
  eventType: (request) => header(request, 'X-Gitlab-Event'),
  deliveryId: (request) => firstHeader(request, ['Idempotency-Key', 'X-Gitlab-Event-UUID']),
  handles: (event) => event in EVENTS,
  parse(event, body) {
    const kind = EVENTS[event];
    if (kind === 'push') {
      // A system hook may carry any object kind; only pushes and tag pushes are dev info.
      if (event === 'System Hook' && !GlPushSchema.safeParse(body).success)
        return nothing('this system hook event carries no development information');
      return parsePush(body);
    }
    if (kind === 'merge_request') return parseMergeRequest(body);
    return nothing(`${event} events carry no development information`);
  },
  installer: gitlabHookInstaller,
};
