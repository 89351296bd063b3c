/** Parses a queued delivery with its integration's connector, as the web trigger did when it arrived. */
import type { ParseQueued } from '../../core/devinfo/ports';
import { GIT_SERVERS } from '../../connectors/git-webhooks/registry';
import { getIntegration } from './integration-store';

export const parseQueued: ParseQueued = async (delivery, rawBody) => {
  const integration = await getIntegration(delivery.integrationId);
  if (!integration)
    return { ok: false, error: 'the integration was deleted before this delivery was processed' };
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { ok: false, error: 'the stored body is not JSON' };
  }
  return GIT_SERVERS[integration.server].parse(delivery.event, body);
};
