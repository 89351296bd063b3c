/**
 * Both sides' field catalogs for the rule editor (core/schema/field-catalog.ts), each read by its own tracker
 * (TrackerPort.fieldCatalog), and the connection's rules checked against them (core/rules/rule-fields.ts).
 * A side that cannot be read (no credentials yet, the partner down, a kind that lists no fields) is answered
 * with why, never thrown: the other side still shows, and rules are then only warned about. Messages come
 * from TrackerErrors, which name the tracker and the status, never a credential.
 */
import { CONNECTORS } from '../../connectors/registry';
import { errorMessage, TrackerError } from '../../core/errors';
import { checkRuleFields, type RuleFieldCheck, type Side } from '../../core/rules/rule-fields';
import type { Connection } from '../../core/schema/connection';
import type { CatalogSide } from '../../core/schema/field-catalog';
import type { Rule } from '../../core/schema/rules';
import type { AdminDeps } from './admin-deps';

export type ConnectionCatalogs = Record<Side, CatalogSide>;

export const sideLabel = (connection: Connection, side: Side): string =>
  side === 'local'
    ? `this Jira site (${connection.localProject})`
    : `${CONNECTORS[connection.remote.kind].label} (${connection.remote.project})`;

async function readSide(deps: AdminDeps, connection: Connection, side: Side): Promise<CatalogSide> {
  const label = sideLabel(connection, side);
  try {
    const tracker = await deps.trackerFor(connection, side);
    if (!tracker.fieldCatalog)
      return { label, catalog: null, error: `${label} does not list its fields to Tandem yet` };
    return { label, catalog: await tracker.fieldCatalog(), error: null };
  } catch (err) {
    const why = err instanceof TrackerError ? err.message : `unexpected failure: ${errorMessage(err)}`;
    return { label, catalog: null, error: `${label}: the fields could not be read (${why})` };
  }
}

export async function readCatalogs(deps: AdminDeps, connection: Connection): Promise<ConnectionCatalogs> {
  const [local, remote] = await Promise.all([
    readSide(deps, connection, 'local'),
    readSide(deps, connection, 'remote'),
  ]);
  return { local, remote };
}

/** The rules checked against both sides' catalogs, as they are now. */
export async function checkAgainstCatalogs(
  deps: AdminDeps,
  connection: Connection,
  rules: readonly Rule[] = connection.rules,
): Promise<RuleFieldCheck> {
  const catalogs = await readCatalogs(deps, connection);
  return checkRuleFields(rules, catalogs);
}
