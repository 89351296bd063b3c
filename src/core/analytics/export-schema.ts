/**
 * The analytics export's tables, one explicit schema each, versioned. A column is never renamed or retyped
 * within a version; a new column gets `since` of the version that adds it, so a month written before it and
 * one written after still read as one table with DuckDB's `union_by_name` (the older file reads NULL there).
 * Custom fields are columns too, named by the field's name and typed from its metadata (GET /rest/api/3/field).
 */

/**
 * Bump on any change below; written into every file's key-value metadata (`tandem.schema`).
 * v1: issues, comments, changelog. v2: worklogs, issue_links, remote_links, attachments.
 */
export const EXPORT_SCHEMA_VERSION = 2;

export type ColumnType = 'string' | 'int64' | 'double' | 'boolean' | 'timestamp' | 'date' | 'string_list';

export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  /** Never null in any row. */
  readonly required?: true;
  /** The schema version that added the column. */
  readonly since: number;
}

export const TABLE_NAMES = [
  'issues',
  'comments',
  'changelog',
  'worklogs',
  'issue_links',
  'remote_links',
  'attachments',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

const col = (name: string, type: ColumnType, required = false, since = 1): ColumnDef =>
  required ? { name, type, required: true, since } : { name, type, since };
/** A column of a table added in v2. */
const col2 = (name: string, type: ColumnType, required = false): ColumnDef => col(name, type, required, 2);

export const ISSUE_COLUMNS: readonly ColumnDef[] = [
  col('issue_id', 'string', true),
  col('issue_key', 'string', true),
  col('project_key', 'string', true),
  col('issue_type', 'string'),
  col('status', 'string'),
  col('status_category', 'string'),
  col('priority', 'string'),
  col('resolution', 'string'),
  col('summary', 'string'),
  col('description', 'string'),
  col('labels', 'string_list'),
  col('components', 'string_list'),
  col('fix_versions', 'string_list'),
  col('assignee', 'string'),
  col('assignee_account_id', 'string'),
  col('reporter', 'string'),
  col('reporter_account_id', 'string'),
  col('created', 'timestamp', true),
  col('updated', 'timestamp'),
  col('resolved', 'timestamp'),
  col('due', 'date'),
];

/** Comments and changelog sit in the month of their issue's creation: re-exporting an issue rewrites one month. */
export const COMMENT_COLUMNS: readonly ColumnDef[] = [
  col('comment_id', 'string', true),
  col('issue_id', 'string', true),
  col('issue_key', 'string', true),
  col('author', 'string'),
  col('author_account_id', 'string'),
  col('body', 'string'),
  col('created', 'timestamp', true),
  col('updated', 'timestamp'),
];

/** One row per changed field of a history entry, as Jira's changelog items are. */
export const CHANGELOG_COLUMNS: readonly ColumnDef[] = [
  col('history_id', 'string', true),
  col('issue_id', 'string', true),
  col('issue_key', 'string', true),
  col('author', 'string'),
  col('author_account_id', 'string'),
  col('created', 'timestamp', true),
  col('field', 'string', true),
  col('field_id', 'string'),
  col('field_type', 'string'),
  col('from_value', 'string'),
  col('from_string', 'string'),
  col('to_value', 'string'),
  col('to_string', 'string'),
];

/**
 * One row per worklog (GET /rest/api/3/issue/{issueIdOrKey}/worklog, `Worklog`): time in seconds as Jira keeps
 * it, `started` the instant the work began (what time reports group by), the comment as plain text.
 */
export const WORKLOG_COLUMNS: readonly ColumnDef[] = [
  col2('worklog_id', 'string', true),
  col2('issue_id', 'string', true),
  col2('issue_key', 'string', true),
  col2('author', 'string'),
  col2('author_account_id', 'string'),
  col2('started', 'timestamp', true),
  col2('time_spent_seconds', 'int64', true),
  col2('comment', 'string'),
  col2('created', 'timestamp'),
  col2('updated', 'timestamp'),
];

/**
 * One row per link per end in the export: a link between two exported issues has a row in each issue's
 * month, with the same `link_id`, `direction` saying which end the row is (`outward`: this issue is the
 * link's source, as `fields.issuelinks` shows it with `outwardIssue`) and `relation` the phrase Jira shows on
 * this issue ("blocks", "is blocked by").
 */
export const ISSUE_LINK_COLUMNS: readonly ColumnDef[] = [
  col2('link_id', 'string', true),
  col2('issue_id', 'string', true),
  col2('issue_key', 'string', true),
  col2('link_type', 'string'),
  col2('direction', 'string', true),
  col2('relation', 'string'),
  col2('other_issue_id', 'string', true),
  col2('other_issue_key', 'string', true),
];

/**
 * One row per remote link (RemoteIssueLink): the URL and title a person sees on the issue, the application
 * that made it (`application_type`, e.g. `com.atlassian.confluence`), and `resolved` where the link has a status.
 */
export const REMOTE_LINK_COLUMNS: readonly ColumnDef[] = [
  col2('remote_link_id', 'string', true),
  col2('issue_id', 'string', true),
  col2('issue_key', 'string', true),
  col2('global_id', 'string'),
  col2('application_type', 'string'),
  col2('application_name', 'string'),
  col2('relationship', 'string'),
  col2('url', 'string', true),
  col2('title', 'string'),
  col2('summary', 'string'),
  col2('resolved', 'boolean'),
];

/**
 * Files of an issue, metadata only: the issue's attachments (`source` = `attachment`, from `fields.attachment`)
 * and the images and files placed inline in its ADF bodies (`source` = `description`, `comment` or `worklog`,
 * with `source_id` the comment's or worklog's id). An inline file is named by its Media Services id
 * (`media_id`), which Jira's REST API does not map to an attachment id, so the two kinds are rows of their
 * own; `filename` is the node's `alt` text where it has one.
 */
export const ATTACHMENT_COLUMNS: readonly ColumnDef[] = [
  col2('issue_id', 'string', true),
  col2('issue_key', 'string', true),
  col2('source', 'string', true),
  col2('source_id', 'string'),
  col2('attachment_id', 'string'),
  col2('media_id', 'string'),
  col2('media_type', 'string'),
  col2('filename', 'string'),
  col2('mime_type', 'string'),
  col2('size_bytes', 'int64'),
  col2('author', 'string'),
  col2('author_account_id', 'string'),
  col2('created', 'timestamp'),
  col2('url', 'string'),
];

/** A custom field as the field list describes it (GET /rest/api/3/field): id, name and `schema`. */
export interface CustomFieldMeta {
  readonly id: string;
  readonly name: string;
  readonly schemaType: string | undefined;
  readonly items: string | undefined;
}

export interface CustomFieldColumn extends ColumnDef {
  readonly fieldId: string;
  /** How a value of this field becomes the column's value (see export-rows.ts). */
  readonly read: 'number' | 'text' | 'datetime' | 'date' | 'list' | 'json';
}

/**
 * The field's JSON type (`schema.type`, `schema.items`) decides the column type: numbers are DOUBLE (Jira
 * keeps number fields as doubles), dates and datetimes are typed, arrays of scalars or named objects are
 * string lists, options and users are their displayed names. Anything else is kept as its JSON text,
 * so no value is dropped because its shape is new.
 */
function typeOf(meta: CustomFieldMeta): Pick<CustomFieldColumn, 'type' | 'read'> {
  switch (meta.schemaType) {
    case 'number':
      return { type: 'double', read: 'number' };
    case 'datetime':
      return { type: 'timestamp', read: 'datetime' };
    case 'date':
      return { type: 'date', read: 'date' };
    case 'string':
    case 'option':
    case 'user':
    case 'version':
    case 'priority':
    case 'status':
    case 'project':
    case 'issuetype':
    case 'securitylevel':
    case 'team':
      return { type: 'string', read: 'text' };
    case 'array':
      return meta.items === 'json' || meta.items === undefined
        ? { type: 'string', read: 'json' }
        : { type: 'string_list', read: 'list' };
    default:
      return { type: 'string', read: 'json' };
  }
}

/**
 * Columns for the site's custom fields, named by field name. A name taken by a fixed column or by another
 * custom field gets its id appended (`Team [customfield_10001]`), for every field that shares it, so no
 * column's meaning depends on which field Jira listed first.
 */
export function customFieldColumns(fields: readonly CustomFieldMeta[]): CustomFieldColumn[] {
  const taken = new Set(ISSUE_COLUMNS.map((c) => c.name.toLowerCase()));
  const counts = new Map<string, number>();
  for (const f of fields) counts.set(f.name.toLowerCase(), (counts.get(f.name.toLowerCase()) ?? 0) + 1);
  return [...fields]
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))
    .map((f) => {
      const lower = f.name.toLowerCase();
      const clash = taken.has(lower) || (counts.get(lower) ?? 0) > 1 || f.name.trim() === '';
      return {
        name: clash ? `${f.name} [${f.id}]` : f.name,
        fieldId: f.id,
        since: EXPORT_SCHEMA_VERSION,
        ...typeOf(f),
      };
    });
}

export function columnsOf(table: TableName, custom: readonly CustomFieldColumn[]): readonly ColumnDef[] {
  switch (table) {
    case 'issues':
      return [...ISSUE_COLUMNS, ...custom];
    case 'comments':
      return COMMENT_COLUMNS;
    case 'changelog':
      return CHANGELOG_COLUMNS;
    case 'worklogs':
      return WORKLOG_COLUMNS;
    case 'issue_links':
      return ISSUE_LINK_COLUMNS;
    case 'remote_links':
      return REMOTE_LINK_COLUMNS;
    case 'attachments':
      return ATTACHMENT_COLUMNS;
  }
}
