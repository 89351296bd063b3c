/**
 * Every GraphQL document the Gropius connector sends is valid against Gropius' published schema
 * (../shared/contracts/gropius/gropius.graphqls, read in place): a field, argument or input the API does
 * not have fails here, not in a customer's sync. Documents may live only in gropius-documents.ts, so this
 * test sees them all.
 */
import { buildSchema, parse, validate } from 'graphql';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as documents from '../../../src/connectors/gropius/gropius-documents';
import { gropiusSchemaPath } from '../../../sandbox/gropius/gropius-server';

const schema = buildSchema(readFileSync(gropiusSchemaPath(), 'utf8'));
const entries: [string, string][] = Object.entries(documents as Record<string, unknown>).flatMap(
  ([name, text]) => (typeof text === 'string' ? [[name, text] as [string, string]] : []),
);

test('the connector has its documents in one module', () => {
  expect(entries.map(([name]) => name)).toEqual(
    expect.arrayContaining(['LIST_ISSUES', 'CREATE_ISSUE', 'UPDATE_BODY', 'DELETE_COMMENT']),
  );
});

test.each(entries)('%s is valid against the Gropius schema', (_name, text) => {
  const problems = validate(schema, parse(text)).map((e) => e.message);
  expect(problems).toEqual([]);
});

test('no other file of the connector holds a GraphQL operation', () => {
  const dir = join(__dirname, '../../../src/connectors/gropius');
  const operation = /`\s*(query|mutation|fragment)\s+\w+/;
  const strays = readdirSync(dir)
    .filter((f) => f !== 'gropius-documents.ts' && f.endsWith('.ts'))
    .filter((f) => operation.test(readFileSync(join(dir, f), 'utf8')));
  expect(strays).toEqual([]);
});
