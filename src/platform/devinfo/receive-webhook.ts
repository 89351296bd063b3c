/**
 * Receiving one git webhook, in the order that keeps it cheap to refuse and safe to accept: find the
 * integration by the URL's last segment, refuse an oversized body, check the secret in constant time
 * (401, nothing processed; these two are counted and sampled apart from the audit, since anyone with
 * the URL can send them), read the JSON (form-encoded `payload=` too) and the event, parse it (4xx with
 * the reason when malformed), refuse a delivery id or a verified body seen before (the signature does
 * not cover the delivery id, so a replay under a new id is caught by the body), then store the raw body
 * in the durable inbox and ask for a drain. Only then is the answer 202: a git server sends each event once.
 */
import { createHash } from 'node:crypto';
import type { DeliveryRecord, GitIntegration } from '../../core/devinfo/integration';
import { IntegrationIdSchema } from '../../core/devinfo/integration';
import type { WorkQueue } from '../../core/ports';
import type { GitServerConnector, WebhookRequest } from '../../connectors/git-webhooks/git-server';
import { GIT_SERVERS } from '../../connectors/git-webhooks/registry';
import { readWebhookJson } from '../../connectors/common/webhook-json';
import { header } from '../../connectors/git-webhooks/headers';
import { recordDelivery } from './delivery-audit';
import { claimDelivery, releaseClaim } from './delivery-claims';
import { enqueueDelivery } from './delivery-inbox';
import { requestDrain } from './drain-inbox';
import { acceptedSecrets } from './integration-secrets';
import { getIntegration } from './integration-store';
import { overBodyLimit } from '../webhook-body-limit';
import { recordRefusal } from './refused-deliveries';

export { MAX_BODY_BYTES } from '../webhook-body-limit';

export interface IncomingRequest extends WebhookRequest {
  /** Path segments after the web trigger id: `/<integrationId>`. */
  userPath: string;
}

export interface ReceiveAnswer {
  status: number;
  body: { accepted: true; deliveryId: string } | { accepted: false; reason: string } | { error: string };
}

const refuse = (status: number, error: string): ReceiveAnswer => ({ status, body: { error } });

function integrationIdOf(userPath: string): string | undefined {
  const segment = userPath.split('/').find((s) => s !== '');
  const parsed = IntegrationIdSchema.safeParse(segment);
  return parsed.success ? parsed.data : undefined;
}

interface Received {
  integration: GitIntegration;
  connector: GitServerConnector;
  receivedAt: Date;
  event: string;
  deliveryId: string;
  /** `body-<sha256 of the raw body>`: the second dedupe key, once the body is verified. */
  bodyClaim: string;
}

const recordOf = (
  r: Received,
  outcome: DeliveryRecord['outcome'],
  status: number,
  reason: string,
): DeliveryRecord => ({
  integrationId: r.integration.id,
  deliveryId: r.deliveryId.slice(0, 300),
  event: r.event.slice(0, 200),
  receivedAt: r.receivedAt.toISOString(),
  outcome,
  httpStatus: status,
  detail: reason.slice(0, 2000),
});

/** Records the outcome of a verified delivery in the audit log and answers with it. */
async function answer(
  r: Received,
  outcome: DeliveryRecord['outcome'],
  status: number,
  reason: string,
): Promise<ReceiveAnswer> {
  await recordDelivery(recordOf(r, outcome, status, reason));
  return status < 300 ? { status, body: { accepted: false, reason } } : refuse(status, reason);
}

/** A refusal before the sender was verified: counted and sampled, never in the audit. */
async function refuseUnverified(r: Received, status: 401 | 413, reason: string): Promise<ReceiveAnswer> {
  await recordRefusal(recordOf(r, 'rejected', status, reason));
  return refuse(status, reason);
}

/** Claims the delivery id, then the body; a duplicate of either leaves no claim of this call behind. */
async function claimBoth(r: Received): Promise<string | undefined> {
  const at = r.receivedAt.toISOString();
  if ((await claimDelivery(r.integration.id, r.deliveryId, at)) === 'duplicate')
    return `delivery ${r.deliveryId} was already received`;
  try {
    if ((await claimDelivery(r.integration.id, r.bodyClaim, at)) === 'new') return undefined;
  } catch (err) {
    await releaseClaim(r.integration.id, r.deliveryId);
    throw err;
  }
  await releaseClaim(r.integration.id, r.deliveryId);
  return `the same body was already received (a replay under the new delivery id ${r.deliveryId})`;
}

export async function receiveWebhook(request: IncomingRequest, queue: WorkQueue): Promise<ReceiveAnswer> {
  const receivedAt = new Date();
  const integrationId = integrationIdOf(request.userPath);
  const integration = integrationId === undefined ? undefined : await getIntegration(integrationId);
  if (!integration) return refuse(404, 'no git integration at this URL');
  const connector = GIT_SERVERS[integration.server];
  const sentId = connector.deliveryId(request, undefined);
  const r: Received = {
    integration,
    connector,
    receivedAt,
    event: connector.eventType(request, undefined) ?? 'unknown',
    deliveryId: sentId ?? 'none',
    bodyClaim: '',
  };

  const tooLarge = overBodyLimit(request.rawBody);
  if (tooLarge !== undefined) return refuseUnverified(r, 413, tooLarge);
  // Hashed only once it fits: the body's hash is its id when the server sends none, and a dedupe key.
  const bodyHash = createHash('sha256').update(request.rawBody).digest('hex');
  r.deliveryId = sentId ?? `sha256:${bodyHash}`;
  r.bodyClaim = `body-${bodyHash}`;
  const secret = await connector.verify(request, await acceptedSecrets(integration, receivedAt));
  if (!secret.ok) return refuseUnverified(r, 401, secret.reason);

  const read = readWebhookJson(header(request, 'content-type'), request.rawBody);
  if (!read.ok) return answer(r, 'rejected', read.status, read.reason);
  const body = read.value;
  // Azure DevOps names the event and the delivery in the body.
  r.event = connector.eventType(request, body) ?? r.event;
  r.deliveryId = connector.deliveryId(request, body) ?? r.deliveryId;
  if (r.event === 'unknown')
    return answer(r, 'rejected', 400, `no event type: ${connector.label} names it in a header`);
  if (!connector.handles(r.event)) {
    return answer(
      r,
      'ignored',
      200,
      r.event === 'ping'
        ? 'ping: the hook reaches Tandem'
        : `${r.event} events carry no development information`,
    );
  }
  const parsed = connector.parse(r.event, body);
  if (!parsed.ok) return answer(r, 'rejected', 422, parsed.error);
  if (parsed.events.length === 0) return answer(r, 'ignored', 200, parsed.note ?? 'nothing to record');

  const duplicate = await claimBoth(r);
  if (duplicate !== undefined) return answer(r, 'duplicate', 409, duplicate);
  try {
    const auditKey = await recordDelivery({
      integrationId: integration.id,
      deliveryId: r.deliveryId.slice(0, 300),
      event: r.event,
      receivedAt: receivedAt.toISOString(),
      outcome: 'queued',
      httpStatus: 202,
    });
    await enqueueDelivery({
      integrationId: integration.id,
      deliveryId: r.deliveryId,
      event: r.event,
      receivedAtMs: receivedAt.getTime(),
      auditKey,
      // The verified JSON document, which the drain parses again (a form body's `payload` field).
      rawBody: read.json,
    });
  } catch (err) {
    // Not stored: let the server's retry through, and let Forge record the failure (500).
    await releaseClaim(integration.id, r.deliveryId);
    await releaseClaim(integration.id, r.bodyClaim);
    throw err;
  }
  await requestDrain(queue);
  return { status: 202, body: { accepted: true, deliveryId: r.deliveryId } };
}
