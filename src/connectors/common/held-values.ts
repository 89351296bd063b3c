/**
 * What a tracker answers to an update (TrackerPort.updateIssue): each patched path as the issue now holds
 * it, read from the issue the API returned, so the engine's base is in the tracker's own format.
 */
import type { FieldPatch, JsonObject } from '../../core/model';
import { getPath } from '../../core/paths';

export function heldValues(
  fields: JsonObject,
  patch: FieldPatch,
  written: (path: string) => boolean = () => true,
): FieldPatch {
  return Object.fromEntries(
    Object.keys(patch)
      .filter(written)
      .map((path) => [path, getPath(fields, path) ?? null]),
  );
}
