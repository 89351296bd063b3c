/**
 * Takes an issue to a status along the shortest chain of transitions, one step at a time, re-reading the
 * transitions the tracker offers from each status it passes through: the workflow read up front may be
 * stale, or unknown (a partner account that may not read workflows), and what the tracker offers now is
 * the truth. A chain stopped halfway (a kill, a 409, a refusal) starts again from wherever the issue is.
 */
import { TrackerError } from '../errors';
import type { Json } from '../model';
import { sameStatus, shortestStatusPath, type Workflow, type WorkflowTransition } from './status-path';

/** A field on a transition's screen. */
export interface ScreenField {
  id: string;
  name: string;
  required: boolean;
}

/** A transition the tracker offers now, with the fields on its screen. */
export interface OfferedTransition extends WorkflowTransition {
  fields: ScreenField[];
}

/** One issue's workflow as a tracker exposes it. */
export interface StatusWalker {
  /** The status now. */
  current(): Promise<string>;
  /** The transitions the tracker offers from the current status, for the caller. */
  offered(): Promise<OfferedTransition[]>;
  /** Takes one transition, with values for its screen's fields. */
  take(transition: OfferedTransition, screen: Record<string, Json>): Promise<void>;
  /** The whole workflow, when the tracker can tell; without it only the offered transitions are known. */
  workflow?(): Promise<Workflow | undefined>;
}

/**
 * Walks to `target`; `screen` holds the values the rules give for transition screens, by field id.
 * Throws `transition_missing` naming both statuses when no chain leads there, and `field_required` naming
 * the transition and the field when a step's screen requires a field that `screen` does not fill.
 */
export async function walkToStatus(
  walker: StatusWalker,
  target: string,
  screen: Record<string, Json> = {},
): Promise<void> {
  const workflow = await walker.workflow?.();
  // Each step leaves a status for good, so a chain longer than the workflow has transitions is a loop.
  const limit = (workflow?.transitions.length ?? 0) + 2;
  for (let step = 0; step < limit; step++) {
    const from = await walker.current();
    if (sameStatus(from, target)) return;
    const offered = await walker.offered();
    // What is offered from here wins over the workflow's picture of here; further statuses come from it.
    const known: Workflow = {
      transitions: [
        ...offered.map((t) => ({ ...t, from: [from] })),
        ...(workflow?.transitions ?? []).filter(
          (t) => t.from === 'any' || !t.from.some((f) => sameStatus(f, from)),
        ),
      ],
    };
    const first = shortestStatusPath(known, from, target)?.[0];
    const next = first && offered.find((t) => t.id === first.id);
    if (!next) throw noPath(from, target, offered, workflow !== undefined);
    const filled = (f: ScreenField) => screen[f.id] !== undefined && screen[f.id] !== null;
    const missing = next.fields.filter((f) => f.required && !filled(f));
    if (missing.length > 0) throw fieldRequired(next, from, missing);
    const values = Object.fromEntries(next.fields.filter(filled).map((f) => [f.id, screen[f.id] ?? null]));
    await walker.take(next, values);
  }
  throw new TrackerError('transition_missing', `no chain of transitions settles on "${target}"`);
}

function noPath(from: string, to: string, offered: OfferedTransition[], knewWorkflow: boolean): TrackerError {
  const reachable = offered.map((t) => t.to).join(', ') || 'none';
  const why = knewWorkflow ? '' : ' (the workflow could not be read, so only direct transitions were tried)';
  return new TrackerError(
    'transition_missing',
    `no chain of transitions leads from "${from}" to "${to}"${why}; from "${from}" it offers: ${reachable}`,
  );
}

function fieldRequired(t: OfferedTransition, from: string, missing: ScreenField[]): TrackerError {
  const fields = missing.map((f) => `"${f.name}"`).join(', ');
  return new TrackerError(
    'field_required',
    `transition "${t.name}" (${from} → ${t.to}) requires ${fields}, which no rule fills` +
      ` (give the status rule screenFields.${missing[0]?.id ?? 'field'})`,
  );
}
