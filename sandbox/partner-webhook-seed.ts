/**
 * The demo's partner site sends its changes at once, as a configured install would: PARTNER's administrator
 * has created an admin webhook (System → WebHooks) for project PARTNER with Tandem's tracker-webhook URL for
 * the demo connection and a secret, and the same secret is in the connection's credentials. Both go through
 * the interfaces a person uses: the partner's `/rest/webhooks/1.0/webhook` as its admin, and the app's secret
 * storage. Without this, partner edits wait for the five-minute cycle.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { keys } from '../src/platform/kvs/keys';
import { DEMO_CONNECTION_ID } from './app-seed';
import { ADMIN_WEBHOOK_EVENTS } from './jira/admin-webhook-delivery';
import type { SandboxHost } from './host';

const WEBHOOK_NAME = `Tandem (${DEMO_CONNECTION_ID})`;
const PARTNER_ADMIN = `Basic ${Buffer.from('admin@example.com:admin-token').toString('base64')}`;
const Hooks = z.array(z.object({ name: z.string() }));

/** Creates the webhook and stores its secret unless the partner already has it; idempotent across restarts. */
export async function seedPartnerWebhook(host: SandboxHost): Promise<void> {
  const api = `${host.url}/sites/partner/rest/webhooks/1.0/webhook`;
  const headers = { Authorization: PARTNER_ADMIN, 'Content-Type': 'application/json' };
  const listed = await fetch(api, { headers });
  if (!listed.ok) throw new Error(`listing the partner's webhooks failed: ${listed.status}`);
  if (Hooks.parse(await listed.json()).some((h) => h.name === WEBHOOK_NAME)) return;

  const secret = randomBytes(24).toString('base64url');
  const stored = host.kvs.handle('/api/v1/secret/set', {
    key: keys.credential(DEMO_CONNECTION_ID, 'webhookSecret'),
    value: secret,
  });
  if (stored.status >= 300) throw new Error(`storing the webhook secret failed: ${stored.status}`);
  const created = await fetch(api, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: WEBHOOK_NAME,
      url: `${host.webtriggerUrl('tracker-webhook').replace(/\/+$/, '')}/${DEMO_CONNECTION_ID}`,
      // Every event the site sends: the connector ignores what names no issue.
      events: [...ADMIN_WEBHOOK_EVENTS],
      filters: { 'issue-related-events-section': 'project = PARTNER' },
      excludeBody: false,
      secret,
    }),
  });
  if (created.status !== 201)
    throw new Error(`creating the partner's webhook failed: ${created.status} ${await created.text()}`);
}
