/**
 * Remote tracker webhooks (GitHub, GitLab issue and comment changes), one URL per connection:
 * `<web trigger URL>/<connectionId>`. Thin: POST only, then receiveTrackerWebhook verifies the signature
 * over the raw body before anything else is read, records and queues; the answer says what it did.
 */
import { licenseStateOf, type LicenseState } from '../../core/licensing/license-state';
import { receiveTrackerWebhookOnForge } from '../../platform/forge-app';
import type {
  TrackerWebhookAnswer,
  TrackerWebhookRequest,
} from '../../platform/tracker-webhook/receive-tracker-webhook';
import {
  errorResponse,
  jsonResponse,
  parseWebTriggerRequest,
  type WebTriggerResponse,
} from './webtrigger-http';

export const makeTrackerWebhookHandler =
  (receive: (request: TrackerWebhookRequest, license: LicenseState) => Promise<TrackerWebhookAnswer>) =>
  async (request: unknown, context?: unknown): Promise<WebTriggerResponse> => {
    const parsed = parseWebTriggerRequest(request);
    if (parsed.method.toUpperCase() !== 'POST') {
      return errorResponse(405, `method ${parsed.method} not allowed; webhooks are POSTed`, {
        Allow: ['POST'],
      });
    }
    const answer = await receive(
      {
        userPath: parsed.userPath,
        headers: parsed.headers,
        rawBody: parsed.body ?? '',
      },
      licenseStateOf(context),
    );
    return jsonResponse(answer.status, answer.body);
  };

export const onTrackerWebhook = makeTrackerWebhookHandler(receiveTrackerWebhookOnForge);
