/**
 * Near-real-time incoming from GitHub: an `issues`, `issue_comment` or `sub_issues` webhook, verified by its
 * X-Hub-Signature-256 (HMAC-SHA256 of the raw body) in constant time, with a second secret accepted during
 * rotation. A missing or wrong signature is a rejection; a verified event says which issue to re-read, and
 * the engine reads it through the API rather than trusting the payload's copy. A `sub_issues` event (an issue
 * put under a parent or taken from under one; the payload's `sub_issue` and `parent_issue` are issue
 * objects, GitHub's webhook schemas webhook-sub-issues-*) names the sub-issue, whose parent changed.
 */
import { z } from 'zod';
import { hmacHex, safeEqual } from '../common/safe-equal';
import { readWebhookJson } from '../common/webhook-json';

export type IssueWebhookCheck =
  /** 401: no or a wrong signature, nothing may be read; 422: signed, but not the event it says it is. */
  | { ok: false; status: 401 | 422; reason: string }
  | {
      ok: true;
      event: {
        repo: string;
        issueNumber: number;
        action: string;
        kind: 'issues' | 'issue_comment' | 'sub_issues';
      };
    }
  /** Verified, but nothing to sync: a ping, another event, or a pull request's comment. */
  | { ok: true; event: undefined };

const IssueEventSchema = z.object({
  action: z.string(),
  issue: z.object({ number: z.number(), pull_request: z.object({}).loose().nullish() }),
  repository: z.object({ full_name: z.string() }),
});

/** The sub-issue's own repository, from its API URL: the parent may be in another one of the owner. */
const SubIssueEventSchema = z.object({
  action: z.string(),
  sub_issue: z.object({
    number: z.number(),
    repository_url: z.string().regex(/\/repos\/[^/]+\/[^/]+$/),
  }),
});

const header = (headers: Readonly<Record<string, string | undefined>>, name: string) =>
  Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];

export function verifyIssueWebhook(
  secrets: readonly string[],
  headers: Readonly<Record<string, string | undefined>>,
  rawBody: string,
): IssueWebhookCheck {
  const signature = header(headers, 'x-hub-signature-256');
  if (!signature) return { ok: false, status: 401, reason: 'missing X-Hub-Signature-256' };
  let matched = false;
  // Every secret is tried, so the time taken does not tell which one matched.
  for (const secret of secrets)
    if (secret !== '' && safeEqual(signature, `sha256=${hmacHex('sha256', secret, rawBody)}`)) matched = true;
  if (!matched)
    return { ok: false, status: 401, reason: 'X-Hub-Signature-256 does not match this connection’s secret' };

  const kind = header(headers, 'x-github-event');
  if (kind !== 'issues' && kind !== 'issue_comment' && kind !== 'sub_issues')
    return { ok: true, event: undefined };
  // Form-encoded (`payload=…`, GitHub's default for a hook made by hand) or JSON, read once verified.
  const body = readWebhookJson(header(headers, 'content-type'), rawBody);
  if (!body.ok) return { ok: false, status: 422, reason: body.reason };
  if (kind === 'sub_issues') {
    const sub = SubIssueEventSchema.safeParse(body.value);
    if (!sub.success)
      return {
        ok: false,
        status: 422,
        reason: `not a sub_issues event: ${sub.error.issues[0]?.message ?? ''}`,
      };
    const { action, sub_issue } = sub.data;
    const repo = sub_issue.repository_url.split('/').slice(-2).join('/');
    return { ok: true, event: { repo, issueNumber: sub_issue.number, action, kind } };
  }
  const parsed = IssueEventSchema.safeParse(body.value);
  if (!parsed.success)
    return {
      ok: false,
      status: 422,
      reason: `not an ${kind} event: ${parsed.error.issues[0]?.message ?? ''}`,
    };
  const { action, issue, repository } = parsed.data;
  if (issue.pull_request) return { ok: true, event: undefined };
  return { ok: true, event: { repo: repository.full_name, issueNumber: issue.number, action, kind } };
}
