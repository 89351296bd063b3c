/**
 * Connection credentials in Forge secret storage (encrypted, never queryable). A credential's value goes
 * only to the connector that uses it; the settings UI learns `set` or `not set` and nothing more, so a
 * browser, a log line or a resolver response can never leak it.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { keys } from './keys';
import { assertValueFits } from './storage-error';
import { parseStored } from './stored-records';

export type CredentialStatus = 'set' | 'not set';

/**
 * A credential's name within its connection, chosen by the connector: `token`, `password`,
 * `webhookSecret`, and `previousWebhookSecret` to keep the old secret valid during a rotation.
 */
export type CredentialName = string;

const SecretValue = z.string().min(1);

export async function saveCredential(
  connectionId: string,
  name: CredentialName,
  value: string,
): Promise<void> {
  const key = keys.credential(connectionId, name);
  // An empty secret would read back as "set" and fail at the remote with a confusing 401.
  SecretValue.parse(value);
  assertValueFits(key, value);
  await kvs.setSecret(key, value);
}

export async function readCredential(
  connectionId: string,
  name: CredentialName,
): Promise<string | undefined> {
  const key = keys.credential(connectionId, name);
  const value: unknown = await kvs.getSecret(key);
  return value === undefined ? undefined : parseStored(SecretValue, value, key);
}

/** Idempotent: deleting a credential that is not there succeeds. */
export async function deleteCredential(connectionId: string, name: CredentialName): Promise<void> {
  await kvs.deleteSecret(keys.credential(connectionId, name));
}

/** For the UI: whether the credential exists, never its value. */
export async function credentialStatus(
  connectionId: string,
  name: CredentialName,
): Promise<CredentialStatus> {
  const value: unknown = await kvs.getSecret(keys.credential(connectionId, name));
  return value === undefined ? 'not set' : 'set';
}
