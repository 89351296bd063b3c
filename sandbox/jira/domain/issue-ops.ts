import { z } from 'zod';
import { DEFAULT_PRIORITY_ID, RESOLUTIONS, issueTypeById, resolutionById } from '../catalog';
import { leavesFrom } from '../render/transitions';
import { emitIssueCreated, emitIssueDeleted } from '../events';
import { JiraHttpError, badRequest, fieldErrors } from '../http/reply';
import type { Site } from '../site';
import { removeEntry, type ChangeItem, type Issue, type Transition } from '../state';
import type { Actor } from './actor';
import { diffDrafts } from './diff-draft';
import { applyUpdateOps, draftOf, notSettable, setField, type IssueDraft } from './field-input';
import { hierarchyErrors } from './hierarchy';
import { recordChange } from './record-change';

/** The body of create, edit and transition (`IssueUpdateDetails`). */
export const IssueUpdateBody = z.looseObject({
  fields: z.record(z.string(), z.unknown()).optional(),
  update: z.record(z.string(), z.array(z.unknown())).optional(),
  properties: z.array(z.looseObject({ key: z.string(), value: z.json() })).optional(),
  transition: z.looseObject({ id: z.string() }).optional(),
});
export type IssueUpdateBody = z.infer<typeof IssueUpdateBody>;

const ProjectRef = z.looseObject({ id: z.string().optional(), key: z.string().optional() });

function applyInput(
  site: Site,
  draft: IssueDraft,
  body: IssueUpdateBody,
  skip: ReadonlySet<string>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, value] of Object.entries(body.fields ?? {})) {
    if (skip.has(field)) continue;
    setField(site, draft, field, value, errors);
  }
  const update = Object.entries(body.update ?? {}).filter(([field]) => !skip.has(field));
  applyUpdateOps(site, draft, Object.fromEntries(update), errors);
  return errors;
}

function setProperties(issue: Issue, properties: IssueUpdateBody['properties']): void {
  for (const { key, value } of properties ?? []) issue.properties[key] = value;
}

export function createIssue(site: Site, actor: Actor, body: IssueUpdateBody): Issue {
  const fields = body.fields ?? {};
  const errors: Record<string, string> = {};
  const projectRef = ProjectRef.safeParse(fields.project);
  const projectIdOrKey = projectRef.success ? (projectRef.data.id ?? projectRef.data.key) : undefined;
  const project = projectIdOrKey === undefined ? undefined : site.findProject(projectIdOrKey);
  if (!project) errors.project = 'Specify a valid project ID or key';
  if (fields.issuetype === undefined) errors.issuetype = 'Specify an issue type';
  if (fields.summary === undefined) errors.summary = 'You must specify a summary of the issue.';
  const draft: IssueDraft = {
    projectId: project?.id ?? '',
    summary: '',
    description: null,
    priorityId: DEFAULT_PRIORITY_ID,
    labels: [],
    assigneeId: null,
    reporterId: actor.accountId,
    issueTypeId: '',
    parentId: null,
    customFields: {},
  };
  Object.assign(errors, applyInput(site, draft, body, new Set(['project'])));
  // Data Center: `parent` is a sub-task's alone; a standard issue's epic is its Epic Link (epic-link.ts).
  if (site.dataCenter && fields.parent !== undefined && !issueTypeById(draft.issueTypeId)?.subtask)
    errors.parent = 'Only a sub-task has a parent on Jira Data Center: set an epic through the Epic Link.';
  if (project && Object.keys(errors).length === 0)
    Object.assign(errors, hierarchyErrors(site, project.id, draft));
  if (!project || Object.keys(errors).length > 0) throw fieldErrors(errors);

  const now = site.now();
  const issue: Issue = {
    id: site.nextId('issue'),
    key: `${project.key}-${project.nextIssueNumber}`,
    ...draft,
    statusId: project.workflow.initialStatusId,
    creatorId: actor.accountId,
    created: now,
    updated: now,
    statusCategoryChanged: now,
    resolutionDate: null,
    properties: {},
    history: [],
  };
  project.nextIssueNumber += 1;
  setProperties(issue, body.properties);
  site.state.issues[issue.id] = issue;
  emitIssueCreated(site, actor, issue);
  if (body.transition) transitionIssue(site, actor, issue, { transition: body.transition });
  return issue;
}

export function editIssue(site: Site, actor: Actor, issue: Issue, body: IssueUpdateBody): void {
  if (body.fields && 'project' in body.fields) throw fieldErrors({ project: notSettable('project') });
  // Data Center edits no parent: a sub-task moves only through the Move wizard (epic-link.ts).
  if (site.dataCenter && (body.fields?.parent !== undefined || body.update?.parent !== undefined))
    throw fieldErrors({ parent: notSettable('parent') });
  const draft = draftOf(issue);
  const errors = applyInput(site, draft, body, new Set());
  if (Object.keys(errors).length === 0)
    Object.assign(errors, hierarchyErrors(site, issue.projectId, draft, issue));
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  const items = diffDrafts(site, draftOf(issue), draft);
  Object.assign(issue, draft);
  setProperties(issue, body.properties);
  recordChange(site, issue, actor, items);
}

/** Moves the issue along its project's workflow, applying any screen fields in the same change. */
export function transitionIssue(site: Site, actor: Actor, issue: Issue, body: IssueUpdateBody): void {
  const id = body.transition?.id;
  if (id === undefined) throw badRequest("Missing 'transition' identifier");
  const transition = site.projectOf(issue).workflow.transitions.find((t) => t.id === id);
  if (!transition || !leavesFrom(transition, issue.statusId)) {
    throw new JiraHttpError(400, [`Transition id '${id}' is not valid for this issue.`]);
  }
  const draft = draftOf(issue);
  // The fields of the transition's screen are set by it; any other field is "not on the appropriate
  // screen" and refused by applyInput, as Jira refuses it.
  const screen = transition.screen ?? [];
  const errors = applyInput(site, draft, body, new Set(screen.map((f) => f.fieldId)));
  const resolutionId = screenResolution(screen, body, errors);
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  const items = diffDrafts(site, draftOf(issue), draft);
  Object.assign(issue, draft);
  items.push(...moveStatus(site, issue, transition.to, resolutionId));
  setProperties(issue, body.properties);
  recordChange(site, issue, actor, items);
}

/**
 * The resolution a transition's screen sets: by id or name, as `{id}` or `{name}` (Jira's field input for
 * a resolution). A required one left out is refused with the field's error and nothing changes.
 */
function screenResolution(
  screen: NonNullable<Transition['screen']>,
  body: IssueUpdateBody,
  errors: Record<string, string>,
): string | undefined {
  // The only screen field emulated is the resolution.
  const [field] = screen;
  if (!field) return undefined;
  const op = SetOperation.safeParse(body.update?.resolution?.[0]);
  const value = body.fields?.resolution ?? (op.success ? op.data.set : undefined);
  const ref = ResolutionRef.safeParse(value);
  if (value === undefined || value === null) {
    if (field.required) errors.resolution = 'Resolution is required.';
    return undefined;
  }
  const found = ref.success
    ? RESOLUTIONS.find((r) => r.id === ref.data.id || r.name === ref.data.name)
    : undefined;
  if (!found) errors.resolution = `Could not find valid 'id' or 'name' in resolution object.`;
  return found?.id;
}

const SetOperation = z.looseObject({ set: z.unknown() });
const ResolutionRef = z.looseObject({ id: z.string().optional(), name: z.string().optional() });

function moveStatus(site: Site, issue: Issue, toStatusId: string, resolutionId?: string): ChangeItem[] {
  const from = site.status(issue.statusId);
  const to = site.status(toStatusId);
  if (from.id === to.id) return [];
  const now = site.now();
  const items: ChangeItem[] = [
    {
      field: 'status',
      fieldtype: 'jira',
      fieldId: 'status',
      from: from.id,
      fromString: from.name,
      to: to.id,
      toString: to.name,
    },
  ];
  issue.statusId = to.id;
  if (from.categoryKey !== to.categoryKey) issue.statusCategoryChanged = now;
  // Jira's default workflow sets the resolution on entering Done and clears it on leaving; a transition
  // screen with a resolution sets the one chosen there.
  if (to.categoryKey === 'done' && issue.resolutionDate === null) {
    const resolution = resolutionById(resolutionId ?? '10000');
    issue.resolutionDate = now;
    issue.resolutionId = resolution.id;
    items.push({
      field: 'resolution',
      fieldtype: 'jira',
      fieldId: 'resolution',
      from: null,
      fromString: null,
      to: resolution.id,
      toString: resolution.name,
    });
  } else if (to.categoryKey !== 'done' && issue.resolutionDate !== null) {
    const resolution = resolutionById(issue.resolutionId ?? '10000');
    issue.resolutionDate = null;
    issue.resolutionId = null;
    items.push({
      field: 'resolution',
      fieldtype: 'jira',
      fieldId: 'resolution',
      from: resolution.id,
      fromString: resolution.name,
      to: null,
      toString: null,
    });
  }
  return items;
}

/** Deletes the issue and everything hanging off it; as in Jira, the parts go without events of their own. */
export function deleteIssue(site: Site, actor: Actor, issue: Issue): void {
  const s = site.state;
  for (const c of site.commentsOf(issue.id)) removeEntry(s.comments, c.id);
  for (const a of site.attachmentsOf(issue.id)) removeEntry(s.attachments, a.id);
  for (const w of site.worklogsOf(issue.id)) removeEntry(s.worklogs, w.id);
  for (const l of site.linksOf(issue.id)) removeEntry(s.issueLinks, l.id);
  for (const r of site.remoteLinksOf(issue.id)) removeEntry(s.remoteLinks, String(r.id));
  // An epic's children stay, without a parent (sub-tasks are deleted first by the route, as Jira asks).
  for (const child of Object.values(s.issues)) if (child.parentId === issue.id) child.parentId = null;
  removeEntry(s.issues, issue.id);
  emitIssueDeleted(site, actor, issue);
}
