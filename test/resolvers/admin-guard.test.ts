/**
 * Every settings-page resolver checks ADMINISTER_PROJECTS on the server before it reads its payload, and a
 * bad payload is refused naming the field, with nothing changed anywhere in KVS.
 */
import { PAYLOADS, type ResolverKey } from '../../src/core/schema/resolver-payloads';
import { DEMO_CONNECTION_ID, startWorld, type World } from '../sandbox-sync/world';
import { ok, refused, USER } from './harness';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.close();
});

const isKey = (k: string): k is ResolverKey => k in PAYLOADS;
const ADMIN_KEYS = Object.keys(PAYLOADS)
  .filter(isKey)
  .filter((k) => !k.startsWith('panel/'));
const sample = { connectionId: DEMO_CONNECTION_ID, planId: 'p', pairId: 'l-1', name: 'apiToken', value: 'x' };

/**
 * The whole of KVS: plain, secret and entity spaces. A refused call that wrote credentials, integrations,
 * a held plan or a bulk-connect job changes it, not only one that wrote the connection record.
 */
const stored = () => JSON.stringify(w.host.kvs.toJSON());

it('lists every admin key it checks', () => {
  expect(ADMIN_KEYS).toEqual(
    expect.arrayContaining([
      'connections/save',
      'credentials/set',
      'plans/approve',
      'pairs/retry',
      'analytics/get',
      'analytics/set-enabled',
      'analytics/rotate-secret',
      'fields/catalog',
    ]),
  );
  expect(ADMIN_KEYS).toHaveLength(27);
});

it.each(ADMIN_KEYS)('%s refuses a user who does not administer the project', async (key) => {
  const before = stored();
  const error = await refused(w, key, sample, { email: USER });
  expect(error).toMatchObject({
    code: 'forbidden',
    message: 'you need permission to administer project DEMO',
  });
  expect(stored()).toBe(before);
});

it('treats a connection id that is not this project’s as unknown', async () => {
  const error = await refused(w, 'connections/delete', { connectionId: 'nope' });
  expect(error).toMatchObject({ code: 'not_found', field: 'connectionId' });
});

describe('bad payloads are refused naming the field, and change nothing', () => {
  const cases: [ResolverKey, unknown, string][] = [
    ['limits/save', { connectionId: DEMO_CONNECTION_ID, maxMutationsPerCycle: 0 }, 'maxMutationsPerCycle'],
    ['limits/save', { connectionId: 'Not An Id', maxMutationsPerCycle: 5 }, 'connectionId'],
    ['credentials/set', { connectionId: DEMO_CONNECTION_ID, name: 'apiToken', value: '' }, 'value'],
    ['credentials/set', { connectionId: DEMO_CONNECTION_ID, name: 'password', value: 'x' }, 'name'],
    ['plans/approve', { connectionId: DEMO_CONNECTION_ID }, 'planId'],
    ['connections/list', { extra: true }, 'extra'],
    ['activity/get', { connectionId: DEMO_CONNECTION_ID, projectKey: 'OTHER' }, 'projectKey'],
    [
      'pairs/bulk-connect',
      { connectionId: DEMO_CONNECTION_ID, match: { local: 'summary', remote: 'a field/name' } },
      'match.remote',
    ],
    ['pairs/bulk-connect', { connectionId: DEMO_CONNECTION_ID }, 'match'],
  ];
  it.each(cases)('%s %j → %s', async (key, payload, field) => {
    const before = stored();
    const error = await refused(w, key, payload);
    expect(error).toMatchObject({ code: 'bad_request', field });
    expect(stored()).toBe(before);
  });

  it('a connection with a broken rule names the rule field and stores nothing', async () => {
    const { connections } = await ok(w, 'connections/list', {});
    const demo = connections[0]!.connection;
    const broken = {
      ...demo,
      rules: [...demo.rules, { kind: 'two-way', local: 'status..name', remote: 'status.name' }],
    };
    const before = stored();
    const error = await refused(w, 'connections/save', { connection: broken });
    expect(error).toMatchObject({
      code: 'bad_request',
      field: `connection.rules.${demo.rules.length}.local`,
    });
    expect(stored()).toBe(before);
  });

  it('a files rule on a GitHub connection is refused naming the kind and the capability, and stores nothing', async () => {
    const { connections } = await ok(w, 'connections/list', {});
    const demo = connections[0]!.connection;
    const github = {
      ...demo,
      id: 'to-github',
      remote: { kind: 'github' as const, project: 'acme/widgets', flavor: 'cloud' as const },
      rules: [{ kind: 'two-way', local: 'summary', remote: 'title' }, { kind: 'files' }],
    };
    const before = stored();
    const error = await refused(w, 'connections/save', { connection: github });
    expect(error).toMatchObject({ code: 'bad_request', field: 'connection.rules.1' });
    expect(error.message).toContain('files rule needs attachments, which GitHub trackers do not have');
    expect(error.message).toContain('"attachments"');
    expect(stored()).toBe(before);
    // Without the files rule it saves.
    await ok(w, 'connections/save', { connection: { ...github, rules: github.rules.slice(0, 1) } });
    await ok(w, 'connections/delete', { connectionId: 'to-github' });
  });

  it('a connection for another project is refused', async () => {
    const { connections } = await ok(w, 'connections/list', {});
    const error = await refused(w, 'connections/save', {
      connection: { ...connections[0]!.connection, localProject: 'OTHER' },
    });
    expect(error).toMatchObject({ code: 'bad_request', field: 'connection.localProject' });
  });
});
