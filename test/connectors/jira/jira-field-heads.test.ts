/**
 * Who writes which head of a Jira path: jira-mapping.ts (toCanonical, toJiraWrite) or the typed-fields code
 * (jira-fields.ts through jira-named-fields.ts), never both and never neither. jira-fields.ts derives the
 * heads it leaves alone from jira-mapping.ts's MAPPING_HEADS; these tests fail when the two disagree, as
 * when a merge dropped `parent` from a hand-kept copy and sub-tasks were never copied. The one head both
 * know, `duedate`, goes the typed way, and a test pins that path.
 */
import { JiraClient } from '../../../src/connectors/jira/jira-client';
import {
  isNamedFieldPath,
  jiraFieldRules,
  SYSTEM_FIELDS,
  TAKEN_FROM_MAPPING,
  writeNamedField,
} from '../../../src/connectors/jira/jira-fields';
import {
  MAPPING_HEADS,
  READ_ONLY_HEADS,
  toCanonical,
  toJiraWrite,
} from '../../../src/connectors/jira/jira-mapping';
import { NamedFields } from '../../../src/connectors/jira/jira-named-fields';
import type { JiraIssue } from '../../../src/connectors/jira/jira-schemas';
import { UserResolver } from '../../../src/connectors/jira/user-resolver';
import { TrackerError } from '../../../src/core/errors';
import { RuleListSchema } from '../../../src/core/schema/rules';

/** Whether toJiraWrite takes a write at this head (a string fits every head it writes). */
function mappingWrites(head: string): boolean {
  try {
    toJiraWrite({ [head]: 'x' });
    return true;
  } catch (err) {
    if (err instanceof TrackerError && err.message.includes('cannot be written')) return false;
    throw err;
  }
}

/** An issue as Jira Cloud answers a read, with every field jira-mapping.ts reads. */
const ISSUE: JiraIssue = {
  id: '10001',
  key: 'DEMO-1',
  fields: {
    summary: 'Login fails',
    description: null,
    status: { name: 'To Do', statusCategory: { key: 'new' } },
    priority: { name: 'High' },
    labels: ['ui'],
    assignee: { accountId: 'a1', displayName: 'Ada' },
    reporter: { accountId: 'a2', displayName: 'Uma' },
    issuetype: { name: 'Sub-task', hierarchyLevel: -1 },
    parent: { id: '10000', key: 'DEMO-0' },
    created: '2026-11-24T08:00:00.000+0000',
    updated: '2026-11-24T08:00:00.000+0000',
  },
} as JiraIssue;

const PROBES = [
  ...MAPPING_HEADS,
  ...Object.keys(SYSTEM_FIELDS),
  ...Object.keys(toCanonical(ISSUE, 'https://demo.example.com', { hierarchy: true }).fields),
  'customfield_10010',
  'Story point estimate',
];

describe('the heads of a Jira path', () => {
  it('every head is handled by exactly one of jira-mapping.ts and the typed-fields code', () => {
    const problems: string[] = [];
    for (const head of new Set(PROBES)) {
      const toMapping = !isNamedFieldPath(head);
      const written = mappingWrites(head);
      const readOnly = (READ_ONLY_HEADS as readonly string[]).includes(head);
      if (toMapping && !written && !readOnly)
        problems.push(`${head}: left to jira-mapping.ts, whose toJiraWrite refuses it (handled by neither)`);
      if (!toMapping && written && !TAKEN_FROM_MAPPING.has(head))
        problems.push(`${head}: toJiraWrite writes it, yet the typed-fields code takes it (handled by both)`);
      if (toMapping && head in SYSTEM_FIELDS)
        problems.push(`${head}: a typed system field that never reaches the typed-fields code`);
    }
    expect(problems).toEqual([]);
  });

  it('every field toCanonical reads stays jira-mapping.ts\'s, so no typed value overwrites it', () => {
    const read = Object.keys(toCanonical(ISSUE, 'https://demo.example.com').fields);
    expect(read).toEqual(expect.arrayContaining(['summary', 'status', 'issuetype', 'assignee']));
    expect(read.filter(isNamedFieldPath)).toEqual([]);
  });

  it('the hierarchy\'s parent is written by jira-mapping.ts, by issue id', () => {
    expect(isNamedFieldPath('parent')).toBe(false);
    expect(toJiraWrite({ parent: '10000' }).fields).toEqual({ parent: { id: '10000' } });
    expect(toJiraWrite({ parent: null }).update).toEqual({ parent: [{ set: { none: true } }] });
  });

  it('a head jira-mapping.ts does not own is refused by toJiraWrite with its name', () => {
    for (const path of ['fixVersions', 'customfield_10010', 'Story point estimate'])
      expect(() => toJiraWrite({ [path]: 'x' })).toThrow(`Jira field "${path}" cannot be written by Tandem`);
  });

  it('the exceptions are real overlaps: each is jira-mapping.ts\'s head and a typed system field', () => {
    for (const head of TAKEN_FROM_MAPPING) {
      expect(MAPPING_HEADS).toContain(head);
      expect(SYSTEM_FIELDS[head]).toBeDefined();
    }
  });
});

describe('duedate goes through the typed-fields code', () => {
  const requests: string[] = [];
  const client = new JiraClient((path, init) => {
    requests.push(`${init.method} ${path}`);
    return Promise.reject(new Error(`no site here: ${init.method} ${path}`));
  }, 'DEMO');
  const rules = RuleListSchema.parse([
    { kind: 'two-way', local: 'summary', remote: 'summary' },
    { kind: 'two-way', local: 'duedate', remote: 'duedate' },
  ]);
  const named = new NamedFields({
    client,
    users: new UserResolver(client, { explicit: new Map() }),
    flavor: 'cloud',
    project: 'DEMO',
    rules: jiraFieldRules(rules, 'local'),
    mayCreateProjectItems: false,
  });

  it('is a typed date: an instant keeps its day, and no site lookup is needed (a system field)', async () => {
    expect(TAKEN_FROM_MAPPING.has('duedate')).toBe(true);
    expect(isNamedFieldPath('duedate')).toBe(true);
    expect(SYSTEM_FIELDS.duedate).toEqual({ name: 'Due date', kind: 'date' });
    const out = await named.write({ summary: 'Login fails', duedate: '2026-12-01T17:30:00.000Z' });
    expect(out.fields).toEqual({ duedate: '2026-12-01' });
    expect(out.rest).toEqual({ summary: 'Login fails' });
    expect(out.unwritten).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('a value that is not a date is named on the pair, never passed through as toJiraWrite would', async () => {
    const out = await named.write({ duedate: 'next Tuesday' });
    expect(out.fields).toEqual({});
    expect(out.rest).toEqual({});
    expect(out.unwritten).toEqual([
      { path: 'duedate', message: 'DEMO: Due date expects a date (YYYY-MM-DD), not "next Tuesday"' },
    ]);
    expect(writeNamedField({ head: 'duedate', id: 'duedate', ...SYSTEM_FIELDS.duedate! }, '', null)).toEqual({
      value: null,
    });
  });
});
