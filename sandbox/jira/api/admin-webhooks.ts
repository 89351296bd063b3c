import { z } from 'zod';
import { parseJsonBody } from '../http/body';
import type { RequestContext } from '../http/context';
import { empty, json, JiraHttpError, notFound } from '../http/reply';
import type { Route } from '../http/router';
import type { Site } from '../site';
import { removeEntry, type AdminWebhook } from '../state';
import { ADMIN_WEBHOOK_EVENTS } from '../admin-webhook-delivery';
import { compileJql } from '../jql/compile';
import { parseJql } from '../jql/parser';

/**
 * Admin webhooks: the ones a Jira administrator creates on System → WebHooks or registers with
 * `/rest/webhooks/1.0/webhook` (developer.atlassian.com/cloud/jira/platform/webhooks/, "Registering a webhook"
 * and "Secure admin webhooks"). A webhook has a name, a URL, the events it wants, an optional JQL filter on
 * issue-related events (`filters["issue-related-events-section"]`), and an optional secret: with one, every
 * delivery carries `X-Hub-Signature: sha256=<HMAC-SHA256 of the body>`. The secret is write-only: no answer
 * shows it. Only Jira administrators may manage them ("Administer Jira" global permission); the operation
 * is not in the platform OpenAPI document, so the contract check does not cover it.
 */

const WebhookRequest = z.looseObject({
  name: z.string().min(1, 'name is required'),
  url: z.url({ protocol: /^https?$/, message: 'url must be an http(s) URL' }),
  events: z.array(z.string().min(1)).default([]),
  filters: z.record(z.string(), z.string()).optional(),
  excludeBody: z.boolean().default(false),
  secret: z.string().optional(),
  enabled: z.boolean().default(true),
});

const JQL_FILTER = 'issue-related-events-section';

function requireAdministrator(ctx: RequestContext): void {
  const user = ctx.site.state.users[ctx.actor.accountId];
  // The app never manages the partner's webhooks: an administrator pastes Tandem's URL and secret.
  if (ctx.actor.byApp || !user?.admin)
    throw new JiraHttpError(403, ['You must be a Jira administrator to manage webhooks.']);
}

function render(site: Site, hook: AdminWebhook): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/webhooks/1.0/webhook/${hook.id}`,
    name: hook.name,
    url: hook.url,
    excludeBody: hook.excludeBody,
    filters: { [JQL_FILTER]: hook.jqlFilter ?? '' },
    events: hook.events,
    enabled: hook.enabled,
    // Write-only: Jira says whether a secret is set, never what it is.
    hasSecret: hook.secret !== null,
    lastUpdated: hook.lastUpdated,
  };
}

function requireHook(ctx: RequestContext): AdminWebhook {
  const hook = ctx.site.state.webhooks[ctx.param('webhookId')];
  if (!hook) throw notFound(`No webhook with id '${ctx.param('webhookId')}' exists.`);
  return hook;
}

function create(ctx: RequestContext) {
  requireAdministrator(ctx);
  const input = parseJsonBody(ctx.body, WebhookRequest);
  const unknownEvents = input.events.filter((e) => !ADMIN_WEBHOOK_EVENTS.has(e));
  if (unknownEvents.length > 0)
    throw new JiraHttpError(400, [`Unknown webhook events: ${unknownEvents.join(', ')}`]);
  const jql = input.filters?.[JQL_FILTER]?.trim();
  if (jql) {
    try {
      compileJql(ctx.site, parseJql(jql));
    } catch (err) {
      throw new JiraHttpError(400, [
        `The JQL filter is not valid: ${err instanceof Error ? err.message : String(err)}`,
      ]);
    }
  }
  const ids = Object.keys(ctx.site.state.webhooks).map(Number);
  const hook: AdminWebhook = {
    id: String(Math.max(0, ...ids) + 1),
    name: input.name,
    url: input.url,
    events: input.events,
    jqlFilter: jql === undefined || jql === '' ? null : jql,
    excludeBody: input.excludeBody,
    secret: input.secret === undefined || input.secret === '' ? null : input.secret,
    enabled: input.enabled,
    lastUpdated: ctx.site.now(),
  };
  ctx.site.state.webhooks[hook.id] = hook;
  return json(render(ctx.site, hook), 201);
}

export const adminWebhookRoutes: readonly Route[] = [
  { method: 'POST', pattern: '/rest/webhooks/1.0/webhook', handler: create },
  {
    method: 'GET',
    pattern: '/rest/webhooks/1.0/webhook',
    handler: (ctx) => {
      requireAdministrator(ctx);
      return json(Object.values(ctx.site.state.webhooks).map((h) => render(ctx.site, h)));
    },
  },
  {
    method: 'GET',
    pattern: '/rest/webhooks/1.0/webhook/{webhookId}',
    handler: (ctx) => {
      requireAdministrator(ctx);
      return json(render(ctx.site, requireHook(ctx)));
    },
  },
  {
    method: 'DELETE',
    pattern: '/rest/webhooks/1.0/webhook/{webhookId}',
    handler: (ctx) => {
      requireAdministrator(ctx);
      removeEntry(ctx.site.state.webhooks, requireHook(ctx).id);
      return empty(204);
    },
  },
];
