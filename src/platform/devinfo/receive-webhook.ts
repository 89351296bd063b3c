/**
 * Receiving one git webhook, in the order that keeps it cheap to refuse and safe to accept: find the
 * integration by the URL's last segment, refuse an oversized body, check the secret in constant time
 * (401, recorded, nothing processed), read the JSON and the event, parse it (4xx with the reason when
 * malformed), refuse a delivery id seen before, then store the raw body in the durable inbox and ask
 * for a drain. Only then is the answer 202: a git server sends each event once.
 */
import { createHash } from 'node:crypto';
import type { DeliveryRecord, GitIntegration } from '../../core/devinfo/integration';
import { IntegrationIdSchema } from '../../core/devinfo/integration';
import type { WorkQueue } from '../../core/ports';
import type { GitServerConnector, WebhookRequest } from '../../connectors/git-webhooks/git-server';
import { GIT_SERVERS } from '../../connectors/git-webhooks/registry';
import { recordDelivery } from './delivery-audit';
import { claimDelivery, releaseClaim } from './delivery-claims';
import { enqueueDelivery } from './delivery-inbox';
import { requestDrain } from './drain-inbox';
import { acceptedSecrets } from './integration-secrets';
import { getIntegration } from './integration-store';

/** Under Forge's ~6 MB invocation payload; GitHub caps its payloads at 25 MB, GitLab lists 20 commits. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

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
}

/** Records the outcome in the audit log and answers with it. */
async function answer(
  r: Received,
  outcome: DeliveryRecord['outcome'],
  status: number,
  reason: string,
): Promise<ReceiveAnswer> {
  await recordDelivery({
    integrationId: r.integration.id,
    deliveryId: r.deliveryId.slice(0, 300),
    event: r.event.slice(0, 200),
    receivedAt: r.receivedAt.toISOString(),
    outcome,
    httpStatus: status,
    detail: reason.slice(0, 2000),
  });
  return status < 300 ? { status, body: { accepted: false, reason } } : refuse(status, reason);
}

export async function receiveWebhook(request: IncomingRequest, queue: WorkQueue): Promise<ReceiveAnswer> {
  const receivedAt = new Date();
  const integrationId = integrationIdOf(request.userPath);
  const integration = integrationId === undefined ? undefined : await getIntegration(integrationId);
  if (!integration) return refuse(404, 'no git integration at this URL');
  const connector = GIT_SERVERS[integration.server];
  const r: Received = {
    integration,
    connector,
    receivedAt,
    event: connector.eventType(request, undefined) ?? 'unknown',
    deliveryId:
      connector.deliveryId(request, undefined) ??
      `sha256:${createHash('sha256').update(request.rawBody).digest('hex')}`,
  };

  const bytes = Buffer.byteLength(request.rawBody, 'utf8');
  if (bytes > MAX_BODY_BYTES)
    return answer(r, 'rejected', 413, `body of ${bytes} bytes is over the limit of ${MAX_BODY_BYTES} bytes`);
  const secret = await connector.verify(request, await acceptedSecrets(integration, receivedAt));
  if (!secret.ok) return answer(r, 'rejected', 401, secret.reason);

  let body: unknown;
  try {
    body = JSON.parse(request.rawBody);
  } catch (err) {
    return answer(
      r,
      'rejected',
      400,
      `body is not JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
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

  if ((await claimDelivery(integration.id, r.deliveryId, receivedAt.toISOString())) === 'duplicate')
    return answer(r, 'duplicate', 409, `delivery ${r.deliveryId} was already received`);
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
      rawBody: request.rawBody,
    });
  } catch (err) {
    // Not stored: let the server's retry through, and let Forge record the failure (500).
    await releaseClaim(integration.id, r.deliveryId);
    throw err;
  }
  await requestDrain(queue);
  return { status: 202, body: { accepted: true, deliveryId: r.deliveryId } };
}
