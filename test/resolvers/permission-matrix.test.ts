/**
 * Every resolver key, called as the viewer (browse only), as an editor who does not administer the project
 * (Uma), and as an admin, with a payload its schema accepts, so that a missing check would act. What each
 * may do comes from the demo's permission scheme (sandbox/jira/seed.ts): settings and git integrations need
 * ADMINISTER_PROJECTS (changing an integration also Jira's ADMINISTER), panel writes need EDIT_ISSUES on
 * the issue, panel/get BROWSE_PROJECTS. Every refused call leaves the whole of KVS (plain, secret and
 * entity spaces) byte for byte as it was, and every call asks `mypermissions` exactly once; health/get,
 * liveness only, never.
 */
import { PAYLOADS, type ResolverKey } from '../../src/core/schema/resolver-payloads';
import { PERMISSION_NEEDS } from '../../src/core/schema/resolver-permissions';
import { DEMO_CONNECTION_ID, startWorld, type World } from '../sandbox-sync/world';
import { accountIdOf, ADMIN, invoke, ok, USER, type Answer } from './harness';

const VIEWER = 'viewer@example.com';
const connectionId = DEMO_CONNECTION_ID;

let w: World;
let issue: { id: string; key: string };
let demoConnection: unknown;
beforeAll(async () => {
  w = await startWorld();
  await w.cycle();
  const [first] = await w.search('local', 'project = DEMO ORDER BY key ASC');
  if (!first) throw new Error('no DEMO issue');
  issue = { id: first.id, key: first.key };
  demoConnection = (await ok(w, 'connections/list', {})).connections[0]?.connection;
});
afterAll(async () => {
  await w.close();
});

const isKey = (k: string): k is ResolverKey => k in PAYLOADS;
const KEYS = Object.keys(PAYLOADS).filter(isKey);

/** A payload each key's schema accepts: refused calls must be refused for who calls, not for what. */
function validPayload(key: ResolverKey): unknown {
  const integrationId = 'gh-nonexistent';
  const payloads: { [K in ResolverKey]: unknown } = {
    'connections/list': {},
    'connections/save': { connection: demoConnection },
    'connections/delete': { connectionId },
    'connections/test': { connectionId },
    'connections/test-status': { connectionId },
    // webhookSecret, not apiToken: the admin's own call must not cut the demo off its partner.
    'credentials/set': { connectionId, name: 'webhookSecret', value: 'set-by-the-matrix' },
    'credentials/clear': { connectionId, name: 'webhookSecret' },
    'rules/validate': { rules: [] },
    'fields/list': {},
    'fields/catalog': { connectionId },
    'limits/save': { connectionId, maxMutationsPerCycle: 7 },
    'plans/dry-run': { connectionId },
    'plans/held': { connectionId },
    'plans/approve': { connectionId, planId: 'plan-1' },
    'plans/discard': { connectionId, planId: 'plan-1' },
    'activity/get': { connectionId },
    'pairs/retry': { connectionId, pairId: 'l-1' },
    'pairs/bulk-connect': { connectionId, match: { local: 'summary', remote: 'summary' } },
    'panel/get': {},
    'panel/sync-now': { connectionId },
    'panel/resolve-conflict': { connectionId, localPath: 'summary', choose: 'local' },
    'panel/link-existing': { connectionId, remoteIssue: 'PARTNER-2' },
    'panel/create-remote': { connectionId },
    'git-integrations/list': {},
    'git-integrations/create': { name: 'Matrix', server: 'github' },
    'git-integrations/rotate-secret': { integrationId, graceHours: 1 },
    'git-integrations/delete': { integrationId },
    'git-integrations/deliveries': { integrationId, limit: 10 },
    'git-integrations/auto-install': { integrationId, repository: 'acme/app', token: 'ghp_matrix' },
    'analytics/get': {},
    'analytics/set-enabled': { enabled: true },
    'analytics/rotate-secret': { graceHours: 1 },
  };
  return payloads[key];
}

/** Who the demo scheme lets through each key's check. */
function allowed(key: ResolverKey, email: string): boolean {
  if (email === ADMIN) return true;
  const need = PERMISSION_NEEDS[key];
  if (need.requires.includes('ADMINISTER_PROJECTS') || need.requires.includes('ADMINISTER')) return false;
  if (need.requires.includes('EDIT_ISSUES')) return email === USER;
  return true; // BROWSE_PROJECTS: all three browse DEMO
}

const snapshot = (): string => JSON.stringify(w.host.kvs.toJSON());
const lastSeq = (): number => w.host.requests().at(-1)?.seq ?? 0;
const myPermissionsSince = (seq: number): number =>
  w.host.requests(seq).filter((r) => r.target === 'jira' && r.path.includes('/rest/api/3/mypermissions'))
    .length;

async function call(key: ResolverKey, email: string): Promise<{ answer: Answer<ResolverKey>; asks: number }> {
  await w.settle();
  const since = lastSeq();
  const answer = await invoke(w, key, validPayload(key), {
    email,
    ...(key.startsWith('panel/') ? { issue } : {}),
  });
  return { answer, asks: myPermissionsSince(since) };
}

it('covers every resolver key, each with a payload its schema accepts', () => {
  expect(KEYS).toHaveLength(32);
  for (const key of KEYS) expect(PAYLOADS[key].safeParse(validPayload(key)).success).toBe(true);
  expect(accountIdOf(w, VIEWER)).not.toBe(accountIdOf(w, USER));
});

// Refusals first (they change nothing), then the calls that may act, destructive ones last.
const refusedCases = [VIEWER, USER].flatMap((email) =>
  KEYS.filter((key) => !allowed(key, email)).map((key): [string, ResolverKey] => [email, key]),
);
const allowedCases = [VIEWER, USER, ADMIN]
  .flatMap((email) =>
    KEYS.filter((key) => allowed(key, email)).map((key): [string, ResolverKey] => [email, key]),
  )
  .sort(([, a], [, b]) => Number(a.endsWith('/delete')) - Number(b.endsWith('/delete')));

it('refuses the viewer every panel write and the editor every settings call', () => {
  const refusedKeys = (email: string) => refusedCases.filter(([e]) => e === email).map(([, k]) => k);
  const panelWrites = [
    'panel/sync-now',
    'panel/resolve-conflict',
    'panel/link-existing',
    'panel/create-remote',
  ];
  expect(refusedKeys(VIEWER)).toEqual(expect.arrayContaining(panelWrites));
  expect(refusedKeys(VIEWER)).not.toContain('panel/get');
  expect(refusedKeys(USER)).toEqual(KEYS.filter((k) => !k.startsWith('panel/')));
});

it.each(refusedCases)('%s is refused %s, asks Jira once, and KVS is unchanged', async (email, key) => {
  await w.settle();
  const before = snapshot();
  const { answer, asks } = await call(key, email);
  expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  await w.settle();
  expect(snapshot()).toBe(before);
  expect(asks).toBe(1);
});

it.each(allowedCases)('%s passes the check of %s, asking Jira once', async (email, key) => {
  const { answer, asks } = await call(key, email);
  // Past the check, a call may still be refused for its target (no such plan, integration…), never for who calls.
  if (!answer.ok) expect(answer.error.code).not.toBe('forbidden');
  expect(asks).toBe(1);
});

it('health/get asks Jira nothing', async () => {
  const since = lastSeq();
  const reply = await w.host.invoke('health/get', {
    moduleKey: 'tandem-project-settings',
    accountId: accountIdOf(w, VIEWER),
    payload: {},
    context: { accountId: accountIdOf(w, VIEWER), extension: { project: { key: 'DEMO' } } },
  });
  expect(reply.body.ok).toBe(true);
  expect(myPermissionsSince(since)).toBe(0);
});
