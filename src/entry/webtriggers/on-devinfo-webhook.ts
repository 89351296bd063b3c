/**
 * Git server webhooks (push, branch, pull/merge request) that become Jira development information.
 * Thin: POST only, then receiveWebhook verifies, parses, stores durably and answers (202 once stored);
 * the body is read as raw text first because signatures cover the exact bytes.
 */
import type { WorkQueue } from '../../core/ports';
import { licenseStateOf } from '../../core/licensing/license-state';
import { queueUnder } from '../../platform/licensing/held-work';
import { forgeWorkQueue } from '../../platform/forge-queue';
import { receiveWebhook } from '../../platform/devinfo/receive-webhook';
import {
  errorResponse,
  jsonResponse,
  parseWebTriggerRequest,
  type WebTriggerResponse,
} from './webtrigger-http';

export const makeDevInfoWebhookHandler =
  (queue: WorkQueue) =>
  async (request: unknown, context?: unknown): Promise<WebTriggerResponse> => {
    const parsed = parseWebTriggerRequest(request);
    if (parsed.method.toUpperCase() !== 'POST') {
      return errorResponse(405, `method ${parsed.method} not allowed; webhooks are POSTed`, {
        Allow: ['POST'],
      });
    }
    const answer = await receiveWebhook(
      { headers: parsed.headers, rawBody: parsed.body ?? '', userPath: parsed.userPath },
      // Unlicensed: the delivery is still verified and kept in the inbox; only its drain is held.
      queueUnder(licenseStateOf(context), queue),
    );
    return jsonResponse(answer.status, answer.body);
  };

export const onDevInfoWebhook = makeDevInfoWebhookHandler(forgeWorkQueue());
