/**
 * Rules against both sides' field catalogs (core/rules/rule-fields.ts): a rule between fields whose types
 * cannot hold each other's values is refused with both fields and types named; a rule between option lists
 * that differ needs a value map covering the options the other side lacks; what cannot be checked warns.
 */
import { GITHUB_FIELDS } from '../../src/connectors/github/github-fields';
import { GITLAB_FIELDS } from '../../src/connectors/gitlab/gitlab-fields';
import { redmineFieldCatalog } from '../../src/connectors/redmine/redmine-catalog';
import { checkRuleFields, converts, resolvePath } from '../../src/core/rules/rule-fields';
import {
  JIRA_TO_GITHUB_RULES,
  JIRA_TO_GITLAB_RULES,
  JIRA_TO_REDMINE_RULES,
} from '../../src/core/schema/default-rules';
import type { FieldCatalog } from '../../src/core/schema/field-catalog';
import { RuleListSchema, type Rule } from '../../src/core/schema/rules';

/** Like the demo sites: the partner's Severity has Trivial, which the local one lacks. */
const jira = (severity: string[]): FieldCatalog => ({
  fields: [
    { id: 'summary', name: 'Summary', type: 'text', paths: ['summary'] },
    { id: 'description', name: 'Description', type: 'richtext', paths: ['description'] },
    { id: 'status', name: 'Status', type: 'status', paths: ['status.name', 'status'] },
    {
      id: 'priority',
      name: 'Priority',
      type: 'priority',
      paths: ['priority.name', 'priority'],
      options: ['Highest', 'High', 'Medium', 'Low', 'Lowest'],
    },
    { id: 'labels', name: 'Labels', type: 'labels', paths: ['labels'] },
    {
      id: 'assignee',
      name: 'Assignee',
      type: 'user',
      paths: ['assignee', 'assignee.email', 'assignee.displayName'],
    },
    { id: 'customfield_10016', name: 'Story point estimate', type: 'number', paths: ['customfield_10016'] },
    {
      id: 'customfield_10020',
      name: 'Severity',
      type: 'select',
      paths: ['customfield_10020'],
      options: severity,
    },
    { id: 'customfield_10021', name: 'Platforms', type: 'multiselect', paths: ['customfield_10021'] },
    { id: 'customfield_10022', name: 'Spec', type: 'url', paths: ['customfield_10022'] },
  ],
  notes: [],
});
const LOCAL = jira(['Critical', 'Major', 'Minor']);
const PARTNER = jira(['Critical', 'Major', 'Minor', 'Trivial']);

const rules = (input: unknown[]): Rule[] => RuleListSchema.parse(input);
const check = (input: unknown[], local: FieldCatalog | null = LOCAL, remote: FieldCatalog | null = PARTNER) =>
  checkRuleFields(rules(input), {
    local: { label: 'this Jira site (DEMO)', catalog: local },
    remote: { label: 'Jira (PARTNER)', catalog: remote },
  });

it('refuses a two-way rule between a select and a number, naming both fields and types', () => {
  const { errors } = check([
    { kind: 'two-way', local: 'summary', remote: 'summary' },
    { kind: 'two-way', local: 'Severity', remote: 'Story point estimate' },
  ]);
  expect(errors).toEqual([
    {
      path: '1.remote',
      message:
        'local "Severity" (select) and remote "Story point estimate" (number) cannot sync both ways: a number field cannot hold select values',
    },
  ]);
});

it('checks one-way rules in their one direction only', () => {
  // A number becomes text; text does not become a number.
  expect(check([{ kind: 'one-way', local: 'summary', remote: 'Story point estimate' }]).errors).toEqual([]);
  expect(check([{ kind: 'to-remote', local: 'summary', remote: 'Story point estimate' }]).errors).toEqual([
    {
      path: '0.remote',
      message:
        'local "Summary" (text) cannot be written into remote "Story point estimate" (number): a number field cannot hold text values',
    },
  ]);
});

it('needs a value map for selects whose options differ, naming the options missing', () => {
  const plain = check([{ kind: 'two-way', local: 'Severity', remote: 'Severity' }]);
  expect(plain.errors).toEqual([
    {
      path: '0.remote',
      message:
        'the options differ, so this rule needs a value map for them: remote "Severity" (select) has "Trivial", which local "Severity" (select) lacks',
    },
  ]);
  // A map that leaves Trivial out is still refused, naming it.
  const partial = [{ local: 'Major', remote: 'Major' }];
  const stillMissing = check([{ kind: 'two-way', local: 'Severity', remote: 'Severity', map: partial }]);
  expect(stillMissing.errors.map((e) => e.message)).toEqual([
    expect.stringContaining('has "Trivial", which'),
  ]);
  // Mapped, or caught by a wildcard row: accepted.
  const mapped = [{ local: 'Minor', remote: 'Trivial' }];
  expect(check([{ kind: 'two-way', local: 'Severity', remote: 'Severity', map: mapped }]).errors).toEqual([]);
  const wildcard = [{ local: 'Minor', remote: '*' }];
  expect(check([{ kind: 'two-way', local: 'Severity', remote: 'Severity', map: wildcard }]).errors).toEqual(
    [],
  );
  // Local → remote only: every local option exists remotely, so no map is needed that way.
  expect(check([{ kind: 'to-remote', local: 'Severity', remote: 'Severity' }]).errors).toEqual([]);
  // The same options on both sides need no map.
  expect(check([{ kind: 'two-way', local: 'Severity', remote: 'Severity' }], PARTNER).errors).toEqual([]);
});

it('reads a person by their email as text, and refuses a list into one value', () => {
  expect(check([{ kind: 'two-way', local: 'assignee.email', remote: 'Spec' }]).errors).toEqual([]);
  expect(check([{ kind: 'two-way', local: 'assignee', remote: 'summary' }]).errors).toHaveLength(1);
  const list = check([{ kind: 'two-way', local: 'labels', remote: 'Severity' }]);
  expect(list.errors[0]?.message).toContain('a select field cannot hold labels values');
});

it('lets fix versions sync with a GitHub or GitLab milestone, the one list that may go into one value', () => {
  const versions: FieldCatalog = {
    fields: [{ id: 'fixVersions', name: 'Fix versions', type: 'versions', paths: ['fixVersions'] }],
    notes: [],
  };
  const sides = (remote: FieldCatalog) => ({
    local: { label: 'this Jira site (DEMO)', catalog: versions },
    remote: { label: 'the partner', catalog: remote },
  });
  for (const catalog of [GITHUB_FIELDS, GITLAB_FIELDS]) {
    const rules: Rule[] = RuleListSchema.parse([
      { kind: 'two-way', local: 'fixVersions', remote: 'milestone.title', createMissing: true },
    ]);
    expect(checkRuleFields(rules, sides(catalog))).toEqual({ errors: [], warnings: [] });
  }
  // Only a version list into a milestone: labels into it are still refused.
  expect(converts('versions', 'version')).toBe(true);
  expect(converts('labels', 'version') || converts('versions', 'select')).toBe(false);
});

it('warns, never refuses, when a side cannot be read or does not list a field', () => {
  const unread = check([{ kind: 'two-way', local: 'Severity', remote: 'Story point estimate' }], LOCAL, null);
  expect(unread.errors).toEqual([]);
  expect(unread.warnings).toEqual([
    { path: '', message: "Jira (PARTNER)'s fields could not be read: its fields are not checked" },
  ]);
  const unknown = check([{ kind: 'two-way', local: 'key', remote: 'summary' }]);
  expect(unknown.errors).toEqual([]);
  expect(unknown.warnings).toEqual([
    { path: '0.local', message: 'this Jira site (DEMO) lists no field "key"; it is not checked' },
  ]);
});

it('finds a field by a path it lists, its id, or its name', () => {
  expect(resolvePath(LOCAL, 'status.name')).toMatchObject({ field: { id: 'status' }, type: 'status' });
  expect(resolvePath(LOCAL, 'customfield_10020')).toMatchObject({ type: 'select' });
  expect(resolvePath(LOCAL, 'Severity')).toMatchObject({ field: { id: 'customfield_10020' } });
  expect(resolvePath(LOCAL, 'customfield_10020.value')).toMatchObject({ type: 'select' });
  expect(resolvePath(LOCAL, 'assignee.displayName')).toMatchObject({ type: 'text' });
  expect(resolvePath(LOCAL, 'nothing')).toBeUndefined();
  expect(converts('date', 'datetime') && converts('datetime', 'date')).toBe(true);
  expect(converts('number', 'select') || converts('select', 'number')).toBe(false);
});

it('accepts every default rule set against the catalogs of its kind', () => {
  const redmine = redmineFieldCatalog(
    {
      projectId: 1,
      statuses: ['New', 'In Progress', 'Resolved', 'Feedback', 'Closed', 'Rejected'].map((name, id) => ({
        id,
        name,
      })),
      priorities: ['Low', 'Normal', 'High', 'Urgent', 'Immediate'].map((name, id) => ({ id, name })),
      trackers: [{ id: 1, name: 'Bug' }],
      customFields: [],
      customFieldsFromAdminList: true,
    },
    'Redmine',
  );
  for (const [set, remote] of [
    [JIRA_TO_GITHUB_RULES, GITHUB_FIELDS],
    [JIRA_TO_GITLAB_RULES, GITLAB_FIELDS],
    [JIRA_TO_REDMINE_RULES, redmine],
  ] as const) {
    const result = check(set as unknown[], LOCAL, remote);
    expect(result).toEqual({ errors: [], warnings: [] });
  }
});
