import { ISSUE_TYPES, PRIORITIES } from '../catalog';
import { adfToText } from '../adf/adf-text';
import type { Site } from '../site';
import type { ChangeItem, Json } from '../state';
import type { IssueDraft } from './field-input';
import { TYPED_SYSTEM_FIELD_IDS, typedFieldText } from './typed-fields';

/**
 * Changelog items for the difference between two drafts, in Jira's conventions: ids in `from`/`to` for
 * referenced entities, display strings in `fromString`/`toString`, `null` where a side is empty.
 */
export function diffDrafts(site: Site, before: IssueDraft, after: IssueDraft): ChangeItem[] {
  const items: ChangeItem[] = [];
  const jira = (
    fieldId: string,
    field: string,
    from: string | null,
    fromString: string | null,
    to: string | null,
    toString: string | null,
  ): void => {
    items.push({ field, fieldtype: 'jira', fieldId, from, fromString, to, toString });
  };
  if (before.summary !== after.summary) jira('summary', 'summary', null, before.summary, null, after.summary);
  if (JSON.stringify(before.description) !== JSON.stringify(after.description)) {
    jira(
      'description',
      'description',
      null,
      textOrNull(before.description),
      null,
      textOrNull(after.description),
    );
  }
  if (before.issueTypeId !== after.issueTypeId) {
    jira(
      'issuetype',
      'issuetype',
      before.issueTypeId,
      typeName(before.issueTypeId),
      after.issueTypeId,
      typeName(after.issueTypeId),
    );
  }
  if (before.parentId !== after.parentId) {
    // Jira Cloud logs a parent change as `IssueParentAssociation`, ids in from/to and keys as strings.
    const keyOf = (id: string | null) => (id === null ? null : (site.issueById(id)?.key ?? null));
    items.push({
      field: 'IssueParentAssociation',
      fieldtype: 'jira',
      fieldId: 'parent',
      from: before.parentId,
      fromString: keyOf(before.parentId),
      to: after.parentId,
      toString: keyOf(after.parentId),
    });
  }
  if (before.priorityId !== after.priorityId) {
    jira(
      'priority',
      'priority',
      before.priorityId,
      priorityName(before.priorityId),
      after.priorityId,
      priorityName(after.priorityId),
    );
  }
  if (before.labels.join(' ') !== after.labels.join(' ')) {
    jira('labels', 'labels', null, before.labels.join(' ') || null, null, after.labels.join(' ') || null);
  }
  for (const field of ['assignee', 'reporter'] as const) {
    const from = field === 'assignee' ? before.assigneeId : before.reporterId;
    const to = field === 'assignee' ? after.assigneeId : after.reporterId;
    if (from !== to) jira(field, field, from, userName(site, from), to, userName(site, to));
  }
  for (const id of TYPED_SYSTEM_FIELD_IDS) {
    const from = before.customFields[id] ?? null;
    const to = after.customFields[id] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to))
      jira(id, id, null, typedFieldText(site, id, from), null, typedFieldText(site, id, to));
  }
  for (const def of site.state.customFields) {
    const from = before.customFields[def.id] ?? null;
    const to = after.customFields[def.id] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) {
      items.push({
        field: def.name,
        fieldtype: 'custom',
        fieldId: def.id,
        from: null,
        fromString: typedFieldText(site, def.id, from),
        to: null,
        toString: typedFieldText(site, def.id, to),
      });
    }
  }
  return items;
}

function textOrNull(doc: Json | null): string | null {
  return doc === null ? null : adfToText(doc);
}

function typeName(id: string): string | null {
  return ISSUE_TYPES.find((t) => t.id === id)?.name ?? null;
}

function priorityName(id: string): string | null {
  return PRIORITIES.find((p) => p.id === id)?.name ?? null;
}

function userName(site: Site, accountId: string | null): string | null {
  return accountId === null ? null : (site.user(accountId)?.displayName ?? null);
}
