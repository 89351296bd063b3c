/**
 * Worklogs for one pair, matched through the pair's worklog links and compared by a hash of what the
 * rule copies (time, start, comment).
 *
 * - Both ways: each worklog booked by a person is copied once to the other side (outgoing only when the
 *   connection sends anything out), in whole minutes rounded as the rule says.
 * - An edit travels from the side the work was booked on; edits to a copy stay where they are.
 * - A deleted original deletes its copy when the rule says `propagate`; a copy deleted by hand stays gone.
 * - Our copies carry an origin marker (identity.ts), so they are never copied back.
 */
import type { CanonicalWorklog, Side, WorklogInput } from '../model';
import { otherSide } from '../model';
import { parseWorklogOrigin } from '../identity';
import type { RuleOf } from '../schema/rules';
import type { WorklogLink } from '../state';
import { hashValue } from '../values';

export type WorklogAction =
  | {
      kind: 'add-worklog';
      side: Side;
      sourceWorklogId: string;
      worklog: WorklogInput;
      sourceHash: string;
      attribution: string;
    }
  | {
      kind: 'update-worklog';
      side: Side;
      worklogId: string;
      sourceWorklogId: string;
      worklog: WorklogInput;
      sourceHash: string;
      attribution: string;
    }
  | { kind: 'delete-worklog'; side: Side; worklogId: string; sourceWorklogId: string }
  | { kind: 'forget-worklog'; local: string; remote: string };

export interface WorklogPlanInput {
  rule: RuleOf<'worklogs'>;
  connectionId: string;
  local: CanonicalWorklog[];
  remote: CanonicalWorklog[];
  links: WorklogLink[];
  outgoingAllowed: boolean;
  /** How each side is named in an attribution line: "DEMO", "PARTNER". */
  sideNames: Record<Side, string>;
}

const MINUTE = 60;

/**
 * Whole minutes, at least one: Jira refuses a worklog of no time, and Redmine hours must be above zero,
 * so a booking shorter than a minute still shows up as one rather than vanishing.
 */
export function roundToMinutes(seconds: number, round: RuleOf<'worklogs'>['round']): number {
  const minutes = seconds / MINUTE;
  const whole =
    round === 'up' ? Math.ceil(minutes) : round === 'down' ? Math.floor(minutes) : Math.round(minutes);
  return Math.max(1, whole) * MINUTE;
}

/** What a copy is compared by: an edit to any of these on the original is sent again. */
export const worklogHash = (w: CanonicalWorklog): string =>
  hashValue({ started: w.started, timeSpentSeconds: w.timeSpentSeconds, comment: w.comment });

/** The line above a copied worklog's comment that says who booked it, and where. */
export const worklogAttribution = (w: CanonicalWorklog, where: string) =>
  `${w.author?.displayName ?? 'Someone'} logged this in ${where}:`;

export function planWorklogs(input: WorklogPlanInput): WorklogAction[] {
  const actions: WorklogAction[] = [];
  const byId = {
    local: new Map(input.local.map((w) => [w.id, w])),
    remote: new Map(input.remote.map((w) => [w.id, w])),
  };
  const linked = {
    local: new Set(input.links.map((l) => l.local)),
    remote: new Set(input.links.map((l) => l.remote)),
  };
  for (const link of input.links) {
    const action = planLinked(input, link, byId.local.get(link.local), byId.remote.get(link.remote));
    if (action) actions.push(action);
  }
  for (const side of ['remote', 'local'] as const) {
    const copyTo = otherSide(side);
    for (const w of input[side]) {
      if (linked[side].has(w.id)) continue;
      const copied = parseWorklogOrigin(input.connectionId, w.origin);
      if (copied) {
        // Our copy that no link knows (its add's answer was lost): gone with its original, or found by the retry.
        const orphaned = copied.side !== side && !byId[copied.side].has(copied.worklogId);
        if (orphaned && input.rule.deletions === 'propagate' && (side === 'local' || input.outgoingAllowed))
          actions.push({ kind: 'delete-worklog', side, worklogId: w.id, sourceWorklogId: copied.worklogId });
        continue;
      }
      if (copyTo === 'remote' && !input.outgoingAllowed) continue;
      actions.push({
        kind: 'add-worklog',
        side: copyTo,
        sourceWorklogId: w.id,
        ...copyOf(input, w, side),
      });
    }
  }
  return actions;
}

function copyOf(input: WorklogPlanInput, w: CanonicalWorklog, from: Side) {
  const worklog: WorklogInput = {
    started: w.started,
    timeSpentSeconds: roundToMinutes(w.timeSpentSeconds, input.rule.round),
    comment: w.comment,
    ...(w.author ? { author: w.author } : {}),
  };
  return { worklog, sourceHash: worklogHash(w), attribution: worklogAttribution(w, input.sideNames[from]) };
}

function planLinked(
  input: WorklogPlanInput,
  link: WorklogLink,
  local: CanonicalWorklog | undefined,
  remote: CanonicalWorklog | undefined,
): WorklogAction | undefined {
  const origin = link.origin;
  const copySide = otherSide(origin);
  const original = origin === 'local' ? local : remote;
  const copy = origin === 'local' ? remote : local;
  if (!original && !copy) return { kind: 'forget-worklog', local: link.local, remote: link.remote };
  if (copySide === 'remote' && !input.outgoingAllowed) return undefined;
  if (!original) {
    if (!copy || input.rule.deletions !== 'propagate') return undefined;
    return {
      kind: 'delete-worklog',
      side: copySide,
      worklogId: link[copySide],
      sourceWorklogId: link[origin],
    };
  }
  if (!copy) return undefined; // the copy was deleted by hand: respect that, do not book it again
  const known = origin === 'local' ? link.localHash : link.remoteHash;
  if (worklogHash(original) === known) return undefined;
  return {
    kind: 'update-worklog',
    side: copySide,
    worklogId: link[copySide],
    sourceWorklogId: link[origin],
    ...copyOf(input, original, origin),
  };
}
