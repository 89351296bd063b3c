/**
 * Drift: a pair whose status is ok, unchanged on both sides since it synced, whose two issues nonetheless
 * hold values its rules say should be equal. No rule will repair it (neither side changed), so it is shown
 * rather than called in sync. Typical causes: a base stored for a value that never landed, a write that
 * the tracker silently dropped, an edit made while the app was not listening.
 *
 * Values are compared as the rules map them: through the value map (either direction may match, since a
 * map need not be one to one), labels as sets, and rich text by its readable text (ADF on one side,
 * re-normalised ADF on the other). A body in two different formats (ADF against Markdown) is converted by
 * the connectors, not here, so it is not compared; nor are rules that only act on create.
 */
import type { CanonicalIssue, Json } from '../model';
import { getPath } from '../paths';
import type { Connection } from '../schema/connection';
import type { Rule } from '../schema/rules';
import { localToRemote, remoteToLocal } from '../value-map';
import { isEmpty, plainText, sameValue } from '../values';
import { ruleApplies } from './rule-applies';

export interface DriftedField {
  local: string;
  remote: string;
  localValue: Json;
  remoteValue: Json;
}

type Compared = Extract<Rule, { kind: 'two-way' | 'one-way' | 'to-remote' }>;

const compared = (r: Rule): r is Compared =>
  (r.kind === 'two-way' || r.kind === 'one-way' || r.kind === 'to-remote') &&
  !r.onlyCreate &&
  !r.localOnlyCreate &&
  !r.afterCreate;

const isDoc = (v: Json | undefined): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && v.type === 'doc';

/** Whether the two values are the same kind of thing, so that comparing them means something. */
function comparable(a: Json | undefined, b: Json | undefined): boolean {
  if (isEmpty(a) || isEmpty(b)) return true;
  if (isDoc(a) || isDoc(b)) return isDoc(a) && isDoc(b);
  return true;
}

function agree(a: Json | undefined, b: Json | undefined): boolean {
  if (isDoc(a) && isDoc(b)) return plainText(a).trim() === plainText(b).trim();
  return sameValue(a, b);
}

export function findDrift(
  connection: Connection,
  local: CanonicalIssue,
  remote: CanonicalIssue,
): DriftedField[] {
  const out: DriftedField[] = [];
  for (const rule of connection.rules) {
    if (!compared(rule) || !ruleApplies(rule, connection, { creating: undefined, remote })) continue;
    const l = getPath(local.fields, rule.local);
    const r = getPath(remote.fields, rule.remote);
    if (!comparable(l, r)) continue;
    // A default fills an empty side: an empty value against the default is what the rule writes.
    const asRemote =
      isEmpty(l) && rule.remoteDefault !== undefined ? rule.remoteDefault : localToRemote(rule.map, l);
    const asLocal =
      isEmpty(r) && rule.localDefault !== undefined ? rule.localDefault : remoteToLocal(rule.map, r);
    if (agree(asRemote, r) || agree(l, asLocal)) continue;
    out.push({ local: rule.local, remote: rule.remote, localValue: l ?? null, remoteValue: r ?? null });
  }
  return out;
}

/** "status: "Done" here, "To Do" on PARTNER-23", for the panel and Activity. */
export function describeDrift(fields: readonly DriftedField[], remoteKey: string | undefined): string {
  const show = (v: Json) =>
    typeof v === 'string' ? `"${v}"` : isDoc(v) ? `"${plainText(v).trim()}"` : JSON.stringify(v);
  const where = remoteKey ?? 'the other side';
  return `Out of sync: ${fields
    .map((f) => `${f.local} is ${show(f.localValue)} here and ${show(f.remoteValue)} on ${where}`)
    .join('; ')}`;
}
