/**
 * Each integration gets a web trigger URL of its own (`getUrl(key, forceCreate)`), with the integration
 * id appended as the user path, which Forge passes to the function: the URL says which integration is
 * meant, and deleting the integration deletes the URL.
 */
import { webTrigger } from '@forge/api';

export const DEVINFO_WEBTRIGGER = 'devinfo-webhook';

export async function createWebhookUrl(integrationId: string): Promise<string> {
  const base = await webTrigger.getUrl(DEVINFO_WEBTRIGGER, true);
  return `${base.replace(/\/+$/, '')}/${integrationId}`;
}

export async function deleteWebhookUrl(webhookUrl: string, integrationId: string): Promise<void> {
  const suffix = `/${integrationId}`;
  const base = webhookUrl.endsWith(suffix) ? webhookUrl.slice(0, -suffix.length) : webhookUrl;
  await webTrigger.deleteUrl(base);
}
