/**
 * Parents and sub-tasks as Jira Cloud keeps them. Sources:
 * - createIssue (platform OpenAPI): a sub-task's `issueType` must be a subtask type and "`parent` must contain
 *   the ID or key of the parent issue";
 * - editIssue: "The parent field may be set by key or ID. For standard issue types, the parent may be removed
 *   by setting `update.parent.set.none` to *true*";
 * - Atlassian, "What are issue types?" (support.atlassian.com/jira-cloud-administration/docs/what-are-issue-types):
 *   an epic is the parent of stories, tasks and bugs, which are the parents of sub-tasks; a sub-task has no
 *   children. `IssueTypeDetails.hierarchyLevel`: 1, 0, -1.
 * The wording of the refusals: "Issue type is a sub-task but parent issue key or id not specified." under
 * `issuetype` is what Jira Cloud answers (quoted in client bug reports, e.g. gioboa/jira-plugin#35); the others
 * are the emulator's, in Jira's `{errorMessages, errors}` shape, keyed by the field at fault.
 */
import { z } from 'zod';
import { issueTypeById } from '../catalog';
import type { Site } from '../site';
import type { Issue } from '../state';
import type { IssueDraft } from './field-input';
import { EPIC_LINK_FIELD_ID } from './epic-link';

const ParentRef = z.looseObject({
  none: z.boolean().optional(),
  key: z.string().optional(),
  id: z.string().optional(),
});

/** `fields.parent: {key}` or `{id}`; `{none: true}` (as `update.parent.set`) removes it. */
export function setParent(
  site: Site,
  draft: IssueDraft,
  value: unknown,
  errors: Record<string, string>,
): void {
  const ref = ParentRef.safeParse(value);
  if (!ref.success) {
    errors.parent = 'data was not an object';
    return;
  }
  if (ref.data.none === true) {
    draft.parentId = null;
    return;
  }
  const idOrKey = ref.data.key ?? ref.data.id;
  const parent = idOrKey === undefined ? undefined : site.findIssue(idOrKey);
  if (!parent) errors.parent = `Could not find issue by id or key.`;
  else draft.parentId = parent.id;
}

/**
 * What Jira refuses about the draft's place in the hierarchy, keyed by field; empty when it fits. `before` is
 * the issue as stored, for an edit.
 */
export function hierarchyErrors(
  site: Site,
  projectId: string,
  draft: IssueDraft,
  before?: Issue,
): Record<string, string> {
  const type = issueTypeById(draft.issueTypeId);
  if (!type) return {};
  const was = before ? issueTypeById(before.issueTypeId) : undefined;
  if (was && was.subtask !== type.subtask)
    // Jira changes a sub-task into a standard issue (and back) only through the Move wizard, not by edit.
    return {
      issuetype: `The issue type cannot be changed from '${was.name}' to '${type.name}' by an edit: changing between a sub-task type and a standard type needs a move of the issue.`,
    };
  if (type.subtask && draft.parentId === null)
    return { issuetype: 'Issue type is a sub-task but parent issue key or id not specified.' };
  if (draft.parentId === null) return {};
  if (before && draft.parentId === before.id) return { parent: 'An issue cannot be its own parent.' };
  const parent = site.issueById(draft.parentId);
  const parentType = parent ? issueTypeById(parent.issueTypeId) : undefined;
  // On Data Center a standard issue's parent is its epic, set through the Epic Link (epic-link.ts).
  const field = site.dataCenter && !type.subtask ? EPIC_LINK_FIELD_ID : 'parent';
  if (!parent || !parentType) return { [field]: 'Could not find issue by id or key.' };
  if (parentType.hierarchyLevel !== type.hierarchyLevel + 1)
    return { [field]: `Given parent issue does not belong to appropriate hierarchy.` };
  if (parent.projectId !== projectId)
    return {
      [field]: `The parent issue ${parent.key} is in another project; a parent must be in the same project.`,
    };
  return {};
}

/** The issue's children, oldest first: `fields.subtasks` lists those of a sub-task type. */
export function childrenOf(site: Site, issue: Issue): Issue[] {
  return Object.values(site.state.issues)
    .filter((i) => i.parentId === issue.id)
    .sort((a, b) => Number(a.id) - Number(b.id));
}

export function isSubtask(issue: Issue): boolean {
  return issueTypeById(issue.issueTypeId)?.subtask ?? false;
}
