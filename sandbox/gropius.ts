/**
 * `npm start -- --remote gropius`: a Gropius API next to the sandbox (the schema-backed server of
 * sandbox/gropius, on 127.0.0.1), a "Demo partner" project in it, and a connection from DEMO to that
 * project with Tandem's token in secret storage. `GET /_sandbox/api/demo` then says where the API is, the
 * project's id and the tokens, so people and tools can look at both sides (with any GraphQL client).
 */
import { ConnectionSchema, type Connection } from '../src/core/schema/connection';
import { JIRA_TO_GROPIUS_RULES } from '../src/core/schema/default-rules';
import { keys } from '../src/platform/kvs/keys';
import { seedGropius, type GropiusSeed } from './gropius/gropius-seed';
import { startGropiusServer, type GropiusServer } from './gropius/gropius-server';
import type { SandboxHost } from './host';

export const GROPIUS_CONNECTION_ID = 'demo-gropius';

function must(result: { status: number; body?: unknown }, what: string): void {
  if (result.status >= 300) throw new Error(`could not store the ${what}: ${JSON.stringify(result.body)}`);
}

/** The connection, written again on every start: the server's port and the project's id change. */
export function seedGropiusConnection(
  host: SandboxHost,
  gropius: { endpoint: string; project: string; token: string },
): Connection {
  const connection = ConnectionSchema.parse({
    id: GROPIUS_CONNECTION_ID,
    name: 'DEMO ↔ Gropius "Demo partner" (local Gropius)',
    localProject: 'DEMO',
    remote: { kind: 'gropius', baseUrl: gropius.endpoint, project: gropius.project },
    limits: { maxMutationsPerCycle: 200 },
    rules: JIRA_TO_GROPIUS_RULES,
  });
  must(
    host.kvs.handle('/api/v1/set', { key: keys.connectionConfig(connection.id), value: connection }),
    'connection',
  );
  must(
    host.kvs.handle('/api/v1/secret/set', {
      key: keys.credential(connection.id, 'token'),
      value: gropius.token,
    }),
    'Gropius token',
  );
  return connection;
}

/** Starts the Gropius API with its project and seeds the connection; the server stops with the process. */
export async function startGropiusRemote(
  host: SandboxHost,
  log: (line: string) => void,
  port = 0,
): Promise<{ server: GropiusServer; seed: GropiusSeed; connection: Connection }> {
  const seed = seedGropius();
  // A Gropius user of its own, to act on the Gropius side as a person would.
  const person = seed.store.addUser(
    { username: 'ana', displayName: 'Ana Lima', email: 'ana@gropius.invalid', isAdmin: false },
    'gropius-ana-token',
  );
  seed.store.grant(seed.project.id, person.id, 'ADMIN');
  const server = await startGropiusServer(seed.store, port);
  const connection = seedGropiusConnection(host, {
    endpoint: server.endpoint,
    project: seed.project.id,
    token: seed.token,
  });
  host.setDemoInfo('gropius', {
    endpoint: server.endpoint,
    project: seed.project.id,
    tandemToken: seed.token,
    personToken: 'gropius-ana-token',
  });
  log(
    `  gropius      ${server.endpoint} (project ${seed.project.id}; Bearer gropius-ana-token to act as Ana)`,
  );
  return { server, seed, connection };
}
