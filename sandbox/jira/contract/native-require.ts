import type * as AjvFormats from 'ajv-formats';
import type * as OpenApiBackend from 'openapi-backend';

/**
 * openapi-backend depends on @apidevtools/json-schema-ref-parser, which is ESM-only. Node (20.19+) loads it
 * through `require(esm)`, but jest's CommonJS module sandbox cannot, and jest also replaces `node:module`'s
 * `createRequire`. `process.getBuiltinModule` hands out Node's real module system, so the validator loads the
 * same way under jest, tsx and plain node. ajv-formats comes from the same loader so both share one realm
 * (ajv recognises format regexes with `instanceof RegExp`).
 */
function nativeRequire(): NodeJS.Require {
  return process.getBuiltinModule('node:module').createRequire(__filename);
}

function isOpenApiBackend(mod: unknown): mod is typeof OpenApiBackend {
  return (
    typeof mod === 'object' &&
    mod !== null &&
    'OpenAPIBackend' in mod &&
    typeof mod.OpenAPIBackend === 'function'
  );
}

/** ajv-formats' CommonJS export is the plugin function itself, with the same function under `default`. */
function isAjvFormats(mod: unknown): mod is typeof AjvFormats {
  return typeof mod === 'function' && 'default' in mod && typeof mod.default === 'function';
}

export function loadOpenApiBackend(): typeof OpenApiBackend {
  const mod: unknown = nativeRequire()('openapi-backend');
  if (!isOpenApiBackend(mod)) throw new Error('openapi-backend did not load');
  return mod;
}

export function loadAjvFormats(): typeof AjvFormats.default {
  const mod: unknown = nativeRequire()('ajv-formats');
  if (!isAjvFormats(mod)) throw new Error('ajv-formats did not load');
  return mod.default;
}
