/**
 * Attributes Redmine may keep from a write without saying so: with its default settings (Administration »
 * Settings » Issue tracking » "Parent tasks attributes": calculated from subtasks), a parent task's
 * priority, start and due dates, done ratio and estimate are derived from its subtasks, and an update that
 * sets them answers 204 and changes nothing (measured on 5.0.4: a parent with a Low subtask stays Low when
 * Urgent is written). Now that issues have parents (the hierarchy), a write of these is read back: what
 * Redmine holds is answered, so the engine's base is what Redmine can hold and nothing flaps, and a value
 * it kept is named on the pair rather than left to look written.
 */
import type { UnwrittenField } from '../../core/errors';
import type { FieldPatch, Json, JsonObject } from '../../core/model';
import { getPath } from '../../core/paths';

const DERIVABLE = new Set([
  'priority',
  'priority.name',
  'start_date',
  'due_date',
  'done_ratio',
  'estimated_hours',
]);

export const derivablePaths = (patch: FieldPatch): string[] =>
  Object.keys(patch).filter((p) => DERIVABLE.has(p));

/**
 * A name written as `{ name }` or as the name itself compares by the name, in any case: the write found the
 * priority by name regardless of case (redmine-lookups.ts idByName), and Redmine answers its own spelling.
 */
const comparable = (v: Json | undefined): Json | undefined => {
  const name =
    typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.name === 'string' ? v.name : v;
  return typeof name === 'string' ? name.toLowerCase() : name;
};
const shown = (v: Json | undefined): string =>
  JSON.stringify(typeof v === 'object' && v !== null && !Array.isArray(v) && 'name' in v ? v.name : v);

/** What the issue holds at each written path, and those where it is not what was written. */
export function keptByRedmine(
  patch: FieldPatch,
  paths: readonly string[],
  fields: JsonObject,
  where: string,
): { held: FieldPatch; unwritten: UnwrittenField[] } {
  const held: FieldPatch = {};
  const unwritten: UnwrittenField[] = [];
  for (const path of paths) {
    const now = getPath(fields, path) ?? null;
    held[path] = now;
    if (JSON.stringify(comparable(now)) === JSON.stringify(comparable(patch[path] ?? null))) continue;
    unwritten.push({
      path,
      message: `${where} kept ${shown(now)} at ${path}, not ${shown(patch[path] ?? null)}: Redmine calculates a parent task's priority, dates, done ratio and estimate from its subtasks unless its settings say otherwise (Administration » Settings » Issue tracking » Parent tasks attributes)`,
    });
  }
  return { held, unwritten };
}
