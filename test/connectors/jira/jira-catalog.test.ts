/**
 * The Jira catalog (jira-catalog.ts) in the two shapes the emulator does not serve: Data Center's createmeta
 * page, which lists the fields under `values` (Jira Server REST 8.4+, getCreateIssueMetaFields), and a caller
 * without Create issues, whose createmeta is refused: the fields still list, their options are then unknown,
 * and the catalog says why.
 */
import { readJiraCatalog } from '../../../src/connectors/jira/jira-catalog';
import { JiraClient } from '../../../src/connectors/jira/jira-client';
import type { JiraTransport } from '../../../src/connectors/jira/jira-transport';

const FIELDS = [
  { id: 'summary', name: 'Summary', schema: { type: 'string', system: 'summary' } },
  { id: 'status', name: 'Status', schema: { type: 'status', system: 'status' } },
  { id: 'parent', name: 'Parent', schema: { type: 'issuelink', system: 'parent' } },
  { id: 'watches', name: 'Watchers', schema: { type: 'watches', system: 'watches' } },
  {
    id: 'customfield_10100',
    name: 'Severity',
    schema: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select' },
  },
  {
    id: 'customfield_10101',
    name: 'Notes',
    schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea' },
  },
];

function client(createmeta: { status: number; body: unknown }) {
  const seen: string[] = [];
  const transport: JiraTransport = (path) => {
    seen.push(path);
    const bare = path.split('?')[0] ?? path;
    const answer = bare.startsWith('/rest/api/3/issue/createmeta/')
      ? createmeta
      : bare === '/rest/api/3/field'
        ? { status: 200, body: FIELDS }
        : bare === '/rest/api/3/project/OPS'
          ? { status: 200, body: { key: 'OPS', issueTypes: [{ id: '1', name: 'Bug' }] } }
          : { status: 404, body: { errorMessages: ['not here'] } };
    const text = JSON.stringify(answer.body);
    return Promise.resolve({
      status: answer.status,
      headers: { get: () => null },
      text: () => Promise.resolve(text),
      arrayBuffer: () => Promise.resolve(new TextEncoder().encode(text).buffer),
    });
  };
  return { client: new JiraClient(transport, 'remote Jira (ops.example.com)'), seen };
}

it('reads Data Center’s createmeta page of `values` for the options', async () => {
  const { client: c, seen } = client({
    status: 200,
    body: {
      startAt: 0,
      maxResults: 200,
      total: 1,
      values: [{ fieldId: 'customfield_10100', allowedValues: [{ value: 'Major' }, { value: 'Minor' }] }],
    },
  });
  const catalog = await readJiraCatalog(c, 'OPS');
  expect(catalog.fields.map((f) => [f.id, f.type])).toEqual([
    ['status', 'status'],
    ['summary', 'text'],
    ['customfield_10101', 'richtext'],
    ['customfield_10100', 'select'],
  ]);
  expect(catalog.fields.find((f) => f.name === 'Severity')?.options).toEqual(['Major', 'Minor']);
  expect(catalog.notes).toEqual([]);
  expect(seen).toContain('/rest/api/3/issue/createmeta/OPS/issuetypes/1?startAt=0&maxResults=200');
});

it('lists the fields without options when createmeta is refused, and says why', async () => {
  const { client: c } = client({
    status: 400,
    body: { errorMessages: ['You do not have permission to create issues in this project.'] },
  });
  const catalog = await readJiraCatalog(c, 'OPS');
  expect(catalog.fields.find((f) => f.name === 'Severity')).toEqual({
    id: 'customfield_10100',
    name: 'Severity',
    type: 'select',
    paths: ['customfield_10100'],
  });
  expect(catalog.notes).toEqual([
    expect.stringMatching(
      /^remote Jira \(ops\.example\.com\) did not list the options of OPS's fields \(.*permission to create issues.*\): they are not checked$/,
    ),
  ]);
});
