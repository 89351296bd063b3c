import { STATUS_CATEGORIES } from '../catalog';
import type { Site } from '../site';
import type { Issue } from '../state';
import { invalidDateMessage, parseJqlDate } from './dates';
import type { JqlClause, JqlCondition, JqlQuery, JqlSort } from './parser';
import { JqlUnsupportedError } from './parser';

/**
 * Turns a parsed query into a predicate and a comparator over one site's issues. Real-Jira validation errors
 * (unknown project, missing issue key, bad date) become `JqlInvalidError`; fields and operators outside the
 * subset become `JqlUnsupportedError`. Both are 400s.
 */

export class JqlInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JqlInvalidError';
  }
}

type Predicate = (issue: Issue) => boolean;
export interface CompiledJql {
  readonly matches: Predicate;
  readonly compare: (a: Issue, b: Issue) => number;
}

/**
 * `id`, `issue`, `issuekey` and `key` are one field in JQL, taking an issue id or key alike (Atlassian, "JQL
 * fields", Issue key: https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Issue-key).
 */
const FIELD_ALIASES: Readonly<Record<string, string>> = {
  project: 'project',
  key: 'key',
  issuekey: 'key',
  issue: 'key',
  id: 'key',
  created: 'created',
  createddate: 'created',
  updated: 'updated',
  updateddate: 'updated',
  statuscategory: 'statusCategory',
  status: 'status',
  labels: 'labels',
  parent: 'parent',
};

const OPERATORS: Readonly<Record<string, readonly string[]>> = {
  project: ['=', '!=', 'IN', 'NOT IN'],
  key: ['=', '!=', 'IN', 'NOT IN'],
  created: ['>=', '>', '<=', '<'],
  updated: ['>=', '>', '<=', '<'],
  statusCategory: ['=', '!=', 'IN', 'NOT IN'],
  status: ['=', '!=', 'IN', 'NOT IN'],
  labels: ['=', 'IN'],
  parent: ['=', '!=', 'IN', 'NOT IN'],
};

export const SUPPORTED_SUMMARY =
  'project, key, id, status, statusCategory (= != in, not in), created/updated (>= > <= <), labels (= in), parent (= != in, not in), AND, ORDER BY created|updated|key|id';

function canonicalField(field: string): string {
  const canonical = FIELD_ALIASES[field.toLowerCase()];
  if (canonical === undefined) throw new JqlUnsupportedError(`the field '${field}'`);
  return canonical;
}

function compileCondition(site: Site, c: JqlCondition): Predicate {
  const field = canonicalField(c.field);
  if (!(OPERATORS[field] ?? []).includes(c.operator)) {
    throw new JqlUnsupportedError(`the operator '${c.operator}' for field '${c.field}'`);
  }
  if (c.list !== (c.operator === 'IN' || c.operator === 'NOT IN')) {
    throw new JqlInvalidError(
      `The operator '${c.operator}' does not support the value given for field '${c.field}'.`,
    );
  }
  const negate = c.operator === '!=' || c.operator === 'NOT IN';
  const texts = c.values.map((v) => v.text);
  const member = (test: (issue: Issue) => boolean): Predicate => (negate ? (i) => !test(i) : test);
  switch (field) {
    case 'project': {
      const ids = new Set(texts.map((t) => projectId(site, t, c.field)));
      return member((i) => ids.has(i.projectId));
    }
    case 'key': {
      const ids = new Set(texts.map((t) => issueIdForKey(site, t, c.field)));
      return member((i) => ids.has(i.id));
    }
    case 'parent': {
      // Atlassian, "JQL fields", Parent: "Search for all child issues of a particular issue" by key or id.
      const ids = new Set(texts.map((t) => issueIdForKey(site, t, c.field)));
      return member((i) => i.parentId != null && ids.has(i.parentId));
    }
    case 'statusCategory': {
      const keys = new Set(texts.map((t) => categoryKey(t, c.field)));
      return member((i) => keys.has(site.status(i.statusId).categoryKey));
    }
    case 'status': {
      const ids = new Set(texts.map((t) => statusId(site, t, c.field)));
      return member((i) => ids.has(i.statusId));
    }
    case 'labels': {
      const labels = new Set(texts);
      return (i) => i.labels.some((l) => labels.has(l));
    }
    default:
      return compileDate(site, field === 'created' ? 'created' : 'updated', c);
  }
}

function compileDate(site: Site, field: 'created' | 'updated', c: JqlCondition): Predicate {
  const text = c.values[0]?.text ?? '';
  const at = parseJqlDate(text, site.now());
  if (at === undefined) throw new JqlInvalidError(invalidDateMessage(text, c.field));
  switch (c.operator) {
    case '>=':
      return (i) => i[field] >= at;
    case '>':
      return (i) => i[field] > at;
    case '<=':
      return (i) => i[field] <= at;
    default:
      return (i) => i[field] < at;
  }
}

function projectId(site: Site, value: string, field: string): string {
  const project =
    site.findProject(value) ??
    Object.values(site.state.projects).find((p) => p.name.toLowerCase() === value.toLowerCase());
  if (!project) throw new JqlInvalidError(`The value '${value}' does not exist for the field '${field}'.`);
  return project.id;
}

/** Jira rejects keys of unknown projects and keys of issues that do not exist, rather than matching nothing. */
function issueIdForKey(site: Site, value: string, field: string): string {
  if (/^\d+$/.test(value)) return value;
  const match = /^([A-Z][A-Z0-9_]*)-(\d+)$/i.exec(value);
  if (!match?.[1] || !site.findProject(match[1])) {
    throw new JqlInvalidError(`The issue key '${value}' for field '${field}' is invalid.`);
  }
  const issue = site.findIssue(value);
  if (!issue)
    throw new JqlInvalidError(
      `An issue with key '${value.toUpperCase()}' does not exist for field '${field}'.`,
    );
  return issue.id;
}

function categoryKey(value: string, field: string): string {
  const v = value.toLowerCase();
  const category = STATUS_CATEGORIES.find(
    (c) => c.key === v || c.name.toLowerCase() === v || String(c.id) === v,
  );
  if (!category) throw new JqlInvalidError(`The value '${value}' does not exist for the field '${field}'.`);
  return category.key;
}

function statusId(site: Site, value: string, field: string): string {
  const status = Object.values(site.state.statuses).find(
    (s) => s.id === value || s.name.toLowerCase() === value.toLowerCase(),
  );
  if (!status) throw new JqlInvalidError(`The value '${value}' does not exist for the field '${field}'.`);
  return status.id;
}

function compileClause(site: Site, clause: JqlClause): Predicate {
  if (clause.kind === 'not') {
    const inner = compileClause(site, clause.clause);
    return (issue) => !inner(issue);
  }
  if (clause.kind === 'condition') return compileCondition(site, clause);
  const parts = clause.clauses.map((c) => compileClause(site, c));
  return (issue) => parts.every((p) => p(issue));
}

function keyOrder(a: Issue, b: Issue): number {
  const [pa = '', na = '0'] = a.key.split('-');
  const [pb = '', nb = '0'] = b.key.split('-');
  return pa.localeCompare(pb) || Number(na) - Number(nb);
}

function compileSort(sort: JqlSort): (a: Issue, b: Issue) => number {
  const field = sort.field.toLowerCase();
  const sign = sort.direction === 'DESC' ? -1 : 1;
  if (field === 'created' || field === 'updated') return (a, b) => sign * (a[field] - b[field]);
  if (field === 'key' || field === 'issuekey') return (a, b) => sign * keyOrder(a, b);
  if (field === 'id') return (a, b) => sign * (Number(a.id) - Number(b.id));
  throw new JqlUnsupportedError(`ORDER BY '${sort.field}'`);
}

const DEFAULT_SORT: JqlSort = { field: 'created', direction: 'DESC' };

/**
 * Without ORDER BY the emulator sorts newest first; the id tie-break keeps pages stable when timestamps collide.
 */
export function compileJql(site: Site, query: JqlQuery): CompiledJql {
  if (query.where === null) {
    throw new JqlInvalidError(
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    );
  }
  const matches = compileClause(site, query.where);
  const sorts = (query.orderBy.length > 0 ? query.orderBy : [DEFAULT_SORT]).map(compileSort);
  const lastDirection = query.orderBy.at(-1)?.direction ?? 'DESC';
  const tieBreak = (a: Issue, b: Issue): number =>
    (lastDirection === 'DESC' ? -1 : 1) * (Number(a.id) - Number(b.id));
  return {
    matches,
    compare: (a, b) => {
      for (const sort of sorts) {
        const d = sort(a, b);
        if (d !== 0) return d;
      }
      return tieBreak(a, b);
    },
  };
}
