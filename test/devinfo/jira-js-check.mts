/**
 * Validates dev info bulk bodies with jira.js's own zod schema (`StoreDevelopmentInformationSchema` from
 * `jira.js/agile`). jira.js 6 is ESM-only, which jest's CommonJS runtime cannot load, so the tests run this
 * in a child process: `node --import tsx jira-js-check.mts <bodies.json>`; it prints
 * `{ checked, failures: [{ index, issues }] }`.
 */
import { readFileSync } from 'node:fs';

interface SafeParser {
  safeParse(value: unknown): { success: boolean; error?: { issues: unknown[] } };
}

function isParser(value: unknown): value is SafeParser {
  return (
    typeof value === 'object' &&
    value !== null &&
    'safeParse' in value &&
    typeof value.safeParse === 'function'
  );
}

async function loadSchema(): Promise<SafeParser> {
  // A computed specifier keeps TypeScript (node10 resolution, blind to `exports`) from resolving it.
  const specifier: string = 'jira.js/agile';
  const mod: unknown = await import(specifier);
  const schema: unknown =
    typeof mod === 'object' && mod !== null && 'StoreDevelopmentInformationSchema' in mod
      ? mod.StoreDevelopmentInformationSchema
      : undefined;
  if (!isParser(schema)) throw new Error('jira.js/agile has no StoreDevelopmentInformationSchema');
  return schema;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: jira-js-check.mts <bodies.json>');
  const bodies: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(bodies)) throw new Error('expected an array of bodies');
  const schema = await loadSchema();
  const failures = bodies.flatMap((body: unknown, index) => {
    const result = schema.safeParse(body);
    return result.success ? [] : [{ index, issues: result.error?.issues ?? [] }];
  });
  process.stdout.write(JSON.stringify({ checked: bodies.length, failures }));
}

main().catch((err: unknown) => {
  process.stderr.write(
    err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err),
  );
  process.exitCode = 1;
});
