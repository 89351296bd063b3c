/**
 * Redmine's field catalog (redmine-catalog.ts) through the tracker and its client, against answers in the
 * shapes Redmine's REST API documents (Rest_Issues, Rest_IssueStatuses, Rest_Enumerations, Rest_Projects,
 * Rest_CustomFields): its own fields with the instance's statuses and priorities as options, and custom fields
 * typed from GET /custom_fields.json for an administrator, or, when Redmine refuses that list (403 to anyone
 * else), the project's fields untyped, with a note saying so.
 */
import { RedmineClient } from '../../../src/connectors/redmine/redmine-client';
import { RedmineTracker } from '../../../src/connectors/redmine/redmine-tracker';
import type { FetchLike } from '../../../src/connectors/jira/remote-transport';

const ANSWERS: Record<string, unknown> = {
  '/issue_statuses.json': {
    issue_statuses: [
      { id: 1, name: 'New', is_closed: false },
      { id: 5, name: 'Closed', is_closed: true },
    ],
  },
  '/enumerations/issue_priorities.json': {
    issue_priorities: [
      { id: 1, name: 'Low' },
      { id: 2, name: 'Normal' },
    ],
  },
  '/projects/supplier.json': {
    project: {
      id: 7,
      identifier: 'supplier',
      trackers: [{ id: 1, name: 'Bug' }],
      issue_custom_fields: [{ id: 3, name: 'Severity' }],
    },
  },
  '/issues.json': { issues: [], total_count: 0, offset: 0, limit: 1 },
};

const ADMIN_LIST = {
  custom_fields: [
    {
      id: 3,
      name: 'Severity',
      customized_type: 'issue',
      field_format: 'list',
      multiple: false,
      possible_values: [{ value: 'Major' }, { value: 'Minor' }],
    },
    { id: 4, name: 'Reviewers', customized_type: 'issue', field_format: 'user', multiple: true },
    { id: 9, name: 'Phone', customized_type: 'user', field_format: 'string' },
  ],
};

function trackerAnswering(customFields: { status: number; body: unknown }) {
  const fetch: FetchLike = (url) => {
    const path = new URL(url).pathname;
    const answer =
      path === '/custom_fields.json'
        ? customFields
        : { status: 200, body: ANSWERS[path] ?? { errors: ['404'] } };
    const text = JSON.stringify(answer.body);
    return Promise.resolve({
      status: path in ANSWERS || path === '/custom_fields.json' ? answer.status : 404,
      headers: { get: () => null },
      text: () => Promise.resolve(text),
      arrayBuffer: () => Promise.resolve(new TextEncoder().encode(text).buffer),
    });
  };
  const client = new RedmineClient(
    'https://redmine.example.com',
    'key-3321',
    fetch,
    'Redmine (redmine.example.com)',
  );
  return new RedmineTracker({ client, project: 'supplier' });
}

it('types custom fields from the administrator’s list, with their values as options', async () => {
  const catalog = await trackerAnswering({ status: 200, body: ADMIN_LIST }).fieldCatalog();
  expect(catalog.notes).toEqual([]);
  const byId = new Map(catalog.fields.map((f) => [f.id, f]));
  expect(byId.get('status')).toMatchObject({
    type: 'status',
    paths: ['status.name', 'status'],
    options: ['New', 'Closed'],
  });
  expect(byId.get('priority')).toMatchObject({ type: 'priority', options: ['Low', 'Normal'] });
  expect(byId.get('tracker')).toMatchObject({ type: 'issuetype', options: ['Bug'] });
  expect(byId.get('cf_3')).toEqual({
    id: 'cf_3',
    name: 'Severity',
    type: 'select',
    paths: ['cf_3', 'customFields.Severity'],
    options: ['Major', 'Minor'],
  });
  expect(byId.get('cf_4')).toMatchObject({ name: 'Reviewers', type: 'users' });
  // A custom field of users (the people, not issues) is not an issue's field.
  expect(byId.has('cf_9')).toBe(false);
});

it('falls back to the project’s custom fields, untyped, when Redmine keeps the list to administrators', async () => {
  const catalog = await trackerAnswering({ status: 403, body: {} }).fieldCatalog();
  expect(catalog.fields.find((f) => f.id === 'cf_3')).toEqual({
    id: 'cf_3',
    name: 'Severity',
    type: 'unknown',
    paths: ['cf_3', 'customFields.Severity'],
  });
  expect(catalog.notes).toEqual([
    "Redmine (redmine.example.com) lists custom fields with their formats to administrators only (GET /custom_fields.json): these are the project's, untyped, so rules naming them are not checked",
  ]);
  expect(JSON.stringify(catalog)).not.toContain('key-3321');
});
