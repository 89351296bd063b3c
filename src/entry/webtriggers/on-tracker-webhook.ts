/** Remote tracker webhooks (issue and comment changes) that queue an incoming sync for the issue. */
import { ignoreUntilWired, makeWebhookHandler } from './webhook-handler';

export const onTrackerWebhook = makeWebhookHandler(ignoreUntilWired);
