/**
 * `POST /rest/api/3/issue/bulkfetch` as the platform OpenAPI (v3, "Bulk fetch issues") describes it:
 * ids and keys mixed, ascending id order, unknown ids left out, 1 to 100 ids, navigable fields by default.
 */
import { APP, arr, callJson, obj, seededEmulator } from './harness';

const emulator = seededEmulator();
afterEach(() => expect(emulator.contractViolations).toEqual([]));

const fetchBulk = (body: unknown) =>
  callJson(emulator, APP, 'local', 'POST', '/rest/api/3/issue/bulkfetch', { body });

it('returns the issues named by id or key, in ascending id order, leaving out unknown ones', async () => {
  const one = emulator.site('local').findIssue('DEMO-1')!;
  const answer = await fetchBulk({
    issueIdsOrKeys: ['demo-3', one.id, 'NOPE-9', '99999'],
    fields: ['summary'],
  });
  expect(answer.status).toBe(200);
  const issues = arr(obj(answer.json).issues).map(obj);
  expect(issues.map((i) => i.key)).toEqual(['DEMO-1', 'DEMO-3']);
  expect(Object.keys(obj(issues[0]!.fields))).toEqual(['summary']);
  expect(obj(answer.json).issueErrors).toEqual([]);
});

it('answers 400 for no ids or more than 100', async () => {
  expect((await fetchBulk({ issueIdsOrKeys: [] })).status).toBe(400);
  const many = Array.from({ length: 101 }, (_, i) => String(10_000 + i));
  const over = await fetchBulk({ issueIdsOrKeys: many });
  expect(over.status).toBe(400);
  expect(JSON.stringify(over.json)).toContain('100');
});
