/**
 * The Epic Link of a Jira Data Center site. Data Center (classic Jira Software) keeps a standard issue's epic
 * in a custom field of type `com.pyxis.greenhopper.jira:gh-epic-link`, not in `parent`, and its value is the
 * epic's key: `"customfield_10014": "ABC-1"` (Atlassian, "Deprecation of the Epic Link, Parent Link and other
 * related fields in REST APIs and webhooks", community.developer.atlassian.com/t/54048, which quotes the field
 * as it still is on Data Center). It is set by key on create and edit and cleared with null. `parent` on Data
 * Center is a sub-task's only: given at create, and not editable by REST afterwards (a sub-task changes parent
 * only through the Move wizard), so an edit naming it is refused as a field not on the screen.
 *
 * The emulator keeps an epic link in the issue's `parentId`, as it keeps Cloud's parent: the hierarchy's
 * levels (hierarchy.ts) check both alike; only how they are read and written differs. The refusal's wording
 * for a key that is not an epic is the emulator's, keyed by the Epic Link field as Jira keys field errors.
 */
import { issueTypeById } from '../catalog';
import type { Site } from '../site';
import type { Issue } from '../state';
import type { IssueDraft } from './field-input';

/** The field's id on every Data Center site of the emulator (a real site's id differs; clients find it). */
export const EPIC_LINK_FIELD_ID = 'customfield_10100';
export const EPIC_LINK_CUSTOM_TYPE = 'com.pyxis.greenhopper.jira:gh-epic-link';

export const hasEpicLink = (site: Site, field: string): boolean =>
  site.dataCenter && field === EPIC_LINK_FIELD_ID;

/** The entry GET /rest/api/2/field lists for it. */
export function epicLinkFieldEntry(): Record<string, unknown> {
  return {
    id: EPIC_LINK_FIELD_ID,
    name: 'Epic Link',
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: ['cf[10100]', 'Epic Link'],
    schema: { type: 'any', custom: EPIC_LINK_CUSTOM_TYPE, customId: 10100 },
  };
}

/** The epic's key, or null: a sub-task's `parentId` is its parent, not an epic. */
export function epicLinkValue(site: Site, issue: Issue): string | null {
  if (!issue.parentId || issueTypeById(issue.issueTypeId)?.subtask) return null;
  return site.issueById(issue.parentId)?.key ?? null;
}

/** Sets the draft's epic from the field's value: an epic's key, or null to remove it. */
export function setEpicLink(
  site: Site,
  draft: IssueDraft,
  value: unknown,
  errors: Record<string, string>,
): void {
  if (value === null) {
    draft.parentId = null;
    return;
  }
  if (typeof value !== 'string') {
    errors[EPIC_LINK_FIELD_ID] = 'Epic Link must be the key of an epic.';
    return;
  }
  const epic = site.findIssue(value);
  if (!epic || issueTypeById(epic.issueTypeId)?.name !== 'Epic') {
    errors[EPIC_LINK_FIELD_ID] = `Epic Link: the issue '${value}' does not exist or is not an Epic.`;
    return;
  }
  draft.parentId = epic.id;
}
