/**
 * Who wrote what: the origin markers Tandem leaves on its copies and the keys of the mutations that write
 * them, built and read back here and nowhere else. A marker names the connection, the side the original
 * lives on and the original's id, so a retry (or a new instance after a kill) finds its own copy, and a
 * copy is never mistaken for a person's work and copied back.
 */
import type { Side } from './model';

export const originPrefix = (connectionId: string) => `tandem:${connectionId}:`;

export const issueOrigin = (connectionId: string, side: Side, issueId: string) =>
  `${originPrefix(connectionId)}${side === 'local' ? 'l' : 'r'}:${issueId}`;

/** The mutation kinds that write worklogs; each has one executor (cycle/worklog-executors.ts). */
export type WorklogMutationKind = 'add-worklog' | 'update-worklog' | 'delete-worklog';

/**
 * `<pairId>:<kind>:<side written>:<id>`: the worklog's id on the side it comes from (an add) or on the side
 * written (an update or delete). Stable across retries of a plan, so it is the journal's key.
 */
export type WorklogMutationKey = `${string}:${WorklogMutationKind}:${Side}:${string}`;

export const worklogMutationKey = (
  pairId: string,
  kind: WorklogMutationKind,
  side: Side,
  worklogId: string,
): WorklogMutationKey => `${pairId}:${kind}:${side}:${worklogId}`;

const WORKLOG_TAG: Record<Side, string> = { local: 'lw', remote: 'rw' };

/** The marker on a copy of the worklog `worklogId` that was booked on `side`. */
export const worklogOrigin = (connectionId: string, side: Side, worklogId: string) =>
  `${originPrefix(connectionId)}${WORKLOG_TAG[side]}:${worklogId}`;

/** The original a worklog's marker names, when it is this connection's copy; undefined otherwise. */
export function parseWorklogOrigin(
  connectionId: string,
  origin: string | undefined,
): { side: Side; worklogId: string } | undefined {
  const prefix = originPrefix(connectionId);
  if (!origin?.startsWith(prefix)) return undefined;
  const m = /^(lw|rw):(.+)$/.exec(origin.slice(prefix.length));
  if (!m?.[2]) return undefined;
  return { side: m[1] === 'lw' ? 'local' : 'remote', worklogId: m[2] };
}

/**
 * `<pairId>:set-parent:<side written>`: one move per side and plan (cycle/hierarchy-executors.ts); an update,
 * so its key needs no source id.
 */
export type HierarchyMutationKey = `${string}:set-parent:${Side}`;

export const hierarchyMutationKey = (pairId: string, side: Side): HierarchyMutationKey =>
  `${pairId}:set-parent:${side}`;
