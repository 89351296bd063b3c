/**
 * The app's side of the demo seed: a connection between DEMO on the local site and PARTNER on the partner
 * site, with the default Jira-to-Jira rules and the partner admin's API token in secret storage. It writes
 * through the same KVS endpoints the app reads, with the keys the app's own key module builds.
 */
import { z } from 'zod';
import { JIRA_TO_JIRA_RULES } from '../src/core/schema/default-rules';
import { ConnectionSchema, type Connection } from '../src/core/schema/connection';
import { keys } from '../src/platform/kvs/keys';
import type { KvsService } from './kvs/kvs-service';

export const DEMO_CONNECTION_ID = 'demo-partner';

const QueryResult = z.object({ data: z.array(z.object({ key: z.string(), value: z.unknown() })) });

/** Adds the demo connection unless one with its id exists; returns it. */
export function seedDemoConnection(kvs: KvsService, hostUrl: string): Connection {
  const key = keys.connectionConfig(DEMO_CONNECTION_ID);
  const existing = kvs.handle('/api/v1/get', { key });
  const parsed = existing.status === 200 ? ConnectionSchema.safeParse(valueOf(existing.body)) : undefined;
  if (parsed?.success) return parsed.data;

  const connection = ConnectionSchema.parse({
    id: DEMO_CONNECTION_ID,
    name: 'DEMO ↔ PARTNER (partner site)',
    localProject: 'DEMO',
    remote: { kind: 'jira', baseUrl: `${hostUrl}/sites/partner`, project: 'PARTNER', flavor: 'cloud' },
    limits: { maxMutationsPerCycle: 200 },
    rules: JIRA_TO_JIRA_RULES,
  });
  must(kvs.handle('/api/v1/set', { key, value: connection }), 'connection');
  must(
    kvs.handle('/api/v1/secret/set', {
      key: keys.credential(DEMO_CONNECTION_ID, 'email'),
      value: 'admin@example.com',
    }),
    'email',
  );
  must(
    kvs.handle('/api/v1/secret/set', {
      key: keys.credential(DEMO_CONNECTION_ID, 'apiToken'),
      value: 'admin-token',
    }),
    'token',
  );
  return connection;
}

/** Connection configs as the app stored them, for `GET /_sandbox/api/demo`. */
export function storedConnections(
  kvs: KvsService,
): { id: string; name: string; localProject: string; remote: string }[] {
  const res = kvs.handle('/api/v1/query', {
    limit: 100,
    where: [{ property: 'key', condition: 'BEGINS_WITH', values: [keys.connectionConfigPrefix()] }],
  });
  const rows = QueryResult.safeParse(res.body);
  if (!rows.success) return [];
  return rows.data.data.flatMap((row) => {
    const c = ConnectionSchema.safeParse(row.value);
    return c.success
      ? [
          {
            id: c.data.id,
            name: c.data.name,
            localProject: c.data.localProject,
            remote: `${c.data.remote.kind} ${c.data.remote.project}`,
          },
        ]
      : [];
  });
}

const valueOf = (body: unknown): unknown =>
  typeof body === 'object' && body !== null && 'value' in body ? body.value : undefined;

function must(result: { status: number; body?: unknown }, what: string): void {
  if (result.status >= 300)
    throw new Error(`demo seed could not store the ${what}: ${JSON.stringify(result.body)}`);
}
