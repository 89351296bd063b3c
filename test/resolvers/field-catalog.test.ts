/**
 * fields/catalog and the rule checks on the real app in the sandbox: both sides' fields with their types and
 * options, read from each site (DEMO's Severity lacks PARTNER's Trivial), a remote that cannot be read answered
 * as an error on its side only, and a mistyped rule refused by rules/validate and by connections/save.
 */
import type { Connection } from '../../src/core/schema/connection';
import { DEMO_CONNECTION_ID, startWorld, type World } from '../sandbox-sync/world';
import { ok, refused, updateDemo } from './harness';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.close();
});

const demo = { connectionId: DEMO_CONNECTION_ID };
const MISTYPED = { kind: 'two-way', local: 'Severity', remote: 'Story point estimate' };

it('answers both sides’ fields with their types and options', async () => {
  const { local, remote } = await ok(w, 'fields/catalog', demo);
  expect(local).toMatchObject({ label: 'this Jira site (DEMO)', error: null });
  expect(remote).toMatchObject({ label: 'Jira (PARTNER)', error: null });
  const field = (side: typeof local, name: string) => side.catalog?.fields.find((f) => f.name === name);
  expect(field(local, 'Severity')).toMatchObject({ type: 'select', options: ['Critical', 'Major', 'Minor'] });
  expect(field(remote, 'Severity')).toMatchObject({
    type: 'select',
    options: ['Critical', 'Major', 'Minor', 'Trivial'],
  });
  // PARTNER made its fields in another order: the same name, another id.
  expect(field(remote, 'Severity')?.id).not.toBe(field(local, 'Severity')?.id);
  expect(field(remote, 'Story point estimate')).toMatchObject({ type: 'number' });
  expect(field(remote, 'Status')).toMatchObject({ type: 'status', paths: ['status.name', 'status'] });
  expect(field(remote, 'Fix versions')).toMatchObject({ type: 'versions' });
  expect(field(local, 'Region')).toMatchObject({ type: 'cascading' });
  expect(field(local, 'Spec')).toMatchObject({ type: 'url' });
  expect(field(local, 'Issue Type')?.options).toEqual(expect.arrayContaining(['Task', 'Bug']));
  expect(JSON.stringify({ local, remote })).not.toContain('admin-token');
});

it('answers a remote that cannot be read as an error on that side, without its credentials', async () => {
  const second = {
    id: 'unreadable',
    name: 'No credentials yet',
    enabled: false,
    localProject: 'DEMO',
    remote: { kind: 'jira', baseUrl: `${w.host.url}/sites/partner`, project: 'PARTNER' },
    rules: [MISTYPED],
  };
  // The remote's fields cannot be read, so the mistyped rule only warns: a save is not blocked by a partner.
  await ok(w, 'connections/save', { connection: second });
  await ok(w, 'credentials/set', { connectionId: 'unreadable', name: 'email', value: 'admin@example.com' });
  await ok(w, 'credentials/set', {
    connectionId: 'unreadable',
    name: 'apiToken',
    value: 'wrong-secret-5521',
  });
  const { local, remote } = await ok(w, 'fields/catalog', { connectionId: 'unreadable' });
  expect(local.catalog?.fields.length).toBeGreaterThan(10);
  expect(remote.catalog).toBeNull();
  expect(remote.error).toMatch(/^Jira \(PARTNER\): the fields could not be read \(.*401/);
  expect(JSON.stringify(remote)).not.toContain('wrong-secret-5521');
  const checked = await ok(w, 'rules/validate', { rules: [MISTYPED], connectionId: 'unreadable' });
  expect(checked.errors).toEqual([]);
  expect(checked.warnings.map((x) => x.message)).toEqual([
    "Jira (PARTNER)'s fields could not be read: its fields are not checked",
  ]);
  await ok(w, 'connections/delete', { connectionId: 'unreadable' });
});

it('refuses a two-way rule between a select and a number in rules/validate and on save', async () => {
  const checked = await ok(w, 'rules/validate', { rules: [MISTYPED], connectionId: DEMO_CONNECTION_ID });
  expect(checked.errors).toEqual([
    {
      path: '0.remote',
      message:
        'local "Severity" (select) and remote "Story point estimate" (number) cannot sync both ways: a number field cannot hold select values',
    },
  ]);
  const before = (await ok(w, 'connections/list', {})).connections[0]?.connection.rules;
  const error = await refused(w, 'connections/save', {
    connection: { ...(await demoConnection()), rules: [...(before ?? []), MISTYPED] },
  });
  expect(error).toMatchObject({ code: 'bad_request', field: `connection.rules.${before?.length}.remote` });
  expect(error.message).toContain(`rule ${(before?.length ?? 0) + 1}: local "Severity" (select)`);
  expect((await ok(w, 'connections/list', {})).connections[0]?.connection.rules).toEqual(before);

  // Selects whose options differ need a map for the partner's Trivial; with it, the rule is saved.
  const severity = { kind: 'two-way', local: 'Severity', remote: 'Severity' };
  const unmapped = await refused(w, 'connections/save', {
    connection: { ...(await demoConnection()), rules: [severity] },
  });
  expect(unmapped.message).toContain('has "Trivial", which local "Severity" (select) lacks');
  const saved = await updateDemo(w, (c) => ({
    ...c,
    rules: [...c.rules, { ...severity, map: [{ local: 'Minor', remote: 'Trivial' }] }] as Connection['rules'],
  }));
  expect(saved.rules.at(-1)).toMatchObject({ local: 'Severity', remote: 'Severity' });
});

async function demoConnection(): Promise<Connection> {
  const found = (await ok(w, 'connections/list', {})).connections[0]?.connection;
  if (!found) throw new Error('no demo connection');
  return found;
}
