/**
 * The emulator reads `id` as Jira does: one field with `key`, `issue` and `issuekey`, taking ids and keys
 * alike, so a key a person typed is found; and quoted strings decode Jira's escapes and refuse others.
 */
import type { JiraEmulator } from '../../sandbox/jira';
import { tokenize } from '../../sandbox/jira/jql/lexer';
import { APP, arr, callJson, obj, seededEmulator } from './harness';

async function search(emulator: JiraEmulator, jql: string) {
  const answer = await callJson(emulator, APP, 'local', 'POST', '/rest/api/3/search/jql', {
    body: { jql, fields: ['summary'], maxResults: 100 },
  });
  const body = obj(answer.json);
  return answer.status === 200
    ? { status: 200, keys: arr(body.issues).map((i) => String(obj(i).key)), error: '' }
    : {
        status: answer.status,
        keys: [],
        error: JSON.stringify(arr(body.errorMessages)[0] ?? '').slice(1, -1),
      };
}

let emulator: JiraEmulator;
beforeAll(() => {
  emulator = seededEmulator();
});
afterEach(() => {
  expect(emulator.contractViolations).toEqual([]);
});

it.each(['id', 'issue', 'issuekey', 'key'])('%s takes keys and ids alike', async (field) => {
  const demo2 = emulator.site('local').findIssue('DEMO-2');
  expect(await search(emulator, `${field} = DEMO-3`)).toMatchObject({ status: 200, keys: ['DEMO-3'] });
  expect(await search(emulator, `${field} = "DEMO-3"`)).toMatchObject({ status: 200, keys: ['DEMO-3'] });
  expect(await search(emulator, `${field} in (DEMO-3, ${demo2?.id ?? ''}) ORDER BY key ASC`)).toMatchObject({
    status: 200,
    keys: ['DEMO-2', 'DEMO-3'],
  });
});

it('answers a key that does not exist under id with the 400 it gives under key', async () => {
  expect(await search(emulator, 'id = DEMO-999')).toEqual({
    status: 400,
    keys: [],
    error: "An issue with key 'DEMO-999' does not exist for field 'id'.",
  });
  // An id that does not exist matches nothing, which is how the app learns that stored ids are gone.
  expect(await search(emulator, 'id = 99999')).toMatchObject({ status: 200, keys: [] });
});

it('decodes the escapes of a quoted string and refuses any other', () => {
  const [token] = tokenize(String.raw`"a\"b\\c\nd\te\rf\'g\ h\u00e9\u0041"`);
  expect(token).toMatchObject({ kind: 'string', text: 'a"b\\c\nd\te\rf\'g hé' + 'A' });
  expect(() => tokenize(String.raw`"a\qb"`)).toThrow("'\\q' is an illegal JQL escape sequence");
  expect(() => tokenize(String.raw`"\u12"`)).toThrow('illegal JQL escape sequence');
});
