/**
 * The shape shared by the webhook web triggers: accept POST with a JSON body, hand the request (raw body
 * included, for signature checks) to the injected acceptor, and turn its outcome into an HTTP answer.
 * Known rejections become 4xx; anything thrown is unexpected and propagates so Forge records it.
 */
import {
  errorResponse,
  jsonResponse,
  parseWebTriggerRequest,
  readJsonBody,
  type WebTriggerRequest,
  type WebTriggerResponse,
} from './webtrigger-http';

export interface IncomingWebhook {
  request: WebTriggerRequest;
  /** The body exactly as received: signatures are computed over these bytes, not over re-serialised JSON. */
  rawBody: string;
  json: unknown;
}

export type WebhookOutcome =
  | { status: 'accepted' }
  | { status: 'ignored'; reason: string }
  | { status: 'rejected'; httpStatus: 400 | 401 | 403 | 404 | 409 | 413 | 422; reason: string };

export type AcceptWebhook = (webhook: IncomingWebhook) => Promise<WebhookOutcome>;

export const makeWebhookHandler =
  (accept: AcceptWebhook) =>
  async (request: unknown): Promise<WebTriggerResponse> => {
    const parsed = parseWebTriggerRequest(request);
    if (parsed.method.toUpperCase() !== 'POST') {
      return errorResponse(405, `method ${parsed.method} not allowed; webhooks are POSTed`, {
        Allow: ['POST'],
      });
    }
    const body = readJsonBody(parsed);
    if (!body.ok) return body.response;

    const outcome = await accept({ request: parsed, rawBody: parsed.body ?? '', json: body.value });
    switch (outcome.status) {
      case 'accepted':
        return jsonResponse(202, { accepted: true });
      case 'ignored':
        return jsonResponse(200, { accepted: false, reason: outcome.reason });
      case 'rejected':
        return errorResponse(outcome.httpStatus, outcome.reason);
    }
  };

/** Until a connector is wired: answer 200 so senders do not retry, and say that nothing was done. */
export const ignoreUntilWired: AcceptWebhook = () =>
  Promise.resolve({ status: 'ignored', reason: 'webhook processing is not configured yet' });
