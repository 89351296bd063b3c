/**
 * Work items, comments and attached files → the canonical model. Field names are short and Tandem's own
 * (`title`, `description`, `state`, `priority`, `labels`, `assignee`, `areaPath`, `iterationPath`,
 * `workItemType`), each reading one Azure DevOps field (FIELDS), so a rule names them without reference
 * names. HTML bodies are read as Markdown; people are `{id: uniqueName, displayName}`.
 */
import type { CanonicalAttachment, CanonicalComment, CanonicalIssue, Json, UserRef } from '../../core/model';
import { splitOrigin } from '../markdown';
import { htmlToMarkdown } from './ado-html';
import { isOriginTag, originOf, splitTags } from './ado-origin';
import { AdoIdentitySchema, type AdoComment, type AdoRelation, type AdoWorkItem } from './ado-schemas';

/** Tandem's name → the Azure DevOps field it reads and writes (Agile process reference names). */
export const FIELDS = {
  title: 'System.Title',
  description: 'System.Description',
  state: 'System.State',
  priority: 'Microsoft.VSTS.Common.Priority',
  labels: 'System.Tags',
  assignee: 'System.AssignedTo',
  areaPath: 'System.AreaPath',
  iterationPath: 'System.IterationPath',
  workItemType: 'System.WorkItemType',
} as const;

function personRef(v: unknown): UserRef | undefined {
  const p = AdoIdentitySchema.safeParse(v);
  if (!p.success) return undefined;
  const id = p.data.uniqueName ?? p.data.id;
  return id === undefined ? undefined : { id, displayName: p.data.displayName ?? id };
}
const person = (v: unknown): Json => {
  const p = personRef(v);
  return p ? { id: p.id, displayName: p.displayName ?? p.id } : null;
};

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const iso = (v: unknown): string => new Date(typeof v === 'string' ? v : 0).toISOString();

export function toCanonical(item: AdoWorkItem, webBase: string): CanonicalIssue {
  const f = item.fields;
  const tags = splitTags(f[FIELDS.labels]);
  const origin = originOf(tags);
  const out: CanonicalIssue = {
    id: String(item.id),
    key: String(item.id),
    url: `${webBase}/_workitems/edit/${item.id}`,
    fields: {
      title: text(f[FIELDS.title]),
      description: htmlToMarkdown(text(f[FIELDS.description])),
      state: text(f[FIELDS.state]),
      priority: numberOrNull(f[FIELDS.priority]),
      labels: tags.filter((t) => !isOriginTag(t)),
      assignee: person(f[FIELDS.assignee]),
      areaPath: text(f[FIELDS.areaPath]),
      iterationPath: text(f[FIELDS.iterationPath]),
      workItemType: text(f[FIELDS.workItemType]),
      author: person(f['System.CreatedBy']),
    },
    created: iso(f['System.CreatedDate']),
    updated: iso(f['System.ChangedDate']),
  };
  if (origin !== undefined) out.origin = origin;
  return out;
}

export function toComment(c: AdoComment): CanonicalComment {
  const { body, origin } = splitOrigin(c.text ?? '');
  const author = personRef(c.createdBy);
  return {
    id: String(c.id),
    body: htmlToMarkdown(body),
    created: iso(c.createdDate),
    updated: iso(c.modifiedDate ?? c.createdDate),
    ...(author ? { author } : {}),
    ...(origin === undefined ? {} : { origin }),
  };
}

/** An attachment is an `AttachedFile` relation whose URL ends in the attachment's id. */
export const isAttachedFile = (r: AdoRelation): boolean => r.rel === 'AttachedFile';

export const attachmentIdOf = (r: AdoRelation): string => r.url.split('?')[0]?.split('/').pop() ?? '';

export function toAttachment(r: AdoRelation): CanonicalAttachment {
  const a = r.attributes ?? {};
  const name = typeof a.name === 'string' ? a.name : attachmentIdOf(r);
  return {
    id: attachmentIdOf(r),
    filename: name,
    size: typeof a.resourceSize === 'number' ? a.resourceSize : 0,
    mimeType: 'application/octet-stream',
    created: iso(a.resourceCreatedDate ?? a.authorizedDate),
  };
}
