/**
 * GitHub webhooks for dev info: push, create, delete and pull_request, signed with X-Hub-Signature-256
 * (HMAC-SHA256 of the body, checked in constant time by @octokit/webhooks-methods).
 *
 * `create` carries no commit, and GitHub sends a push with every new branch, whose head commit is what
 * a Jira branch needs; so a created branch is built from that push, and `create` is acknowledged only.
 * Tags have no entity in Jira: tag events are acknowledged; a pushed tag's commits still count.
 */
import { verify } from '@octokit/webhooks-methods';
import type { GitEvent, ParsedDelivery } from '../../core/devinfo/git-event';
import type { GitServerConnector, SecretCheck, WebhookRequest } from '../git-webhooks/git-server';
import { header } from '../git-webhooks/headers';
import { malformed, nothing, splitRef, ZERO_SHA } from '../git-webhooks/parse-helpers';
import { missing, mismatch, PASS } from '../git-webhooks/verify-secret';
import { githubHookInstaller } from './hook-installer';
import { branchUrl, commitOf, pullRequestOf, repositoryOf } from './to-git-event';
import { GhPullRequestEventSchema, GhPushSchema, GhRefEventSchema, type GhUser } from './webhook-payloads';

const SIGNATURE = 'X-Hub-Signature-256';
const NOREPLY = 'users.noreply.github.com';
const HANDLED = new Set(['push', 'create', 'delete', 'pull_request']);

async function verifySignature(request: WebhookRequest, secrets: readonly string[]): Promise<SecretCheck> {
  const signature = header(request, SIGNATURE);
  if (!signature) return missing(`${SIGNATURE} header`);
  if (!signature.startsWith('sha256=')) return mismatch(SIGNATURE);
  let matched = false;
  for (const secret of secrets) {
    // verify() compares with timingSafeEqual; an empty body cannot be signed, so it is a mismatch.
    if (request.rawBody !== '' && (await verify(secret, request.rawBody, signature))) matched = true;
  }
  return matched ? PASS : mismatch(SIGNATURE);
}

/** `treeSegment`: where the server shows a branch (`tree` on GitHub, `src/branch` on Gitea and Forgejo). */
export function parsePush(body: unknown, treeSegment = 'tree'): ParsedDelivery {
  const parsed = GhPushSchema.safeParse(body);
  if (!parsed.success) return malformed('push', parsed.error);
  const push = parsed.data;
  const repository = repositoryOf(push.repository);
  const ref = splitRef(push.ref);
  const deleted = push.deleted === true || (push.after !== undefined && ZERO_SHA.test(push.after));
  const commits = (push.commits ?? []).map(commitOf);
  const head = push.head_commit ? commitOf(push.head_commit) : undefined;
  if (ref.type === 'branch') {
    if (deleted) return { ok: true, events: [{ kind: 'branch-deleted', repository, branch: ref.name }] };
    const event: GitEvent = {
      kind: 'branch-push',
      repository,
      branch: ref.name,
      branchUrl: branchUrl(repository.url, ref.name, treeSegment),
      commits,
      ...(head ? { head } : {}),
    };
    return { ok: true, events: [event] };
  }
  if (ref.type === 'tag') {
    if (deleted) return nothing('a deleted tag changes no development information');
    // The tagged commit is the head commit; it names issues like any other.
    const all = head && !commits.some((c) => c.id === head.id) ? [...commits, head] : commits;
    return { ok: true, events: [{ kind: 'tag-push', repository, tag: ref.name, commits: all }] };
  }
  return nothing(`ref ${push.ref} is neither a branch nor a tag`);
}

export function parseRefEvent(kind: 'create' | 'delete', body: unknown): ParsedDelivery {
  const parsed = GhRefEventSchema.safeParse(body);
  if (!parsed.success) return malformed(kind, parsed.error);
  const { ref, ref_type, repository } = parsed.data;
  if (ref_type === 'tag')
    return nothing(`tag ${ref} ${kind === 'create' ? 'created' : 'deleted'}: Jira has no tag entity`);
  if (kind === 'create')
    return nothing(`branch ${ref} created: it is uploaded from the push that comes with it`);
  return {
    ok: true,
    events: [{ kind: 'branch-deleted', repository: repositoryOf(repository), branch: ref }],
  };
}

const isUser = (value: unknown): value is GhUser =>
  typeof value === 'object' && value !== null && 'login' in value && typeof value.login === 'string';

export function parsePullRequest(body: unknown, noreplyHost: string | undefined): ParsedDelivery {
  const parsed = GhPullRequestEventSchema.safeParse(body);
  if (!parsed.success) return malformed('pull_request', parsed.error);
  const { pull_request: pr, repository } = parsed.data;
  const pullRequest = pullRequestOf(
    { ...pr, reviewers: (pr.requested_reviewers ?? []).filter(isUser) },
    noreplyHost,
  );
  return { ok: true, events: [{ kind: 'pull-request', repository: repositoryOf(repository), pullRequest }] };
}

export const github: GitServerConnector = {
  kind: 'github',
  label: 'GitHub',
  secretHeader: SIGNATURE,
  verify: verifySignature,
  eventType: (request) => header(request, 'X-GitHub-Event'),
  deliveryId: (request) => header(request, 'X-GitHub-Delivery'),
  handles: (event) => HANDLED.has(event),
  parse(event, body) {
    switch (event) {
      case 'push':
        return parsePush(body);
      case 'create':
      case 'delete':
        return parseRefEvent(event, body);
      case 'pull_request':
        return parsePullRequest(body, NOREPLY);
      default:
        return nothing(`${event} events carry no development information`);
    }
  },
  installer: githubHookInstaller,
};
