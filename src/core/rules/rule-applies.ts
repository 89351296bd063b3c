/**
 * Whether a rule runs for this pair in this cycle, from trackersync's flags and the connection's
 * outgoing switches.
 */
import type { CanonicalIssue, Side } from '../model';
import { getPath } from '../paths';
import type { Connection } from '../schema/connection';
import type { Rule } from '../schema/rules';

export interface PairMoment {
  /** The side whose issue this cycle creates, if any. */
  creating: Side | undefined;
  remote: CanonicalIssue | undefined;
}

export function ruleApplies(rule: Rule, connection: Connection, moment: PairMoment): boolean {
  const { creating } = moment;
  if (rule.onlyCreate && creating !== 'remote') return false;
  if (rule.onlyUpdate && creating === 'remote') return false;
  if (rule.localOnlyCreate && creating !== 'local') return false;
  if (rule.localOnlyUpdate && creating === 'local') return false;
  if (rule.onlyAssigned && !assignedToUs(connection, moment.remote)) return false;
  return true;
}

/** "Assigned to us": the remote assignee is the account the connection acts as (KPM's mailbox). */
function assignedToUs(connection: Connection, remote: CanonicalIssue | undefined): boolean {
  const self = connection.remote.self;
  if (!self || !remote) return false;
  const assignee = getPath(remote.fields, 'assignee');
  if (typeof assignee === 'string') return assignee === self;
  return getPath(remote.fields, 'assignee.id') === self || getPath(remote.fields, 'assignee.email') === self;
}

type OutgoingKind = 'title' | 'labels' | 'state';

const OUTGOING_KIND_BY_FIELD: Record<string, OutgoingKind> = {
  title: 'title',
  summary: 'title',
  labels: 'labels',
  status: 'state',
  state: 'state',
};

/** Gropius' enable-outgoing switches, applied to a write of `remotePath` on the remote side. */
export function outgoingAllowed(connection: Connection, remotePath: string): boolean {
  if (!connection.outgoing.enabled) return false;
  const head = remotePath.split('.')[0] ?? remotePath;
  const kind = OUTGOING_KIND_BY_FIELD[head];
  return kind === undefined || connection.outgoing[kind];
}
