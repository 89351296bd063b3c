/**
 * Bitbucket Cloud webhooks for dev info: repo:push and pullrequest:*, signed with X-Hub-Signature
 * (`sha256=` + HMAC-SHA256 of the body with the webhook's secret). Delivery id: X-Request-UUID.
 * Push payloads list at most five commits per change (`truncated` says when there were more).
 */
import { z } from 'zod';
import type {
  GitCommit,
  GitEvent,
  GitPerson,
  GitPullRequest,
  GitRepository,
  ParsedDelivery,
} from '../../core/devinfo/git-event';
import type { GitServerConnector } from '../git-webhooks/git-server';
import { header } from '../git-webhooks/headers';
import { isoTime, malformed, nothing, parseRawAuthor, pathOf } from '../git-webhooks/parse-helpers';
import { hmacMatches, missing, mismatch, PASS } from '../git-webhooks/verify-secret';

const SIGNATURE = 'X-Hub-Signature';
const text = z.string().nullish();
const link = z.looseObject({ href: z.string() });

const RepoSchema = z.looseObject({
  uuid: z.string(),
  full_name: z.string(),
  links: z.looseObject({ html: link, avatar: link.nullish() }),
});
const UserSchema = z.looseObject({
  display_name: z.string(),
  nickname: text,
  links: z.looseObject({ html: link.nullish(), avatar: link.nullish() }).nullish(),
});
const CommitSchema = z.looseObject({
  hash: z.string(),
  message: z.string(),
  date: z.string(),
  author: z.looseObject({ raw: z.string(), user: UserSchema.nullish() }),
  links: z.looseObject({ html: link }),
  parents: z.array(z.unknown()).nullish(),
});
const RefSchema = z.looseObject({
  type: z.string(),
  name: z.string(),
  target: CommitSchema.nullish(),
  links: z.looseObject({ html: link.nullish() }).nullish(),
});
const PushSchema = z.looseObject({
  repository: RepoSchema,
  push: z.looseObject({
    changes: z.array(
      z.looseObject({
        new: RefSchema.nullish(),
        old: RefSchema.nullish(),
        commits: z.array(CommitSchema).nullish(),
      }),
    ),
  }),
});
const PullRequestSchema = z.looseObject({
  repository: RepoSchema,
  pullrequest: z.looseObject({
    id: z.number(),
    title: z.string(),
    description: text,
    state: z.string(),
    author: UserSchema,
    source: z.looseObject({ branch: z.looseObject({ name: z.string() }) }),
    destination: z.looseObject({ branch: z.looseObject({ name: z.string() }) }).nullish(),
    comment_count: z.number().nullish(),
    updated_on: z.string(),
    links: z.looseObject({ html: link }),
    participants: z
      .array(z.looseObject({ user: UserSchema, role: z.string(), approved: z.boolean().nullish() }))
      .nullish(),
  }),
});

const repositoryOf = (r: z.infer<typeof RepoSchema>): GitRepository => ({
  id: r.uuid,
  name: r.full_name,
  url: r.links.html.href,
  ...(r.links.avatar ? { avatar: r.links.avatar.href } : {}),
});

const commitOf = (c: z.infer<typeof CommitSchema>): GitCommit => {
  const raw = parseRawAuthor(c.author.raw);
  return {
    id: c.hash,
    message: c.message,
    author: { ...raw, ...(c.author.user ? { name: c.author.user.display_name } : {}) },
    timestamp: isoTime(c.date),
    url: c.links.html.href,
    files: [],
    fileCount: 0,
    isMerge: (c.parents?.length ?? 0) > 1,
  };
};

const personOf = (u: z.infer<typeof UserSchema>): GitPerson => ({
  name: u.display_name,
  ...(u.nickname ? { username: u.nickname } : {}),
  ...(u.links?.html ? { url: u.links.html.href } : {}),
  ...(u.links?.avatar ? { avatar: u.links.avatar.href } : {}),
});

const branchUrl = (repo: GitRepository, branch: string): string => `${repo.url}/branch/${pathOf(branch)}`;

function parsePush(body: unknown): ParsedDelivery {
  const parsed = PushSchema.safeParse(body);
  if (!parsed.success) return malformed('repo:push', parsed.error);
  const repository = repositoryOf(parsed.data.repository);
  const events: GitEvent[] = [];
  for (const change of parsed.data.push.changes) {
    const commits = (change.commits ?? []).map(commitOf);
    if (!change.new) {
      if (change.old?.type === 'branch')
        events.push({ kind: 'branch-deleted', repository, branch: change.old.name });
      continue;
    }
    const head = change.new.target ? commitOf(change.new.target) : undefined;
    if (change.new.type === 'branch') {
      events.push({
        kind: 'branch-push',
        repository,
        branch: change.new.name,
        branchUrl: change.new.links?.html?.href ?? branchUrl(repository, change.new.name),
        commits,
        ...(head ? { head } : {}),
      });
    } else if (change.new.type === 'tag') {
      const all = head && !commits.some((c) => c.id === head.id) ? [...commits, head] : commits;
      events.push({ kind: 'tag-push', repository, tag: change.new.name, commits: all });
    }
  }
  return { ok: true, events };
}

const STATUS: Readonly<Record<string, GitPullRequest['status']>> = {
  OPEN: 'OPEN',
  MERGED: 'MERGED',
  DECLINED: 'DECLINED',
  SUPERSEDED: 'DECLINED',
};

function parsePullRequest(body: unknown): ParsedDelivery {
  const parsed = PullRequestSchema.safeParse(body);
  if (!parsed.success) return malformed('pull request', parsed.error);
  const pr = parsed.data.pullrequest;
  const repository = repositoryOf(parsed.data.repository);
  const pullRequest: GitPullRequest = {
    id: String(pr.id),
    displayId: `#${pr.id}`,
    title: pr.title,
    body: pr.description ?? '',
    status: STATUS[pr.state] ?? 'OPEN',
    author: personOf(pr.author),
    sourceBranch: pr.source.branch.name,
    sourceBranchUrl: branchUrl(repository, pr.source.branch.name),
    ...(pr.destination
      ? {
          destinationBranch: pr.destination.branch.name,
          destinationBranchUrl: branchUrl(repository, pr.destination.branch.name),
        }
      : {}),
    url: pr.links.html.href,
    commentCount: pr.comment_count ?? 0,
    updatedAt: isoTime(pr.updated_on),
    reviewers: (pr.participants ?? [])
      .filter((p) => p.role === 'REVIEWER')
      .map((p) => ({ person: personOf(p.user), approved: p.approved === true })),
  };
  return { ok: true, events: [{ kind: 'pull-request', repository, pullRequest }] };
}

export const bitbucket: GitServerConnector = {
  kind: 'bitbucket',
  label: 'Bitbucket Cloud',
  secretHeader: SIGNATURE,
  verify(request, secrets) {
    const signature = header(request, SIGNATURE);
    if (!signature) return Promise.resolve(missing(`${SIGNATURE} header`));
    const hex = signature.startsWith('sha256=') ? signature.slice('sha256='.length) : '';
    return Promise.resolve(hmacMatches('sha256', secrets, request.rawBody, hex) ? PASS : mismatch(SIGNATURE));
  },
  eventType: (request) => header(request, 'X-Event-Key'),
  deliveryId: (request) => header(request, 'X-Request-UUID'),
  handles: (event) => event === 'repo:push' || event.startsWith('pullrequest:'),
  parse(event, body) {
    if (event === 'repo:push') return parsePush(body);
    if (event.startsWith('pullrequest:')) return parsePullRequest(body);
    return nothing(`${event} events carry no development information`);
  },
};
