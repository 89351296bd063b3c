/**
 * Sends a site's admin webhooks (api/admin-webhooks.ts) after each change, as Jira Cloud does
 * (developer.atlassian.com/cloud/jira/platform/webhooks/):
 * - the event names of "Available webhook events": `jira:issue_created|updated|deleted`, `comment_created|
 *   updated|deleted`, `issuelink_created|deleted`, `attachment_created|deleted`; a comment also sends
 *   `jira:issue_updated` with `issue_event_type_name` `issue_commented` / `issue_comment_edited` /
 *   `issue_comment_deleted`, as Jira's own "Issue Commented" event does;
 * - the body `{timestamp, webhookEvent, issue_event_type_name, user, issue, changelog | comment}`, or no body
 *   for a webhook with `excludeBody`;
 * - the JQL filter applied to issue-related events; a deleted issue cannot be matched any more, so its event
 *   goes to every webhook that wants it (more deliveries than Jira's, never fewer);
 * - with a secret, `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>` ("Secure admin webhooks").
 * Jira retries a failed delivery a few times; the emulator sends once, so a receiver must not count on
 * every delivery arriving (Tandem's scheduled cycle catches what a lost one missed).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { compileJql } from './jql/compile';
import { parseJql } from './jql/parser';
import type { Site } from './site';
import type { AdminWebhook } from './state';
import type { JiraProductEvent } from './types';

export const ADMIN_WEBHOOK_EVENTS: ReadonlySet<string> = new Set([
  'jira:issue_created',
  'jira:issue_updated',
  'jira:issue_deleted',
  'comment_created',
  'comment_updated',
  'comment_deleted',
  'issuelink_created',
  'issuelink_deleted',
  'attachment_created',
  'attachment_deleted',
]);

/** One delivery as the emulator made it, for tests and `settle`. */
export interface AdminWebhookDelivery {
  site: string;
  webhookId: string;
  webhookEvent: string;
  issueId: string | undefined;
  status: number | 'failed';
  at: number;
}

interface Outgoing {
  webhookEvent: string;
  /** The issue the event is about, for the JQL filter; absent for events without one. */
  issueId: string | undefined;
  /** Whether the issue is gone, so no filter can match it. */
  issueDeleted: boolean;
  body: Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const record = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v))
    : undefined;

/** The webhook events one product event makes, with their bodies. */
export function webhookEventsOf(site: Site, event: JiraProductEvent): Outgoing[] {
  const p = event.payload;
  const issue = record(p.issue);
  const issueId = str(issue?.id);
  const user = site.state.users[event.atlassianId];
  const base = {
    timestamp: Number(p.timestamp),
    user: user
      ? { accountId: user.accountId, displayName: user.displayName, active: user.active }
      : undefined,
  };
  const issueEvent = (webhookEvent: string, typeName: string, extra: Record<string, unknown> = {}) => ({
    webhookEvent,
    issueId,
    issueDeleted: webhookEvent === 'jira:issue_deleted',
    body: { ...base, webhookEvent, issue_event_type_name: typeName, issue, ...extra },
  });
  switch (event.eventType) {
    case 'avi:jira:created:issue':
      return [issueEvent('jira:issue_created', 'issue_created')];
    case 'avi:jira:updated:issue':
      return [issueEvent('jira:issue_updated', 'issue_generic', { changelog: p.changelog })];
    case 'avi:jira:deleted:issue':
      return [issueEvent('jira:issue_deleted', 'issue_deleted')];
    case 'avi:jira:commented:issue': {
      const comment = record(p.comment);
      const edited = comment !== undefined && comment.created !== comment.updated;
      return [
        issueEvent('jira:issue_updated', edited ? 'issue_comment_edited' : 'issue_commented', { comment }),
        {
          webhookEvent: edited ? 'comment_updated' : 'comment_created',
          issueId,
          issueDeleted: false,
          body: { ...base, webhookEvent: edited ? 'comment_updated' : 'comment_created', comment, issue },
        },
      ];
    }
    case 'avi:jira:deleted:comment':
      return [
        issueEvent('jira:issue_updated', 'issue_comment_deleted', { comment: p.comment }),
        {
          webhookEvent: 'comment_deleted',
          issueId,
          issueDeleted: false,
          body: { ...base, webhookEvent: 'comment_deleted', comment: p.comment, issue },
        },
      ];
    case 'avi:jira:created:attachment':
    case 'avi:jira:deleted:attachment': {
      const webhookEvent =
        event.eventType === 'avi:jira:created:attachment' ? 'attachment_created' : 'attachment_deleted';
      const attachment = record(p.attachment);
      return [
        {
          webhookEvent,
          issueId: str(attachment?.issueId),
          issueDeleted: false,
          body: { ...base, webhookEvent, attachment },
        },
      ];
    }
    case 'avi:jira:created:issuelink':
    case 'avi:jira:deleted:issuelink': {
      const webhookEvent =
        event.eventType === 'avi:jira:created:issuelink' ? 'issuelink_created' : 'issuelink_deleted';
      return [
        {
          webhookEvent,
          issueId: undefined,
          issueDeleted: false,
          body: {
            timestamp: base.timestamp,
            webhookEvent,
            issueLink: {
              id: p.id,
              sourceIssueId: p.sourceIssueId,
              destinationIssueId: p.destinationIssueId,
              issueLinkType: p.issueLinkType,
              systemLink: false,
            },
          },
        },
      ];
    }
  }
}

function wants(site: Site, hook: AdminWebhook, out: Outgoing): boolean {
  if (!hook.enabled || !hook.events.includes(out.webhookEvent)) return false;
  if (hook.jqlFilter === null || out.issueId === undefined || out.issueDeleted) return true;
  const issue = site.issueById(out.issueId);
  if (!issue) return true;
  try {
    return compileJql(site, parseJql(hook.jqlFilter)).matches(issue);
  } catch {
    // Registration checked the filter; one that no longer compiles (a renamed project) matches nothing.
    return false;
  }
}

/** Sends the deliveries of every event; `track` sees each delivery's promise (the host's `settle` waits). */
export class AdminWebhookDeliverer {
  private readonly log: AdminWebhookDelivery[] = [];
  private tracker: (delivery: Promise<void>) => void = () => undefined;

  track(tracker: (delivery: Promise<void>) => void): void {
    this.tracker = tracker;
  }

  deliveries(): readonly AdminWebhookDelivery[] {
    return this.log;
  }

  deliver(site: Site, events: readonly JiraProductEvent[]): void {
    const hooks = Object.values(site.state.webhooks);
    if (hooks.length === 0) return;
    for (const event of events)
      for (const out of webhookEventsOf(site, event))
        for (const hook of hooks) if (wants(site, hook, out)) this.tracker(this.send(site, hook, out));
  }

  private async send(site: Site, hook: AdminWebhook, out: Outgoing): Promise<void> {
    const body = hook.excludeBody ? '' : JSON.stringify(out.body);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'X-Atlassian-Webhook-Identifier': randomUUID(),
    };
    if (hook.secret !== null)
      headers['X-Hub-Signature'] = `sha256=${createHmac('sha256', hook.secret).update(body).digest('hex')}`;
    let status: number | 'failed';
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 'failed';
    }
    this.log.push({
      site: site.name,
      webhookId: hook.id,
      webhookEvent: out.webhookEvent,
      issueId: out.issueId,
      status,
      at: Date.now(),
    });
    if (this.log.length > 1000) this.log.splice(0, this.log.length - 1000);
  }
}
