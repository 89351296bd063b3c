/**
 * Uninstall: Tandem deletes everything it stored on the site, secrets first. Secret storage cannot be
 * queried, so secrets are found through the records that name them (each connection's credentials, each
 * git integration's secret slots) before those records go; then every queryable key Tandem wrote (all
 * start with the key scheme's version, keys.everythingPrefix) is deleted page by page. Idempotent: a second
 * run, or one after a kill, deletes what is left and succeeds.
 */
import { kvs } from '@forge/kvs';
import { ConnectionSchema } from '../../core/schema/connection';
import { OPTIONAL_CREDENTIALS } from '../../core/schema/credentials';
import { credentialNamesOfAnyFlavor } from '../admin/connection-views';
import { deleteAllSecrets } from '../devinfo/integration-secrets';
import { keys, lastIdOf } from '../kvs/keys';
import { allUnder, pageUnder } from '../kvs/prefix-query';
import { deleteCredential } from '../kvs/secret-store';

export interface EraseReport {
  secrets: number;
  keys: number;
}

async function eraseConnectionSecrets(): Promise<number> {
  const records = await allUnder(keys.connectionConfigPrefix());
  const parsed = records.map((r) => ({
    id: lastIdOf(r.key),
    connection: ConnectionSchema.safeParse(r.value),
  }));
  // A record that no longer parses still had secrets: try every name any readable connection uses.
  const known = new Set<string>(OPTIONAL_CREDENTIALS);
  for (const { connection } of parsed)
    if (connection.success) for (const n of credentialNamesOfAnyFlavor(connection.data)) known.add(n);
  let count = 0;
  for (const { id, connection } of parsed) {
    const names = connection.success ? credentialNamesOfAnyFlavor(connection.data) : known;
    for (const name of names) await deleteCredential(id, name);
    count += names.size;
  }
  return count;
}

async function eraseIntegrationSecrets(): Promise<number> {
  const records = await allUnder(keys.gitIntegrationPrefix());
  for (const r of records) await deleteAllSecrets(lastIdOf(r.key));
  return records.length * 3;
}

export async function eraseAppData(): Promise<EraseReport> {
  const secrets = (await eraseConnectionSecrets()) + (await eraseIntegrationSecrets());
  let deleted = 0;
  // The first page each time, never a cursor: what was read gets deleted, so the next first page is new.
  for (;;) {
    const page = (await pageUnder(keys.everythingPrefix())).results;
    if (page.length === 0) break;
    for (const { key } of page) await kvs.delete(key);
    deleted += page.length;
  }
  return { secrets, keys: deleted };
}
