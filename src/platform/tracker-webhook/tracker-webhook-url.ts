/**
 * One web trigger serves every connection's tracker webhook; the connection id appended as the user path
 * says which connection a delivery is for (receive-tracker-webhook.ts reads it back).
 */
import { webTrigger } from '@forge/api';

export const TRACKER_WEBTRIGGER = 'tracker-webhook';

export async function trackerWebhookUrl(connectionId: string): Promise<string> {
  const base = await webTrigger.getUrl(TRACKER_WEBTRIGGER);
  return `${base.replace(/\/+$/, '')}/${connectionId}`;
}
