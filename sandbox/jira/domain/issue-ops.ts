import { z } from 'zod';
import { DEFAULT_PRIORITY_ID } from '../catalog';
import { emitIssueCreated, emitIssueDeleted } from '../events';
import { JiraHttpError, badRequest, fieldErrors } from '../http/reply';
import type { Site } from '../site';
import { removeEntry, type ChangeItem, type Issue } from '../state';
import type { Actor } from './actor';
import { diffDrafts } from './diff-draft';
import { applyUpdateOps, draftOf, notSettable, setField, type IssueDraft } from './field-input';
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
  applyUpdateOps(site, draft, body.update ?? {}, errors);
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
    summary: '',
    description: null,
    priorityId: DEFAULT_PRIORITY_ID,
    labels: [],
    assigneeId: null,
    reporterId: actor.accountId,
    issueTypeId: '',
    customFields: {},
  };
  Object.assign(errors, applyInput(site, draft, body, new Set(['project'])));
  if (!project || Object.keys(errors).length > 0) throw fieldErrors(errors);

  const now = site.now();
  const issue: Issue = {
    id: site.nextId('issue'),
    key: `${project.key}-${project.nextIssueNumber}`,
    projectId: project.id,
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
  const draft = draftOf(issue);
  const errors = applyInput(site, draft, body, new Set());
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
  if (!transition || !transition.from.includes(issue.statusId)) {
    throw new JiraHttpError(400, [`Transition id '${id}' is not valid for this issue.`]);
  }
  const draft = draftOf(issue);
  const errors = applyInput(site, draft, body, new Set());
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  const items = diffDrafts(site, draftOf(issue), draft);
  Object.assign(issue, draft);
  items.push(...moveStatus(site, issue, transition.to));
  setProperties(issue, body.properties);
  recordChange(site, issue, actor, items);
}

function moveStatus(site: Site, issue: Issue, toStatusId: string): ChangeItem[] {
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
  // Jira's default workflow sets the resolution on entering Done and clears it on leaving.
  if (to.categoryKey === 'done' && issue.resolutionDate === null) {
    issue.resolutionDate = now;
    items.push({
      field: 'resolution',
      fieldtype: 'jira',
      fieldId: 'resolution',
      from: null,
      fromString: null,
      to: '10000',
      toString: 'Done',
    });
  } else if (to.categoryKey !== 'done' && issue.resolutionDate !== null) {
    issue.resolutionDate = null;
    items.push({
      field: 'resolution',
      fieldtype: 'jira',
      fieldId: 'resolution',
      from: '10000',
      fromString: 'Done',
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
  for (const l of site.linksOf(issue.id)) removeEntry(s.issueLinks, l.id);
  for (const r of site.remoteLinksOf(issue.id)) removeEntry(s.remoteLinks, String(r.id));
  removeEntry(s.issues, issue.id);
  emitIssueDeleted(site, actor, issue);
}
