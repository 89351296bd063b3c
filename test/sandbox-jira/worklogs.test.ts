/**
 * The emulator's worklogs against the platform OpenAPI (the emulator is contract-checked: every request and
 * answer below is validated): add, list with properties, update, delete, the refusals the operations
 * document, and the issue's `updated` moving with every write.
 */
import { DEMO_USERS, type Identity, type JiraEmulator } from '../../sandbox/jira';
import { APP, arr, callJson, obj, seededEmulator } from './harness';

const doc = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const PATH = '/rest/api/3/issue/DEMO-1/worklog';
const BOOKING = { started: '2026-11-23T09:30:00.000+0200', timeSpentSeconds: 5400, comment: doc('pairing') };

let emulator: JiraEmulator;
let now = Date.parse('2026-11-24T08:00:00.000Z');
const userIdentity = (email: string): Identity => ({
  kind: 'user',
  accountId: emulator.site('local').userByEmail(email)?.accountId ?? '',
});

beforeEach(() => {
  emulator = seededEmulator({ wallClock: () => now });
});
afterEach(() => {
  expect(emulator.contractViolations).toEqual([]);
});

it('books, lists with its properties, edits and deletes a worklog; each write moves the issue', async () => {
  const updatedOf = () => emulator.site('local').findIssue('DEMO-1')?.updated;
  const before = updatedOf();
  now += 60_000;
  const added = await callJson(emulator, APP, 'local', 'POST', PATH, {
    query: { adjustEstimate: 'leave' },
    body: { ...BOOKING, properties: [{ key: 'tandem', value: { origin: 'tandem:c1:rw:7' } }] },
  });
  expect(added.status).toBe(201);
  const worklog = obj(added.json);
  // Jira answers `started` in its own format, in UTC here.
  expect(worklog).toMatchObject({
    started: '2026-11-23T07:30:00.000+0000',
    timeSpentSeconds: 5400,
    timeSpent: '1h 30m',
  });
  expect(worklog.properties).toBeUndefined();
  expect(updatedOf()).toBeGreaterThan(before ?? Infinity);

  const listed = obj(
    (await callJson(emulator, APP, 'local', 'GET', PATH, { query: { expand: 'properties' } })).json,
  );
  expect(listed).toMatchObject({ startAt: 0, total: 1 });
  expect(obj(arr(listed.worklogs)[0]).properties).toEqual([
    { key: 'tandem', value: { origin: 'tandem:c1:rw:7' } },
  ]);

  now += 60_000;
  const path = `${PATH}/${String(worklog.id)}`;
  const edited = await callJson(emulator, APP, 'local', 'PUT', path, { body: { timeSpent: '2h 15m' } });
  expect(obj(edited.json)).toMatchObject({ timeSpentSeconds: 8100, comment: doc('pairing') });
  expect((await callJson(emulator, APP, 'local', 'DELETE', path)).status).toBe(204);
  expect((await callJson(emulator, APP, 'local', 'GET', path)).status).toBe(404);
  expect(obj((await callJson(emulator, APP, 'local', 'GET', PATH)).json).total).toBe(0);
});

it('refuses what the operations document: no time, both times, a bad start, an estimate mode without its value', async () => {
  const post = async (body: unknown, query: Record<string, string> = {}) =>
    (await callJson(emulator, APP, 'local', 'POST', PATH, { body, query })).status;
  expect(await post({ started: BOOKING.started })).toBe(400);
  expect(await post({ ...BOOKING, timeSpent: '1h' })).toBe(400);
  expect(await post({ ...BOOKING, started: '2026-11-23T09:30:00Z' })).toBe(400);
  expect(await post({ ...BOOKING, comment: { type: 'doc' } })).toBe(400);
  expect(await post(BOOKING, { adjustEstimate: 'new' })).toBe(400);
  expect(await post(BOOKING, { adjustEstimate: 'manual', reduceBy: 'soon' })).toBe(400);
  expect(await post(BOOKING, { adjustEstimate: 'manual', reduceBy: '1h' })).toBe(201);
  expect(await post(BOOKING, { adjustEstimate: 'new', newEstimate: '2d' })).toBe(201);
});

it('lets only those with Work on issues book time, and edits of others’ worklogs need Edit all worklogs', async () => {
  const viewer = userIdentity(DEMO_USERS.viewer.email);
  const user = userIdentity(DEMO_USERS.user.email);
  expect((await callJson(emulator, viewer, 'local', 'POST', PATH, { body: BOOKING })).status).toBe(400);
  const mine = obj((await callJson(emulator, user, 'local', 'POST', PATH, { body: BOOKING })).json);
  const path = `${PATH}/${String(mine.id)}`;
  expect(
    (await callJson(emulator, viewer, 'local', 'PUT', path, { body: { timeSpentSeconds: 60 } })).status,
  ).toBe(400);
  expect(
    (await callJson(emulator, user, 'local', 'PUT', path, { body: { timeSpentSeconds: 60 } })).status,
  ).toBe(200);
  expect((await callJson(emulator, viewer, 'local', 'DELETE', path)).status).toBe(400);
  expect(obj(mine.author).accountId).toBe(user.kind === 'user' ? user.accountId : '');
});
