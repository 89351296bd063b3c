/** Git integration records in KVS, one per integration, parsed with the schema the settings page uses. */
import { kvs, WhereConditions } from '@forge/kvs';
import { GitIntegrationSchema, type GitIntegration } from '../../core/devinfo/integration';
import { keys } from '../kvs/keys';
import { assertValueFits } from '../kvs/storage-error';
import { parseStored } from '../kvs/stored-records';

export async function getIntegration(integrationId: string): Promise<GitIntegration | undefined> {
  const key = keys.gitIntegration(integrationId);
  const value: unknown = await kvs.get(key);
  return value === undefined ? undefined : parseStored(GitIntegrationSchema, value, key);
}

export async function listIntegrations(): Promise<GitIntegration[]> {
  const out: GitIntegration[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(keys.gitIntegrationPrefix())).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const item of page.results) out.push(parseStored(GitIntegrationSchema, item.value, item.key));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export async function putIntegration(integration: GitIntegration): Promise<void> {
  const key = keys.gitIntegration(integration.id);
  const value = GitIntegrationSchema.parse(integration);
  assertValueFits(key, value);
  await kvs.set(key, value);
}

export async function deleteIntegrationRecord(integrationId: string): Promise<void> {
  await kvs.delete(keys.gitIntegration(integrationId));
}
