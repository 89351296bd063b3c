/**
 * Jira's issues as rows of the export's tables (export-schema.ts). Pure: the caller has read the issues,
 * with all their comments and history, and the custom fields' metadata.
 */
import { z } from 'zod';
import { adfPlainText, type AdfMedia } from './adf-plain-text';
import type { CustomFieldColumn, TableName } from './export-schema';
import type { CompleteIssue, ExportIssue } from './jira-export-shapes';

export type CellValue = string | number | boolean | Date | readonly string[] | null;
export type Row = Record<string, CellValue>;

export type TableRows = Record<TableName, Row[]>;

/** Jira's times (`2025-01-31T10:00:00.000+0000`) as instants; null when absent or unreadable. */
export function jiraInstant(value: string | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const iso = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** A `yyyy-mm-dd` date as midnight UTC, the day Jira shows. */
function jiraDate(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const ms = Date.parse(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** The month of an issue's creation in UTC, `2025-01`: its partition in every table. */
export function monthOf(issue: ExportIssue): string {
  const created = jiraInstant(issue.fields.created);
  if (created === null) throw new Error(`issue ${issue.key} has no readable created time`);
  return created.toISOString().slice(0, 7);
}

const nameOf = (v: { name?: string | undefined; value?: string | undefined } | null | undefined) =>
  v?.name ?? v?.value ?? null;

/** Options, users, versions and the like: the first of these a person would recognise the value by. */
const NamedValueSchema = z.looseObject({
  value: z.string().optional(),
  displayName: z.string().optional(),
  name: z.string().optional(),
  key: z.string().optional(),
  id: z.string().optional(),
});

/** The text a person sees for a scalar-ish value: a string, a number, or a named object's name. */
function displayed(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const named = NamedValueSchema.safeParse(value);
  if (named.success) {
    const { value: v, displayName, name, key, id } = named.data;
    const first = v ?? displayName ?? name ?? key ?? id;
    if (first !== undefined) return first;
  }
  return JSON.stringify(value);
}

/** An own string property; `toString` in a changelog item must not find Object.prototype's method. */
function ownString(o: object, name: string): string | null {
  if (!Object.hasOwn(o, name)) return null;
  const value: unknown = (o as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

function customValue(column: CustomFieldColumn, raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  switch (column.read) {
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    case 'datetime':
      return typeof raw === 'string' ? jiraInstant(raw) : null;
    case 'date':
      return jiraDate(raw);
    case 'text':
      return displayed(raw);
    case 'list':
      return Array.isArray(raw) ? raw.map(displayed).filter((v): v is string => v !== null) : null;
    case 'json':
      return typeof raw === 'string' ? raw : JSON.stringify(raw);
  }
}

function issueRow(issue: ExportIssue, custom: readonly CustomFieldColumn[]): Row {
  const f = issue.fields;
  const row: Row = {
    issue_id: issue.id,
    issue_key: issue.key,
    project_key: f.project?.key ?? issue.key.replace(/-\d+$/, ''),
    issue_type: nameOf(f.issuetype),
    status: f.status?.name ?? null,
    status_category: f.status?.statusCategory?.name ?? null,
    priority: nameOf(f.priority),
    resolution: nameOf(f.resolution),
    summary: f.summary ?? null,
    description: adfPlainText(f.description).text,
    labels: f.labels ?? [],
    components: (f.components ?? []).map(nameOf).filter((v): v is string => v !== null),
    fix_versions: (f.fixVersions ?? []).map(nameOf).filter((v): v is string => v !== null),
    assignee: f.assignee?.displayName ?? null,
    assignee_account_id: f.assignee?.accountId ?? null,
    reporter: f.reporter?.displayName ?? null,
    reporter_account_id: f.reporter?.accountId ?? null,
    created: jiraInstant(f.created),
    updated: jiraInstant(f.updated),
    resolved: jiraInstant(f.resolutiondate),
    due: jiraDate(f.duedate),
  };
  const fields = f as Record<string, unknown>;
  for (const column of custom) row[column.name] = customValue(column, fields[column.fieldId]);
  return row;
}

/** The issue's links as `fields.issuelinks` lists them; an entry naming neither end is not a link. */
function linkRows(issue: ExportIssue): Row[] {
  return (issue.fields.issuelinks ?? []).flatMap((link) => {
    const outward = link.outwardIssue !== undefined;
    const other = link.outwardIssue ?? link.inwardIssue;
    if (!other) return [];
    return [
      {
        link_id: link.id,
        issue_id: issue.id,
        issue_key: issue.key,
        link_type: link.type?.name ?? null,
        direction: outward ? 'outward' : 'inward',
        relation: (outward ? link.type?.outward : link.type?.inward) ?? null,
        other_issue_id: other.id,
        other_issue_key: other.key,
      },
    ];
  });
}

const EMPTY_FILE_COLUMNS = {
  attachment_id: null,
  media_id: null,
  media_type: null,
  filename: null,
  mime_type: null,
  size_bytes: null,
  author: null,
  author_account_id: null,
  created: null,
  url: null,
} satisfies Row;

type Author = { displayName?: string | undefined; accountId?: string | undefined } | null | undefined;

/**
 * The columns a comment, a change, a worklog and an attachment row start with: the issue it is on and who
 * wrote it. Every table but issues and links is one row per such thing.
 */
const writtenOn = (issue: ExportIssue, author: Author) => ({
  issue_id: issue.id,
  issue_key: issue.key,
  author: author?.displayName ?? null,
  author_account_id: author?.accountId ?? null,
});

/** The issue's attachments, then the media placed in its description, comments and worklogs. */
function attachmentRows({ issue, comments, worklogs }: CompleteIssue): Row[] {
  const at = { issue_id: issue.id, issue_key: issue.key };
  const rows: Row[] = (issue.fields.attachment ?? []).map((a) => ({
    ...EMPTY_FILE_COLUMNS,
    ...writtenOn(issue, a.author),
    source: 'attachment',
    source_id: null,
    attachment_id: a.id,
    filename: a.filename ?? null,
    mime_type: a.mimeType ?? null,
    size_bytes: a.size ?? null,
    created: jiraInstant(a.created),
    url: a.content ?? null,
  }));
  const inline = (source: string, sourceId: string | null, media: readonly AdfMedia[]): Row[] =>
    media.map((m) => ({
      ...at,
      ...EMPTY_FILE_COLUMNS,
      source,
      source_id: sourceId,
      media_id: m.id,
      media_type: m.type,
      filename: m.alt,
      url: m.url,
    }));
  rows.push(...inline('description', null, adfPlainText(issue.fields.description).media));
  for (const c of comments) rows.push(...inline('comment', c.id, adfPlainText(c.body).media));
  for (const w of worklogs) rows.push(...inline('worklog', w.id, adfPlainText(w.comment).media));
  return rows;
}

/** Every table's rows for these issues, in issue order (the caller sorts the issues). */
export function rowsOf(issues: readonly CompleteIssue[], custom: readonly CustomFieldColumn[]): TableRows {
  const out: TableRows = {
    issues: [],
    comments: [],
    changelog: [],
    worklogs: [],
    issue_links: [],
    remote_links: [],
    attachments: [],
  };
  for (const complete of issues) {
    const { issue, comments, histories, worklogs } = complete;
    out.issues.push(issueRow(issue, custom));
    for (const c of comments) {
      out.comments.push({
        comment_id: c.id,
        ...writtenOn(issue, c.author),
        body: adfPlainText(c.body).text,
        created: jiraInstant(c.created),
        updated: jiraInstant(c.updated),
      });
    }
    for (const h of histories) {
      for (const item of h.items) {
        out.changelog.push({
          history_id: h.id,
          ...writtenOn(issue, h.author),
          created: jiraInstant(h.created),
          field: item.field,
          field_id: item.fieldId ?? null,
          field_type: item.fieldtype ?? null,
          from_value: item.from ?? null,
          from_string: item.fromString ?? null,
          to_value: item.to ?? null,
          to_string: ownString(item, 'toString'),
        });
      }
    }
    out.issue_links.push(...linkRows(issue));
    out.attachments.push(...attachmentRows(complete));
    for (const r of complete.remoteLinks) {
      out.remote_links.push({
        remote_link_id: r.id,
        issue_id: issue.id,
        issue_key: issue.key,
        global_id: r.globalId ?? null,
        application_type: r.application?.type ?? null,
        application_name: r.application?.name ?? null,
        relationship: r.relationship ?? null,
        url: r.object.url,
        title: r.object.title ?? null,
        summary: r.object.summary ?? null,
        resolved: r.object.status?.resolved ?? null,
      });
    }
    for (const w of worklogs) {
      out.worklogs.push({
        worklog_id: w.id,
        ...writtenOn(issue, w.author),
        started: jiraInstant(w.started),
        time_spent_seconds: w.timeSpentSeconds,
        comment: adfPlainText(w.comment).text,
        created: jiraInstant(w.created),
        updated: jiraInstant(w.updated),
      });
    }
  }
  return out;
}
