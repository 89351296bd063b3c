/**
 * A field patch → the JSON Patch operations of a work item update ("Work Items - Update": `add` sets a
 * field, `test` checks a value first). Bodies go out as HTML, people as their unique name through the
 * user map, labels as `System.Tags` with the origin tag kept.
 */
import { TrackerError } from '../../core/errors';
import type { FieldPatch, Json } from '../../core/model';
import { mapUser } from '../common/user-map';
import type { UserMapping } from '../jira/user-resolver';
import { toMarkdown, type MarkdownOptions } from '../markdown';
import { markdownToHtml } from './ado-html';
import { FIELDS } from './ado-mapping';

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'test';
  path: string;
  value?: Json;
}

const text = (v: Json, key: string): string | null => {
  if (v === null || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && !Array.isArray(v) && typeof v[key] === 'string') return v[key];
  return JSON.stringify(v);
};

const set = (field: string, value: Json): PatchOperation => ({ op: 'add', path: `/fields/${field}`, value });

/** Agile's priorities are 1 (most important) to 4; a rule's value map turns Jira's names into these. */
function priority(value: Json): number {
  const n = typeof value === 'number' ? value : Number(text(value, 'name'));
  if (!Number.isInteger(n) || n < 1 || n > 4)
    throw new TrackerError(
      'invalid_request',
      `Azure DevOps priority must be 1, 2, 3 or 4, got ${JSON.stringify(value)}; map it in the rule`,
    );
  return n;
}

export interface AdoWriteContext {
  users: UserMapping;
  label: string;
  markdown?: MarkdownOptions;
  /** The origin tag the work item carries, kept when labels are replaced. */
  originTag?: string;
}

export function toAdoOperations(patch: FieldPatch, ctx: AdoWriteContext): PatchOperation[] {
  const ops: PatchOperation[] = [];
  for (const [path, value] of Object.entries(patch)) {
    switch (path) {
      case 'title':
        ops.push(set(FIELDS.title, text(value, 'name') ?? ''));
        break;
      case 'description':
        ops.push(set(FIELDS.description, markdownToHtml(toMarkdown(value, ctx.markdown))));
        break;
      case 'state':
      case 'state.name': {
        const s = text(value, 'name');
        if (s === null) throw new TrackerError('invalid_request', `${ctx.label}: a work item needs a state`);
        ops.push(set(FIELDS.state, s));
        break;
      }
      case 'priority':
      case 'priority.name':
        ops.push(set(FIELDS.priority, priority(value)));
        break;
      case 'labels': {
        const labels = (Array.isArray(value) ? value : value === null ? [] : [value])
          .map((l) => text(l, 'name'))
          .filter((l): l is string => l !== null)
          // A tag holds no `;`: it separates tags in System.Tags.
          .map((l) => l.replace(/[;,]/g, ' ').trim())
          .filter((l) => l !== '');
        ops.push(set(FIELDS.labels, [...labels, ...(ctx.originTag ? [ctx.originTag] : [])].join('; ')));
        break;
      }
      case 'assignee':
      case 'assignee.id':
      case 'assignee.email': {
        const v =
          path === 'assignee.email' ? { email: value } : path === 'assignee.id' ? { id: value } : value;
        // Azure DevOps clears an identity field set to the empty string.
        ops.push(set(FIELDS.assignee, mapUser(v, ctx.users, ctx.label, (id) => id.includes('@')) ?? ''));
        break;
      }
      case 'areaPath':
        ops.push(set(FIELDS.areaPath, text(value, 'name') ?? ''));
        break;
      case 'iterationPath':
        ops.push(set(FIELDS.iterationPath, text(value, 'name') ?? ''));
        break;
      case 'workItemType':
        ops.push(set(FIELDS.workItemType, text(value, 'name') ?? ''));
        break;
      default:
        throw new TrackerError('invalid_request', `Azure DevOps field "${path}" cannot be written by Tandem`);
    }
  }
  return ops;
}
