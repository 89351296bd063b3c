/**
 * Webhook secrets in Forge secret storage. Each integration has a current secret and, for a grace period
 * after a rotation, the previous one: the git server keeps signing with the old secret until an admin
 * pastes the new one, and no delivery is refused in between. Values never leave this module except to
 * the signature check, and once to the admin who created or rotated them.
 */
import { kvs } from '@forge/kvs';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { GitIntegration } from '../../core/devinfo/integration';
import { keys } from '../kvs/keys';
import { parseStored } from '../kvs/stored-records';

type Slot = 'current' | 'previous' | 'installToken';
const SecretValue = z.string().min(1);

/** 32 random bytes, URL-safe: fits every server's secret field and a basic-auth password. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

async function read(integrationId: string, slot: Slot): Promise<string | undefined> {
  const key = keys.gitSecret(integrationId, slot);
  const value: unknown = await kvs.getSecret(key);
  return value === undefined ? undefined : parseStored(SecretValue, value, key);
}

export async function writeSecret(integrationId: string, slot: Slot, value: string): Promise<void> {
  await kvs.setSecret(keys.gitSecret(integrationId, slot), SecretValue.parse(value));
}

export const deleteSecret = (integrationId: string, slot: Slot): Promise<void> =>
  kvs.deleteSecret(keys.gitSecret(integrationId, slot));

export const readInstallToken = (integrationId: string): Promise<string | undefined> =>
  read(integrationId, 'installToken');
export const readCurrentSecret = (integrationId: string): Promise<string | undefined> =>
  read(integrationId, 'current');

/** The secrets a delivery may be signed with now: the current one, and the previous one in its grace period. */
export async function acceptedSecrets(integration: GitIntegration, now: Date): Promise<string[]> {
  const graceOpen =
    integration.previousSecretValidUntil !== undefined &&
    Date.parse(integration.previousSecretValidUntil) > now.getTime();
  const [current, previous] = await Promise.all([
    read(integration.id, 'current'),
    graceOpen ? read(integration.id, 'previous') : Promise.resolve(undefined),
  ]);
  return [current, previous].filter((s): s is string => s !== undefined);
}

/** Makes a new current secret; the old one stays valid for `graceHours` (0: not at all). */
export async function rotateSecret(
  integration: GitIntegration,
  graceHours: number,
  now: Date,
): Promise<{ integration: GitIntegration; secret: string }> {
  const old = await read(integration.id, 'current');
  const secret = newSecret();
  const rest: GitIntegration = { ...integration, secretRotatedAt: now.toISOString() };
  delete rest.previousSecretValidUntil;
  if (old !== undefined && graceHours > 0) {
    await writeSecret(integration.id, 'previous', old);
    rest.previousSecretValidUntil = new Date(now.getTime() + graceHours * 3_600_000).toISOString();
  } else {
    await deleteSecret(integration.id, 'previous');
  }
  await writeSecret(integration.id, 'current', secret);
  return { integration: rest, secret };
}

export async function deleteAllSecrets(integrationId: string): Promise<void> {
  await Promise.all(
    (['current', 'previous', 'installToken'] as const).map((slot) => deleteSecret(integrationId, slot)),
  );
}

export async function secretStatus(integrationId: string): Promise<'set' | 'missing'> {
  return (await read(integrationId, 'current')) === undefined ? 'missing' : 'set';
}
