/**
 * Azure DevOps service hooks for dev info: git.push and git.pullrequest.created/updated/merged. Service
 * hooks cannot sign bodies; they send HTTP basic auth, so the integration's secret is the password (any
 * user name), compared in constant time. The event type and the delivery id (`id`) are in the body.
 */
import { z } from 'zod';
import type {
  GitCommit,
  GitEvent,
  GitPullRequest,
  GitRepository,
  ParsedDelivery,
} from '../../core/devinfo/git-event';
import type { GitServerConnector } from '../git-webhooks/git-server';
import { header } from '../git-webhooks/headers';
import { isoTime, malformed, nothing, splitRef, ZERO_SHA } from '../git-webhooks/parse-helpers';
import { missing, mismatch, PASS, tokenMatches } from '../git-webhooks/verify-secret';

const text = z.string().nullish();
const EnvelopeSchema = z.looseObject({ id: z.string().optional(), eventType: z.string().optional() });
const RepoSchema = z.looseObject({ id: z.string(), name: z.string(), remoteUrl: z.string() });
const IdentitySchema = z.looseObject({ displayName: z.string(), uniqueName: text, imageUrl: text });

const PushSchema = z.looseObject({
  resource: z.looseObject({
    repository: RepoSchema,
    refUpdates: z.array(z.looseObject({ name: z.string(), newObjectId: z.string() })),
    commits: z
      .array(
        z.looseObject({
          commitId: z.string(),
          comment: z.string(),
          author: z.looseObject({ name: z.string(), email: text, date: z.string() }),
        }),
      )
      .nullish(),
  }),
});

const PullRequestSchema = z.looseObject({
  createdDate: text,
  resource: z.looseObject({
    repository: RepoSchema,
    pullRequestId: z.number(),
    status: z.string(),
    title: z.string(),
    description: text,
    sourceRefName: z.string(),
    targetRefName: z.string(),
    createdBy: IdentitySchema,
    creationDate: z.string(),
    closedDate: text,
    reviewers: z.array(IdentitySchema.extend({ vote: z.number().nullish() })).nullish(),
  }),
});

const repositoryOf = (r: z.infer<typeof RepoSchema>): GitRepository => ({
  id: r.id,
  name: r.name,
  url: r.remoteUrl,
});
const branchUrl = (repo: GitRepository, branch: string): string =>
  `${repo.url}?version=GB${encodeURIComponent(branch)}`;

function parsePush(body: unknown): ParsedDelivery {
  const parsed = PushSchema.safeParse(body);
  if (!parsed.success) return malformed('git.push', parsed.error);
  const { repository: repo, refUpdates, commits: raw } = parsed.data.resource;
  const repository = repositoryOf(repo);
  const commits: GitCommit[] = (raw ?? []).map((c) => ({
    id: c.commitId,
    message: c.comment,
    author: { name: c.author.name, ...(c.author.email ? { email: c.author.email } : {}) },
    timestamp: isoTime(c.author.date),
    url: `${repository.url}/commit/${c.commitId}`,
    files: [],
    fileCount: 0,
    isMerge: /^Merged PR \d+/.test(c.comment),
  }));
  const events: GitEvent[] = [];
  for (const [i, update] of refUpdates.entries()) {
    const ref = splitRef(update.name);
    if (ref.type === 'other') continue;
    if (ZERO_SHA.test(update.newObjectId)) {
      if (ref.type === 'branch') events.push({ kind: 'branch-deleted', repository, branch: ref.name });
      continue;
    }
    // One push usually updates one ref; its commits go with the first.
    const own = i === 0 ? commits : [];
    const head = commits.find((c) => c.id === update.newObjectId);
    if (ref.type === 'tag') events.push({ kind: 'tag-push', repository, tag: ref.name, commits: own });
    else
      events.push({
        kind: 'branch-push',
        repository,
        branch: ref.name,
        branchUrl: branchUrl(repository, ref.name),
        commits: own,
        ...(head ? { head } : {}),
      });
  }
  return { ok: true, events };
}

const STATUS: Readonly<Record<string, GitPullRequest['status']>> = {
  active: 'OPEN',
  completed: 'MERGED',
  abandoned: 'DECLINED',
};

function parsePullRequest(body: unknown): ParsedDelivery {
  const parsed = PullRequestSchema.safeParse(body);
  if (!parsed.success) return malformed('pull request', parsed.error);
  const pr = parsed.data.resource;
  const repository = repositoryOf(pr.repository);
  const source = splitRef(pr.sourceRefName).name;
  const target = splitRef(pr.targetRefName).name;
  const pullRequest: GitPullRequest = {
    id: String(pr.pullRequestId),
    displayId: `PR ${pr.pullRequestId}`,
    title: pr.title,
    body: pr.description ?? '',
    status: STATUS[pr.status] ?? 'OPEN',
    author: {
      name: pr.createdBy.displayName,
      ...(pr.createdBy.uniqueName ? { email: pr.createdBy.uniqueName } : {}),
    },
    sourceBranch: source,
    sourceBranchUrl: branchUrl(repository, source),
    destinationBranch: target,
    destinationBranchUrl: branchUrl(repository, target),
    url: `${repository.url}/pullrequest/${pr.pullRequestId}`,
    commentCount: 0,
    updatedAt: isoTime(pr.closedDate ?? parsed.data.createdDate ?? pr.creationDate),
    // Votes: 10 approved, 5 approved with suggestions, 0 none, negative waiting or rejected.
    reviewers: (pr.reviewers ?? []).map((r) => ({
      person: { name: r.displayName, ...(r.uniqueName ? { email: r.uniqueName } : {}) },
      approved: (r.vote ?? 0) >= 5,
    })),
  };
  return { ok: true, events: [{ kind: 'pull-request', repository, pullRequest }] };
}

function passwordOf(authorization: string | undefined): string | undefined {
  if (!authorization?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(authorization.slice('Basic '.length).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

const envelope = (body: unknown): z.infer<typeof EnvelopeSchema> => {
  const parsed = EnvelopeSchema.safeParse(body);
  return parsed.success ? parsed.data : {};
};

const PULL_REQUEST_EVENTS = new Set([
  'git.pullrequest.created',
  'git.pullrequest.updated',
  'git.pullrequest.merged',
]);

export const azureDevOps: GitServerConnector = {
  kind: 'azure-devops',
  label: 'Azure DevOps',
  secretHeader: 'Basic auth password',
  verify(request, secrets) {
    const password = passwordOf(header(request, 'Authorization'));
    if (password === undefined || password === '') return Promise.resolve(missing('basic auth'));
    return Promise.resolve(tokenMatches(secrets, password) ? PASS : mismatch('basic auth password'));
  },
  eventType: (_request, body) => envelope(body).eventType,
  deliveryId: (_request, body) => envelope(body).id,
  handles: (event) => event === 'git.push' || PULL_REQUEST_EVENTS.has(event),
  parse(event, body) {
    if (event === 'git.push') return parsePush(body);
    if (PULL_REQUEST_EVENTS.has(event)) return parsePullRequest(body);
    return nothing(`${event} events carry no development information`);
  },
};
