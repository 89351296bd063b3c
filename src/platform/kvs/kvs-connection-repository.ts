/**
 * Connection configs in KVS, one record each, parsed with the same schema the settings page validates
 * against. A record that no longer parses (a schema change) is reported by name, never half-used.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import type { ConnectionRepository } from '../../core/ports';
import { ConnectionSchema, type Connection } from '../../core/schema/connection';
import { keys } from './keys';
import { assertValueFits } from './storage-error';
import { parseStored } from './stored-records';

const PAGE = 100;

export class KvsConnectionRepository implements ConnectionRepository {
  async get(connectionId: string): Promise<Connection | undefined> {
    const key = keys.connectionConfig(connectionId);
    const value: unknown = await kvs.get(key);
    return value === undefined ? undefined : parseStored(ConnectionSchema, value, key);
  }

  async list(): Promise<Connection[]> {
    const out: Connection[] = [];
    let cursor: string | undefined;
    do {
      let query = kvs
        .query()
        .where('key', WhereConditions.beginsWith(keys.connectionConfigPrefix()))
        .limit(PAGE);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      for (const item of page.results) out.push(parseStored(ConnectionSchema, item.value, item.key));
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  async put(connection: Connection): Promise<void> {
    const key = keys.connectionConfig(connection.id);
    const value = ConnectionSchema.parse(connection);
    assertValueFits(key, value);
    await kvs.set(key, value);
  }

  async delete(connectionId: string): Promise<void> {
    await kvs.delete(keys.connectionConfig(connectionId));
  }
}
