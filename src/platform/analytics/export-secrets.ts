/**
 * The export's URL secret in Forge secret storage, rotated like a git integration's
 * (devinfo/integration-secrets.ts): a new current secret, and the old one valid for a grace period, so a
 * dashboard that reads the old URL keeps working until its owner pastes the new one.
 */
import { kvs } from '@forge/kvs';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ExportConfig } from '../../core/analytics/export-config';
import { keys } from '../kvs/keys';
import { parseStored } from '../kvs/stored-records';

type Slot = 'current' | 'previous';
const SecretValue = z.string().min(1);

/** 32 random bytes, URL-safe, so it is one path segment as it is. */
const newSecret = (): string => randomBytes(32).toString('base64url');

async function read(exportId: string, slot: Slot): Promise<string | undefined> {
  const key = keys.analyticsSecret(exportId, slot);
  const value: unknown = await kvs.getSecret(key);
  return value === undefined ? undefined : parseStored(SecretValue, value, key);
}

export const readExportSecret = (exportId: string): Promise<string | undefined> => read(exportId, 'current');

/** The secrets that open the export at `now`: the current one, and the previous one in its grace period. */
export async function acceptedExportSecrets(config: ExportConfig, now: Date): Promise<string[]> {
  const graceOpen =
    config.previousSecretValidUntil !== undefined && Date.parse(config.previousSecretValidUntil) > now.getTime();
  const [current, previous] = await Promise.all([
    read(config.exportId, 'current'),
    graceOpen ? read(config.exportId, 'previous') : Promise.resolve(undefined),
  ]);
  return [current, previous].filter((s): s is string => s !== undefined);
}

/** A first secret when the export has none; an existing one is kept (enabling twice is one export). */
export async function ensureExportSecret(exportId: string): Promise<void> {
  if ((await read(exportId, 'current')) === undefined)
    await kvs.setSecret(keys.analyticsSecret(exportId, 'current'), newSecret());
}

/** A new current secret; the old one stays valid for `graceHours` (0: not at all). */
export async function rotateExportSecret(
  config: ExportConfig,
  graceHours: number,
  now: Date,
): Promise<ExportConfig> {
  const old = await read(config.exportId, 'current');
  const next: ExportConfig = { ...config, secretRotatedAt: now.toISOString() };
  delete next.previousSecretValidUntil;
  if (old !== undefined && graceHours > 0) {
    await kvs.setSecret(keys.analyticsSecret(config.exportId, 'previous'), old);
    next.previousSecretValidUntil = new Date(now.getTime() + graceHours * 3_600_000).toISOString();
  } else {
    await kvs.deleteSecret(keys.analyticsSecret(config.exportId, 'previous'));
  }
  await kvs.setSecret(keys.analyticsSecret(config.exportId, 'current'), newSecret());
  return next;
}

export async function deleteExportSecrets(exportId: string): Promise<void> {
  await kvs.deleteSecret(keys.analyticsSecret(exportId, 'current'));
  await kvs.deleteSecret(keys.analyticsSecret(exportId, 'previous'));
}
