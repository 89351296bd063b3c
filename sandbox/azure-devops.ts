/**
 * `npm start -- --remote azure-devops`: the fake Azure DevOps organization (sandbox/azure-devops, checked
 * against Microsoft's work item tracking description) on 127.0.0.1, and a connection from DEMO to its
 * project `Fabrikam` with the PAT and a service-hook password in secret storage. `GET /_sandbox/api/demo`
 * then says where the organization is, the PAT, and the password a service hook sends.
 */
import { ConnectionSchema, type Connection } from '../src/core/schema/connection';
import { JIRA_TO_AZURE_DEVOPS_RULES } from '../src/core/schema/default-rules';
import { keys } from '../src/platform/kvs/keys';
import { FakeAzureDevOps } from './azure-devops/fake-azure-devops';
import { WitSpec } from './azure-devops/wit-spec';
import type { SandboxHost } from './host';

export const AZURE_DEVOPS_CONNECTION_ID = 'demo-azure-devops';
const HOOK_PASSWORD = 'demo-service-hook-password';

function must(result: { status: number; body?: unknown }, what: string): void {
  if (result.status >= 300) throw new Error(`could not store the ${what}: ${JSON.stringify(result.body)}`);
}

/** Starts the organization and seeds the connection (written again on every start: the port changes). */
export async function startAzureDevOpsRemote(
  host: SandboxHost,
  log: (line: string) => void,
): Promise<{ fake: FakeAzureDevOps; connection: Connection }> {
  const fake = new FakeAzureDevOps(new WitSpec());
  const organizationUrl = await fake.start();
  const connection = ConnectionSchema.parse({
    id: AZURE_DEVOPS_CONNECTION_ID,
    name: `DEMO ↔ Azure DevOps ${fake.project} (local fake)`,
    localProject: 'DEMO',
    remote: { kind: 'azure-devops', baseUrl: organizationUrl, project: fake.project },
    // People on the two sides are not mapped in the demo.
    rules: JIRA_TO_AZURE_DEVOPS_RULES.filter((r) => !(r.kind === 'two-way' && r.local === 'assignee')),
  });
  must(
    host.kvs.handle('/api/v1/set', { key: keys.connectionConfig(connection.id), value: connection }),
    'connection',
  );
  for (const [name, value] of Object.entries({ personalAccessToken: fake.pat, webhookSecret: HOOK_PASSWORD }))
    must(host.kvs.handle('/api/v1/secret/set', { key: keys.credential(connection.id, name), value }), name);
  host.setDemoInfo('azureDevOps', {
    organizationUrl,
    project: fake.project,
    personalAccessToken: fake.pat,
    serviceHookPassword: HOOK_PASSWORD,
  });
  log(
    `  azure-devops ${organizationUrl} (project ${fake.project}; PAT ${fake.pat} as the basic-auth password)`,
  );
  return { fake, connection };
}
