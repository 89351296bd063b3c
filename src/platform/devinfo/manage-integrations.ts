/**
 * Creating, rotating and deleting git integrations, for the resolvers. A new secret is returned once,
 * here, and never again: the record holds no secret, and the list shows only that one is set.
 */
import { randomBytes } from 'node:crypto';
import type { GitIntegration, GitServerKind } from '../../core/devinfo/integration';
import { GIT_SERVERS } from '../../connectors/git-webhooks/registry';
import { trimAudit } from './delivery-audit';
import { deleteAllSecrets, newSecret, rotateSecret, writeSecret } from './integration-secrets';
import { deleteIntegrationRecord, getIntegration, putIntegration } from './integration-store';
import { deleteIntegrationDevInfo } from './jira-devinfo-sink';
import { deleteRefusals } from './refused-deliveries';
import { createWebhookUrl, deleteWebhookUrl } from './webhook-url';

const PREFIX: Readonly<Record<GitServerKind, string>> = {
  github: 'gh',
  gitlab: 'gl',
  bitbucket: 'bb',
  gitea: 'gt',
  forgejo: 'fj',
  'azure-devops': 'az',
};

export interface WithSecret {
  integration: GitIntegration;
  secret: string;
  secretHeader: string;
}

export async function createIntegration(
  name: string,
  server: GitServerKind,
  now = new Date(),
): Promise<WithSecret> {
  const id = `${PREFIX[server]}-${randomBytes(5).toString('hex')}`;
  const secret = newSecret();
  // The secret first: a record without one would refuse every delivery.
  await writeSecret(id, 'current', secret);
  const integration: GitIntegration = {
    id,
    name,
    server,
    webhookUrl: await createWebhookUrl(id),
    createdAt: now.toISOString(),
  };
  await putIntegration(integration);
  return { integration, secret, secretHeader: GIT_SERVERS[server].secretHeader };
}

export async function rotateIntegrationSecret(
  integration: GitIntegration,
  graceHours: number,
  now = new Date(),
): Promise<WithSecret> {
  const rotated = await rotateSecret(integration, graceHours, now);
  await putIntegration(rotated.integration);
  return { ...rotated, secretHeader: GIT_SERVERS[integration.server].secretHeader };
}

/** Removes the URL first, so nothing new arrives, then the data Jira holds for it, then the rest. */
export async function deleteIntegration(integrationId: string): Promise<boolean> {
  const integration = await getIntegration(integrationId);
  if (!integration) return false;
  await deleteWebhookUrl(integration.webhookUrl, integration.id);
  await deleteIntegrationDevInfo(integration.id);
  await deleteAllSecrets(integration.id);
  await trimAudit(integration.id, 0);
  await deleteRefusals(integration.id);
  await deleteIntegrationRecord(integration.id);
  return true;
}
