/**
 * Near-real-time incoming from a partner Jira Cloud site: an admin webhook (System → WebHooks, or
 * `/rest/webhooks/1.0/webhook`) with a secret signs each delivery's raw body with HMAC-SHA256 and sends it as
 * `X-Hub-Signature: sha256=<hex>` (developer.atlassian.com/cloud/jira/platform/webhooks/, "Secure admin
 * webhooks"). Checked in constant time against every secret of the connection (two during a rotation); a
 * verified event names the issue(s) to re-read, and the engine reads them through the API, in the
 * connection's scope, rather than trusting the payload's copy.
 */
import { z } from 'zod';
import { hmacHex, safeEqual } from '../common/safe-equal';
import { readWebhookJson } from '../common/webhook-json';
import type { TrackerWebhookCheck } from '../common/tracker-webhook';

/** Jira issue ids are numbers; anything else never reaches a JQL `id in (…)`. */
const IssueId = z
  .union([z.string().regex(/^\d+$/, 'an issue id is a number'), z.number().int().positive()])
  .transform(String);

const JiraWebhookSchema = z.looseObject({
  webhookEvent: z.string(),
  issue: z
    .looseObject({
      id: IssueId,
      fields: z.looseObject({ project: z.looseObject({ key: z.string() }).optional() }).optional(),
    })
    .optional(),
  issueLink: z.looseObject({ sourceIssueId: IssueId, destinationIssueId: IssueId }).optional(),
  worklog: z.looseObject({ issueId: IssueId }).optional(),
  attachment: z.looseObject({ issueId: IssueId.optional() }).optional(),
});

const ISSUE_EVENTS = new Set([
  'jira:issue_created',
  'jira:issue_updated',
  'jira:issue_deleted',
  'comment_created',
  'comment_updated',
  'comment_deleted',
]);

const header = (headers: Readonly<Record<string, string | undefined>>, name: string) =>
  Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];

export function verifyJiraWebhook(
  secrets: readonly string[],
  headers: Readonly<Record<string, string | undefined>>,
  rawBody: string,
  project: string,
): TrackerWebhookCheck {
  const signature = header(headers, 'x-hub-signature');
  if (!signature)
    return {
      ok: false,
      status: 401,
      reason: 'missing X-Hub-Signature: give the Jira webhook this connection’s secret',
    };
  let matched = false;
  // Every secret is tried, so the time taken does not tell which one matched.
  for (const secret of secrets)
    if (secret !== '' && safeEqual(signature, `sha256=${hmacHex('sha256', secret, rawBody)}`)) matched = true;
  if (!matched)
    return { ok: false, status: 401, reason: 'X-Hub-Signature does not match this connection’s secret' };

  const body = readWebhookJson(header(headers, 'content-type'), rawBody);
  if (!body.ok) return { ok: false, status: 422, reason: body.reason };
  const parsed = JiraWebhookSchema.safeParse(body.value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      status: 422,
      reason: `not a Jira webhook event: ${first ? `${first.path.join('.') || '(body)'}: ${first.message}` : ''}`,
    };
  }
  const event = parsed.data;
  if (ISSUE_EVENTS.has(event.webhookEvent)) {
    if (!event.issue) return { ok: false, status: 422, reason: `${event.webhookEvent} without issue.id` };
    const key = event.issue.fields?.project?.key;
    if (key !== undefined && key.toUpperCase() !== project.toUpperCase())
      return { ok: true, ignored: `an event of project ${key}, not ${project}` };
    return { ok: true, issueIds: [event.issue.id] };
  }
  if (event.webhookEvent.startsWith('issuelink_') && event.issueLink)
    // Either end may be the connection's; the scoped read keeps only those in its project.
    return { ok: true, issueIds: [event.issueLink.sourceIssueId, event.issueLink.destinationIssueId] };
  if (event.webhookEvent.startsWith('worklog_') && event.worklog)
    return { ok: true, issueIds: [event.worklog.issueId] };
  if (event.webhookEvent.startsWith('attachment_') && event.attachment?.issueId)
    return { ok: true, issueIds: [event.attachment.issueId] };
  return { ok: true, ignored: `${event.webhookEvent} names no issue to sync` };
}
