/**
 * `npm start -- --remote redmine`: a real Redmine next to the sandbox (Debian's packages, started here; see
 * redmine/local-redmine.ts), a `demo-partner` project in it, and a connection from DEMO to that project
 * with the admin's API key in secret storage. `GET /_sandbox/api/demo` then says where Redmine is and with
 * which key, so people and tools can look at both sides.
 *
 * Descriptions are kept in step both ways, Jira's ADF against Redmine's Markdown: each side's base is the
 * value as that side holds it after a write, so the two formats are never compared with each other.
 */
import { z } from 'zod';
import { RedmineClient } from '../src/connectors/redmine/redmine-client';
import type { FetchLike } from '../src/connectors/jira/remote-transport';
import { TrackerError } from '../src/core/errors';
import { ConnectionSchema, type Connection, type ConnectionInput } from '../src/core/schema/connection';
import { JIRA_TO_REDMINE_RULES } from '../src/core/schema/default-rules';
import { keys } from '../src/platform/kvs/keys';
import type { SandboxHost } from './host';
import { startLocalRedmine, type LocalRedmine } from './redmine/local-redmine';

export const REDMINE_CONNECTION_ID = 'demo-redmine';
export const REDMINE_PROJECT = 'demo-partner';
/** Its own instance, so the integration tests' projects do not show up in the demo. */
const INSTANCE = 'tandem-sandbox';

/** The default Jira ↔ Redmine rules, less assignee: the demo's people are not in any user map. */
const REDMINE_RULES: ConnectionInput['rules'] = JIRA_TO_REDMINE_RULES.filter(
  (r) => !(r.kind === 'two-way' && r.local === 'assignee'),
);

/** Node's fetch as the connector's FetchLike (the sandbox talks to Redmine directly for setup). */
const nodeFetch: FetchLike = (url, init) =>
  fetch(url, {
    method: init.method,
    headers: init.headers,
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : init.body.slice() }),
  });

/** Issues, and time entries for the default worklogs rule (a project without the module refuses them). */
const MODULES = ['issue_tracking', 'time_tracking'];

async function ensureProject(client: RedmineClient): Promise<void> {
  try {
    await client.json(
      `/projects/${REDMINE_PROJECT}.json`,
      z.object({ project: z.object({ id: z.number() }) }),
    );
    // A project made before the demo booked time gets the module too (Rest_Projects: Updating a project).
    await client.empty(`/projects/${REDMINE_PROJECT}.json`, {
      method: 'PUT',
      json: { project: { enabled_module_names: MODULES } },
    });
    return;
  } catch (err) {
    if (!(err instanceof TrackerError && err.code === 'not_found')) throw err;
  }
  await client.json('/projects.json', z.object({ project: z.object({ id: z.number() }) }), {
    method: 'POST',
    json: {
      project: {
        name: 'Demo partner',
        identifier: REDMINE_PROJECT,
        tracker_ids: [1, 2, 3],
        enabled_module_names: MODULES,
      },
    },
  });
}

function must(result: { status: number; body?: unknown }, what: string): void {
  if (result.status >= 300) throw new Error(`could not store the ${what}: ${JSON.stringify(result.body)}`);
}

/** The connection, written again on every start: Redmine's URL changes with its port. */
export function seedRedmineConnection(
  host: SandboxHost,
  redmine: { baseUrl: string; apiKey: string },
): Connection {
  const connection = ConnectionSchema.parse({
    id: REDMINE_CONNECTION_ID,
    name: 'DEMO ↔ Redmine demo-partner (local Redmine)',
    localProject: 'DEMO',
    remote: { kind: 'redmine', baseUrl: redmine.baseUrl, project: REDMINE_PROJECT },
    limits: { maxMutationsPerCycle: 200 },
    rules: REDMINE_RULES,
  });
  must(
    host.kvs.handle('/api/v1/set', { key: keys.connectionConfig(connection.id), value: connection }),
    'connection',
  );
  must(
    host.kvs.handle('/api/v1/secret/set', {
      key: keys.credential(connection.id, 'apiKey'),
      value: redmine.apiKey,
    }),
    'Redmine API key',
  );
  return connection;
}

/** Starts Redmine, prepares its project and the connection; the returned server stops with the process. */
export async function startRedmineRemote(
  host: SandboxHost,
  log: (line: string) => void,
): Promise<LocalRedmine> {
  log('starting a local Redmine (the first start installs it with apt-get, ~1 min)');
  const redmine = await startLocalRedmine({ instance: INSTANCE });
  await ensureProject(new RedmineClient(redmine.baseUrl, redmine.apiKey, nodeFetch, 'local Redmine'));
  seedRedmineConnection(host, redmine);
  host.setDemoInfo('redmine', { baseUrl: redmine.baseUrl, apiKey: redmine.apiKey, project: REDMINE_PROJECT });
  log(`  redmine      ${redmine.baseUrl}/projects/${REDMINE_PROJECT} (admin API key ${redmine.apiKey})`);
  return redmine;
}

/**
 * Takes `--remote redmine|gropius` (or `--remote=…`) out of the arguments before the sandbox parses its
 * own, and says which remote was asked for.
 */
export function takeRemoteFlag(
  argv: string[] = process.argv,
): 'redmine' | 'gropius' | 'azure-devops' | undefined {
  const i = argv.findIndex((a) => a === '--remote' || a.startsWith('--remote='));
  if (i < 0) return undefined;
  const arg = argv[i] ?? '';
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  argv.splice(i, arg.includes('=') ? 1 : 2);
  if (value !== 'redmine' && value !== 'gropius' && value !== 'azure-devops')
    throw new Error(`--remote: "redmine", "gropius" or "azure-devops", not "${value ?? ''}"`);
  return value;
}
