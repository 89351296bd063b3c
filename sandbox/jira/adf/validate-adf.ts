import AjvDraft04 from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { contractsDir } from '../contract/contracts-dir';

/**
 * Validates rich-text bodies against Atlassian's published ADF schema (draft-04). Compiling it costs ~300 ms,
 * so it happens once per process, on first use.
 */
let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const schema: unknown = JSON.parse(readFileSync(`${contractsDir()}/adf-schema-v1-full.json`, 'utf8'));
    if (typeof schema !== 'object' || schema === null) throw new Error('ADF schema is not an object');
    // Published schema, known to compile: skipping meta-schema checks and code optimisation halves the cost.
    const ajv = new AjvDraft04({
      strict: false,
      allErrors: false,
      validateSchema: false,
      code: { optimize: false },
    });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Returns why `value` is not a valid ADF document, or `undefined` when it is. */
export function adfProblem(value: unknown): string | undefined {
  const validate = validator();
  if (validate(value)) return undefined;
  const first = validate.errors?.[0];
  return first ? `${first.instancePath || '/'} ${first.message ?? 'is invalid'}` : 'is not a valid document';
}
