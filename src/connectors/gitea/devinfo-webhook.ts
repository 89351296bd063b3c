/**
 * Gitea and Forgejo webhooks for dev info: push, delete and pull_request, in GitHub's shapes, signed with
 * X-Gitea-Signature (Forgejo also sends X-Forgejo-Signature): the bare hex HMAC-SHA256 of the body.
 * Their `create` event carries only a sha, so created branches come from the push, as on GitHub.
 */
import type { ParsedDelivery } from '../../core/devinfo/git-event';
import type { GitServerConnector } from '../git-webhooks/git-server';
import { firstHeader } from '../git-webhooks/headers';
import { malformed, nothing } from '../git-webhooks/parse-helpers';
import { hmacMatches, missing, mismatch, PASS } from '../git-webhooks/verify-secret';
import { parsePush, parseRefEvent } from '../github/devinfo-webhook';
import { pullRequestOf, repositoryOf } from '../github/to-git-event';
import { GhPullRequestEventSchema } from '../github/webhook-payloads';

const HANDLED = new Set(['push', 'create', 'delete', 'pull_request']);

function parsePullRequest(body: unknown): ParsedDelivery {
  const parsed = GhPullRequestEventSchema.safeParse(body);
  if (!parsed.success) return malformed('pull_request', parsed.error);
  const { pull_request: pr, repository } = parsed.data;
  const reviewers = (pr.requested_reviewers ?? []).flatMap((r) =>
    'login' in r && typeof r.login === 'string' ? [{ login: r.login }] : [],
  );
  // Gitea's branch pages live under /src/branch/, not GitHub's /tree/.
  const pullRequest = pullRequestOf({ ...pr, reviewers }, undefined, 'src/branch');
  return { ok: true, events: [{ kind: 'pull-request', repository: repositoryOf(repository), pullRequest }] };
}

function connector(kind: 'gitea' | 'forgejo', label: string, names: readonly string[]): GitServerConnector {
  const signatures = names.map((n) => `X-${n}-Signature`);
  return {
    kind,
    label,
    secretHeader: signatures.join(' or '),
    verify(request, secrets) {
      const signature = firstHeader(request, signatures);
      if (!signature) return Promise.resolve(missing(`${signatures.join(' or ')} header`));
      return Promise.resolve(
        hmacMatches('sha256', secrets, request.rawBody, signature)
          ? PASS
          : mismatch(signatures[0] ?? 'signature'),
      );
    },
    eventType: (request) =>
      firstHeader(
        request,
        names.map((n) => `X-${n}-Event`),
      ),
    deliveryId: (request) =>
      firstHeader(
        request,
        names.map((n) => `X-${n}-Delivery`),
      ),
    handles: (event) => HANDLED.has(event),
    parse(event, body) {
      switch (event) {
        case 'push':
          return parsePush(body, 'src/branch');
        case 'create':
        case 'delete':
          return parseRefEvent(event, body);
        case 'pull_request':
          return parsePullRequest(body);
        default:
          return nothing(`${event} events carry no development information`);
      }
    },
  };
}

export const gitea = connector('gitea', 'Gitea', ['Gitea', 'Gogs']);
export const forgejo = connector('forgejo', 'Forgejo', ['Forgejo', 'Gitea']);
