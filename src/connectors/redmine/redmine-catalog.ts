/**
 * A Redmine project's field catalog for the rule editor: Redmine's own issue fields (the issue object of
 * https://www.redmine.org/projects/redmine/wiki/Rest_Issues, as redmine-mapping.ts reads them and
 * redmine-write.ts writes them), with the instance's statuses, priorities and the project's trackers as their
 * options, and the project's custom fields (`cf_<id>`, or `customFields.<name>`). Custom fields' formats and
 * values come from GET /custom_fields.json, which Redmine answers to administrators only; without it the
 * project's own list names them, untyped, and the catalog says so.
 */
import type { CatalogField, FieldCatalog, FieldType } from '../../core/schema/field-catalog';
import type { RedmineCatalog, RedmineCustomField } from './redmine-lookups';

/** Custom field formats (Redmine's `field_format`) → catalog types. */
const FORMATS: Readonly<Record<string, { one: FieldType; many?: FieldType }>> = {
  string: { one: 'text' },
  text: { one: 'richtext' },
  link: { one: 'url' },
  int: { one: 'number' },
  float: { one: 'number' },
  date: { one: 'date' },
  bool: { one: 'boolean' },
  list: { one: 'select', many: 'multiselect' },
  enumeration: { one: 'select', many: 'multiselect' },
  user: { one: 'user', many: 'users' },
  version: { one: 'version', many: 'versions' },
};

function customField(f: RedmineCustomField): CatalogField {
  const format = f.format === undefined ? undefined : FORMATS[f.format];
  const type = format ? (f.multiple === true ? (format.many ?? format.one) : format.one) : 'unknown';
  return {
    id: `cf_${f.id}`,
    name: f.name,
    type,
    paths: [`cf_${f.id}`, `customFields.${f.name}`],
    ...(f.values && f.values.length > 0 ? { options: f.values } : {}),
  };
}

const names = (list: readonly { name: string }[]): string[] => list.map((x) => x.name);

export function redmineFieldCatalog(catalog: RedmineCatalog, label: string): FieldCatalog {
  const fields: CatalogField[] = [
    { id: 'subject', name: 'Subject', type: 'text', paths: ['subject'] },
    { id: 'description', name: 'Description', type: 'richtext', paths: ['description'] },
    {
      id: 'status',
      name: 'Status',
      type: 'status',
      paths: ['status.name', 'status'],
      options: names(catalog.statuses),
    },
    {
      id: 'priority',
      name: 'Priority',
      type: 'priority',
      paths: ['priority.name', 'priority'],
      options: names(catalog.priorities),
    },
    {
      id: 'tracker',
      name: 'Tracker',
      type: 'issuetype',
      paths: ['tracker.name', 'tracker'],
      options: names(catalog.trackers),
    },
    {
      id: 'assigned_to',
      name: 'Assignee',
      type: 'user',
      paths: ['assigned_to', 'assigned_to.id', 'assigned_to.email'],
    },
    { id: 'author', name: 'Author', type: 'user', paths: ['author'] },
    { id: 'category', name: 'Category', type: 'select', paths: ['category.name', 'category'] },
    {
      id: 'fixed_version',
      name: 'Target version',
      type: 'version',
      paths: ['fixed_version.name', 'fixed_version'],
    },
    { id: 'start_date', name: 'Start date', type: 'date', paths: ['start_date'] },
    { id: 'due_date', name: 'Due date', type: 'date', paths: ['due_date'] },
    { id: 'done_ratio', name: '% Done', type: 'number', paths: ['done_ratio'] },
    { id: 'estimated_hours', name: 'Estimated time', type: 'number', paths: ['estimated_hours'] },
    { id: 'is_private', name: 'Private', type: 'boolean', paths: ['is_private'] },
    ...catalog.customFields.map(customField),
  ];
  const notes = catalog.customFieldsFromAdminList
    ? []
    : [
        `${label} lists custom fields with their formats to administrators only (GET /custom_fields.json): these are the project's, untyped, so rules naming them are not checked`,
      ];
  return { fields, notes };
}
