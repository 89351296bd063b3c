/** Git server webhooks (push, branch, merge request) that become Jira development information. */
import { ignoreUntilWired, makeWebhookHandler } from './webhook-handler';

export const onDevInfoWebhook = makeWebhookHandler(ignoreUntilWired);
