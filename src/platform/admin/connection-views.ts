/**
 * Connections as the settings page shows them: the config, whether each credential is set (never its
 * value), the last test and the last error. The connector registry says which credentials a kind needs.
 */
import { CONNECTORS } from '../../connectors/registry';
import { ruleCapabilityProblems, type RuleCapabilityProblem } from '../../core/rules/rule-capabilities';
import { TrackerKindSchema, type Connection, type TrackerKind } from '../../core/schema/connection';
import type { ConnectionView, KindInfo } from '../../core/schema/resolver-answers';
import { credentialStatus } from '../kvs/secret-store';
import type { AdminDeps } from './admin-deps';
import { readConnectionTest } from './connection-test';
import { trackerWebhookUrl } from '../tracker-webhook/tracker-webhook-url';

export const credentialNames = (connection: Connection): string[] =>
  CONNECTORS[connection.remote.kind].credentials(connection);

/** Secrets of every flavor: a connection switched from Cloud to Data Center may hold both. */
export const credentialNamesOfAnyFlavor = (connection: Connection): Set<string> =>
  new Set([
    ...credentialNames(connection),
    ...credentialNames({ ...connection, remote: { ...connection.remote, flavor: 'cloud' } }),
    ...credentialNames({ ...connection, remote: { ...connection.remote, flavor: 'data-center' } }),
  ]);

export async function connectionView(deps: AdminDeps, connection: Connection): Promise<ConnectionView> {
  const credentials = await Promise.all(
    credentialNames(connection).map(async (name) => ({
      name,
      status: await credentialStatus(connection.id, name),
    })),
  );
  const state = await deps.store.getConnectionState(connection.id);
  return {
    connection,
    credentials,
    test: await readConnectionTest(connection.id, deps.now()),
    lastError: state.lastError ? { message: state.lastError.message, at: state.lastError.at } : null,
    heldPlanId: state.heldPlan?.id ?? null,
    webhookUrl: takesWebhooks(connection) ? await trackerWebhookUrl(connection.id) : null,
  };
}

/** A connection whose tracker signs webhooks with a secret it holds (not Jira Data Center, for one). */
function takesWebhooks(connection: Connection): boolean {
  const def = CONNECTORS[connection.remote.kind];
  return def.verifyWebhook !== undefined && def.credentials(connection).includes('webhookSecret');
}

/**
 * Rules of this connection that need what its remote kind lacks (a files rule on GitHub), by the connector's
 * own capability declaration; the settings page refuses to save them.
 */
export function capabilityProblems(connection: Connection): RuleCapabilityProblem[] {
  const def = CONNECTORS[connection.remote.kind];
  return ruleCapabilityProblems(connection.rules, def.label, def.capabilities);
}

/** Every kind in the registry, with its credential names per Jira flavor, for the editor's choices. */
export function kindInfos(): KindInfo[] {
  return TrackerKindSchema.options.map((kind) => {
    const def = CONNECTORS[kind];
    const names = (flavor: 'cloud' | 'data-center') => def.credentials(sample(kind, flavor));
    return {
      kind,
      label: def.label,
      credentials: { cloud: names('cloud'), 'data-center': names('data-center') },
    };
  });
}

/** Connectors decide credential names from the connection; a stand-in is enough to ask them. */
const sample = (kind: TrackerKind, flavor: 'cloud' | 'data-center'): Connection => ({
  id: 'sample',
  name: 'sample',
  enabled: true,
  localProject: 'SAMPLE',
  remote: { kind, project: 'sample', flavor },
  create: { toRemote: true, toLocal: true },
  outgoing: { enabled: true, title: true, labels: true, state: true, comments: true, attachments: true },
  limits: { maxMutationsPerCycle: 200 },
  users: { map: [] },
  rules: [],
});
