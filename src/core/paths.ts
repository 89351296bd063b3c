/**
 * Dotted-path access to JSON field values (`status.name`, `assignee.email`), as rules address them.
 *
 * Paths walk object keys only: a key that itself contains a dot cannot be addressed, and array elements
 * are not indexed. Only own properties are read, so `__proto__` or `constructor` in a path finds nothing.
 */
import type { Json, JsonObject } from './model';

export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path`, or undefined when a step is missing or not an object. */
export function getPath(obj: JsonObject, path: string): Json | undefined {
  let current: Json | undefined = obj;
  for (const key of path.split('.')) {
    if (!isJsonObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * A copy of `obj` with `value` at `path`. Missing steps become objects, and a step holding a non-object
 * (string, null, array) is replaced by one. `null` is stored as is: it is how trackers show a cleared field.
 * Only the objects along the path are copied; untouched branches are shared with `obj`.
 */
export function setPath(obj: JsonObject, path: string, value: Json): JsonObject {
  return setKeys(obj, path.split('.'), value);
}

function setKeys(obj: JsonObject, keys: readonly string[], value: Json): JsonObject {
  const [key = '', ...rest] = keys;
  const child = Object.hasOwn(obj, key) ? obj[key] : undefined;
  const next = rest.length === 0 ? value : setKeys(isJsonObject(child) ? child : {}, rest, value);
  return { ...obj, [key]: next };
}

/** `setPath` for every entry of a patch, in the patch's order (a later `a` overwrites an earlier `a.b`). */
export function applyPatch(obj: JsonObject, patch: Readonly<Record<string, Json>>): JsonObject {
  return Object.entries(patch).reduce((acc, [path, value]) => setPath(acc, path, value), obj);
}
