/**
 * Every JQL string Tandem sends is built here, and nowhere else. A value from outside (an issue id or key a
 * person typed, a project key from the connection) enters a query only after it has been checked against its
 * own form, and a string enters only quoted. The admin's filter is the one fragment that is JQL by design: it
 * is checked to keep its parentheses to itself (see jql-fragment.ts) and always sits inside `( )` after the
 * project, so nothing it holds can widen the project it narrows.
 *
 * Quoting follows Jira's rules for advanced search ("Restricted words and characters",
 * https://support.atlassian.com/jira-software-cloud/docs/what-is-advanced-searching-in-jira-cloud/): a
 * value with a reserved character or word must be quoted, and inside quotes `"` and `\` are escaped with a
 * backslash. Jira's JQL grammar also reads `\n`, `\r`, `\t`, `\'` and `\uXXXX` there; other control characters
 * go as `\uXXXX` so a query is always one line.
 */
import { TrackerError } from '../../core/errors';
import { jqlFragmentProblem } from '../../core/schema/jql-fragment';

export const ISSUE_ID = /^\d+$/;
export const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$/;
export const PROJECT_KEY = /^[A-Z][A-Z0-9_]*$/;

/** An issue as a person or the state names it, in exactly one of Jira's two forms. */
export type IssueRef = { kind: 'id'; id: string } | { kind: 'key'; key: string; project: string };

/** undefined unless `text` is an issue id (`10042`) or key (`PARTNER-12`) as it stands: no trimming, no case folding. */
export function parseIssueRef(text: string): IssueRef | undefined {
  if (ISSUE_ID.test(text)) return { kind: 'id', id: text };
  if (!ISSUE_KEY.test(text)) return undefined;
  return { kind: 'key', key: text, project: text.slice(0, text.lastIndexOf('-')) };
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

const isControl = (ch: string): boolean => {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
};

/** A JQL string literal holding exactly `value`. */
export function quote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const escaped = ESCAPES[ch];
    if (escaped !== undefined) out += escaped;
    else if (isControl(ch)) out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function invalid(message: string): TrackerError {
  return new TrackerError('invalid_request', message);
}

/** Ids go unquoted: Jira reads a quoted operand of `id`/`issuekey` as a key. They are digits only. */
function issueId(id: string): string {
  if (!ISSUE_ID.test(id)) throw invalid(`"${id.slice(0, 40)}" is not a Jira issue id`);
  return id;
}

function projectKey(key: string): string {
  if (!PROJECT_KEY.test(key)) throw invalid(`"${key.slice(0, 40)}" is not a Jira project key`);
  return quote(key);
}

/** Which issues take part: the connection's project, narrowed by its filter when it has one. */
export interface JqlScope {
  project: string;
  filter?: string | undefined;
}

function scopeClause(scope: JqlScope): string {
  const project = `project = ${projectKey(scope.project)}`;
  const filter = scope.filter?.trim();
  if (!filter) return project;
  const problem = jqlFragmentProblem(filter);
  if (problem !== undefined) throw invalid(`the connection's filter cannot be used: ${problem}`);
  return `${project} AND (${filter})`;
}

function minutes(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw invalid(`${String(n)} is not a whole number of minutes`);
  return quote(`-${String(n)}m`);
}

export const jql = {
  /** The scope's issues, oldest change first; all of them when `sinceMinutes` is undefined. */
  updatedSince(scope: JqlScope, sinceMinutes: number | undefined, exceptIds: readonly string[] = []): string {
    const window = sinceMinutes === undefined ? '' : ` AND updated >= ${minutes(sinceMinutes)}`;
    const except = exceptIds.length === 0 ? '' : ` AND id not in (${exceptIds.map(issueId).join(', ')})`;
    return `${scopeClause(scope)}${window}${except} ORDER BY updated ASC, key ASC`;
  },

  /** The scope's issues created in the last `sinceMinutes`, newest first: where a lost create would be. */
  createdSince(scope: JqlScope, sinceMinutes: number): string {
    return `${scopeClause(scope)} AND created >= ${minutes(sinceMinutes)} ORDER BY created DESC`;
  },

  /**
   * Issues by the ids the state holds. Not scoped: a linked issue moved to another project is still the
   * pair's, and the engine must see it to report it. Ids only, so nothing typed by a person comes here.
   */
  byIds(ids: readonly string[]): string {
    if (ids.length === 0) throw invalid('no issue ids to look up');
    return `id in (${ids.map(issueId).join(', ')})`;
  },

  /** Issues by id, only those in scope: what a cycle scoped to an event may act on, as a listing would. */
  idsInScope(scope: JqlScope, ids: readonly string[]): string {
    return `${scopeClause(scope)} AND ${jql.byIds(ids)}`;
  },

  /** One issue, by id, only if it is in scope: what a lookup a person asked for may see. */
  idInScope(scope: JqlScope, id: string): string {
    return `${scopeClause(scope)} AND id = ${issueId(id)}`;
  },
};
