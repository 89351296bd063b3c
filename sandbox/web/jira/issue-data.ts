/** What the pages read from a site: projects, a project's issues, one issue with its comments and transitions. */
import { z } from 'zod';
import type { Account } from '../accounts';
import type { JiraClient } from './jira-client';
import {
  CommentPageSchema,
  FieldListSchema,
  IssueSchema,
  ProjectListSchema,
  SearchPageSchema,
  TransitionsSchema,
  type JiraComment,
  type JiraIssue,
  type JiraProject,
  type JiraTransition,
} from './jira-schemas';

const LIST_FIELDS = 'summary,status,issuetype,assignee,priority,labels,updated';
/** Enough for a demo site; the list says when there are more. */
const MAX_LISTED = 500;

export function listProjects(jira: JiraClient, site: string, as: Account): Promise<JiraProject[]> {
  return jira.json(site, as, '/rest/api/3/project', ProjectListSchema);
}

export interface IssueList {
  issues: JiraIssue[];
  truncated: boolean;
}

/** The project's issues in key order, following `nextPageToken` (enhanced search pages). */
export async function listIssues(
  jira: JiraClient,
  site: string,
  as: Account,
  projectKey: string,
): Promise<IssueList> {
  const issues: JiraIssue[] = [];
  let token: string | undefined;
  do {
    const page = await jira.json(site, as, '/rest/api/3/search/jql', SearchPageSchema, {
      query: {
        // Keys are quoted: a project key is user input here and JQL has reserved words.
        jql: `project = "${projectKey.replace(/["\\]/g, '')}" ORDER BY key ASC`,
        fields: LIST_FIELDS,
        maxResults: '100',
        ...(token !== undefined ? { nextPageToken: token } : {}),
      },
    });
    issues.push(...page.issues);
    token = page.nextPageToken;
  } while (token !== undefined && issues.length < MAX_LISTED);
  return { issues, truncated: token !== undefined };
}

export interface IssueDetails {
  issue: JiraIssue;
  comments: JiraComment[];
  transitions: JiraTransition[];
  /** Custom fields that have a value on this issue: name and display value. */
  customFields: { name: string; value: string }[];
}

function displayValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  // Option fields carry `{ value }`, user and version fields `{ displayName }` or `{ name }`.
  for (const key of ['value', 'displayName', 'name']) {
    const named = z.looseObject({ [key]: z.string() }).safeParse(value);
    const text = named.success ? named.data[key] : undefined;
    if (typeof text === 'string') return text;
  }
  return JSON.stringify(value);
}

export async function loadIssue(
  jira: JiraClient,
  site: string,
  as: Account,
  key: string,
): Promise<IssueDetails> {
  const path = `/rest/api/3/issue/${encodeURIComponent(key)}`;
  const [issue, comments, transitions, fields] = await Promise.all([
    jira.json(site, as, path, IssueSchema),
    jira.json(site, as, `${path}/comment`, CommentPageSchema, { query: { maxResults: '100' } }),
    jira.json(site, as, `${path}/transitions`, TransitionsSchema),
    jira.json(site, as, '/rest/api/3/field', FieldListSchema),
  ]);
  const customFields = fields
    .filter((f) => f.custom === true)
    .flatMap((f) => {
      // The fields schema is loose: custom field values come through unparsed, under their ids.
      const value = displayValue(issue.fields[f.id]);
      return value === undefined ? [] : [{ name: f.name, value }];
    });
  return { issue, comments: comments.comments, transitions: transitions.transitions, customFields };
}
