/**
 * Refuses, before a route's handler runs, what the caller may not do. Each operation's "Permissions
 * required" and its refusal status are those of Atlassian's platform OpenAPI
 * (../shared/contracts/jira/platform-openapi-v3.json, the operation named beside each entry), so the
 * answer also passes the emulator's contract check:
 * - every operation on an issue needs Browse projects; an issue the caller cannot browse is answered 404,
 *   exactly like a missing one ("the issue is not found or the user does not have permission to view it");
 * - writes need their own project permission, refused with the status the operation documents.
 */
import { z } from 'zod';
import { canBrowse, holds, type PermissionKey } from '../domain/permissions';
import type { Issue } from '../state';
import type { RequestContext } from './context';
import { JiraHttpError, notFound } from './reply';

interface Need {
  readonly permission: PermissionKey;
  /** Held instead of `permission` when the caller wrote the comment or worklog (Edit/Delete own …). */
  readonly own?: PermissionKey;
  readonly status: 400 | 403;
  readonly message: string;
}

const ISSUE = '/rest/api/3/issue/{issueIdOrKey}';
const NEEDS: Readonly<Record<string, Need>> = {
  // editIssue: 400 "the user does not have the necessary permission to edit one or more fields".
  [`PUT ${ISSUE}`]: {
    permission: 'EDIT_ISSUES',
    status: 400,
    message: 'You do not have permission to edit issues in this project.',
  },
  // deleteIssue: 403 "the user does not have permission to delete the issue".
  [`DELETE ${ISSUE}`]: {
    permission: 'DELETE_ISSUES',
    status: 403,
    message: 'You do not have permission to delete issues in this project.',
  },
  // doTransition: 400 "the user does not have permission to transition the issue".
  [`POST ${ISSUE}/transitions`]: {
    permission: 'TRANSITION_ISSUES',
    status: 400,
    message: 'You do not have permission to transition this issue.',
  },
  // addComment: Browse projects and Add comments; its only documented refusal is 400.
  [`POST ${ISSUE}/comment`]: {
    permission: 'ADD_COMMENTS',
    status: 400,
    message: 'You do not have the permission to comment on this issue.',
  },
  // updateComment: Edit all comments, or Edit own comments for the caller's; 400 when refused.
  [`PUT ${ISSUE}/comment/{id}`]: {
    permission: 'EDIT_ALL_COMMENTS',
    own: 'EDIT_OWN_COMMENTS',
    status: 400,
    message: 'You do not have the permission to edit this comment.',
  },
  // deleteComment: 400 "the user does not have permission to delete the comment".
  [`DELETE ${ISSUE}/comment/{id}`]: {
    permission: 'DELETE_ALL_COMMENTS',
    own: 'DELETE_OWN_COMMENTS',
    status: 400,
    message: 'You do not have the permission to delete this comment.',
  },
  // addWorklog: Browse projects and Work on issues; 400 "the user does not have permission to add the worklog".
  [`POST ${ISSUE}/worklog`]: {
    permission: 'WORK_ON_ISSUES',
    status: 400,
    message: 'You do not have the permission to associate a worklog to this issue.',
  },
  // updateWorklog: Edit all worklogs, or Edit own worklogs for the caller's; 400 when refused.
  [`PUT ${ISSUE}/worklog/{id}`]: {
    permission: 'EDIT_ALL_WORKLOGS',
    own: 'EDIT_OWN_WORKLOGS',
    status: 400,
    message: 'You do not have permission to edit this worklog.',
  },
  // deleteWorklog: Delete all worklogs, or Delete own worklogs for the caller's; 400 when refused.
  [`DELETE ${ISSUE}/worklog/{id}`]: {
    permission: 'DELETE_ALL_WORKLOGS',
    own: 'DELETE_OWN_WORKLOGS',
    status: 400,
    message: 'You do not have permission to delete this worklog.',
  },
  // addAttachment: Create attachments; 403.
  [`POST ${ISSUE}/attachments`]: {
    permission: 'CREATE_ATTACHMENTS',
    status: 403,
    message: 'You do not have permission to create attachments for this issue.',
  },
  // createOrUpdateRemoteIssueLink, updateRemoteIssueLink, delete…: Link issues; 403.
  ...Object.fromEntries(
    [
      `POST ${ISSUE}/remotelink`,
      `DELETE ${ISSUE}/remotelink`,
      `PUT ${ISSUE}/remotelink/{linkId}`,
      `DELETE ${ISSUE}/remotelink/{linkId}`,
    ].map((k) => [
      k,
      { permission: 'LINK_ISSUES', status: 403, message: 'You do not have permission to link issues.' },
    ]),
  ),
  // setIssueProperty: 403 "the user does not have permission to edit the issue".
  [`PUT ${ISSUE}/properties/{propertyKey}`]: {
    permission: 'EDIT_ISSUES',
    status: 403,
    message: 'You do not have permission to edit this issue.',
  },
};

/** createIssue's body names the project by key or id. */
const CreateTarget = z.looseObject({
  fields: z.looseObject({
    project: z.looseObject({ key: z.string().optional(), id: z.string().optional() }).optional(),
  }),
});

function bodyProject(ctx: RequestContext): string | undefined {
  if (!ctx.body) return undefined;
  try {
    const parsed = CreateTarget.safeParse(JSON.parse(ctx.body.toString('utf8')));
    return parsed.success ? (parsed.data.fields.project?.id ?? parsed.data.fields.project?.key) : undefined;
  } catch {
    return undefined; // the handler answers the malformed body
  }
}

function hiddenIssue(): JiraHttpError {
  return notFound('Issue does not exist or you do not have permission to see it.');
}

function checkCreate(ctx: RequestContext): void {
  const ref = bodyProject(ctx);
  const project = ref === undefined ? undefined : ctx.site.findProject(ref);
  // createIssue: Browse projects and Create issues in the target project; 403 "the necessary permission".
  if (project && !holds(ctx.site, ctx.actor, 'CREATE_ISSUES', project))
    throw new JiraHttpError(403, [`You do not have permission to create issues in project ${project.key}.`]);
}

function checkNeed(ctx: RequestContext, need: Need, issue: Issue, pattern: string): void {
  const project = ctx.site.projectOf(issue);
  if (holds(ctx.site, ctx.actor, need.permission, project)) return;
  if (need.own) {
    const own = pattern.endsWith('/comment/{id}')
      ? ctx.site.state.comments[ctx.param('id')]
      : ctx.site.state.worklogs[ctx.param('id')];
    if (own?.authorId === ctx.actor.accountId && holds(ctx.site, ctx.actor, need.own, project)) return;
  }
  throw new JiraHttpError(need.status, [need.message]);
}

/** Attachments are addressed by their own id; their issue decides who may see them. */
function attachmentIssue(ctx: RequestContext, pattern: string): Issue | undefined {
  if (!pattern.startsWith('/rest/api/3/attachment/')) return undefined;
  const attachment = ctx.site.state.attachments[ctx.param('id')];
  return attachment ? ctx.site.issueById(attachment.issueId) : undefined;
}

/** Throws the refusal Jira documents, or returns when the caller may go on. */
export function checkRoutePermission(ctx: RequestContext, method: string, routePattern: string): void {
  if (ctx.actor.byApp) return;
  // Data Center serves the same operations under /rest/api/2 with the same permissions.
  const pattern = routePattern.replace(/^\/rest\/api\/2\//, '/rest/api/3/');
  if (method === 'POST' && pattern === '/rest/api/3/issue') return checkCreate(ctx);
  const issue = pattern.includes('{issueIdOrKey}')
    ? ctx.site.findIssue(ctx.param('issueIdOrKey'))
    : attachmentIssue(ctx, pattern);
  if (!issue) return; // missing: the handler's own 404
  if (!canBrowse(ctx.site, ctx.actor, issue)) throw hiddenIssue();
  const need = NEEDS[`${method} ${pattern}`];
  if (need) checkNeed(ctx, need, issue, pattern);
}
