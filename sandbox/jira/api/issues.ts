import { childrenOf, isSubtask } from '../domain/hierarchy';
import { IssueUpdateBody, createIssue, deleteIssue, editIssue, transitionIssue } from '../domain/issue-ops';
import { parseJsonBody } from '../http/body';
import type { RequestContext } from '../http/context';
import { JiraHttpError, empty, json } from '../http/reply';
import type { Route } from '../http/router';
import { selectFields } from '../render/field-selection';
import { renderIssue, type IssueView } from '../render/issue';
import { availableTransitions, renderTransition } from '../render/transitions';

/** Issue create, read, edit, delete and workflow transitions. */

export function issueView(ctx: RequestContext, fallback: '*all' | 'id'): IssueView {
  return {
    fields: selectFields(ctx.site, ctx.query.list('fields'), fallback),
    expand: new Set(ctx.query.list('expand') ?? []),
    properties: ctx.query.list('properties') ?? [],
  };
}

export const issueRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/rest/api/3/issue',
    handler: (ctx) => {
      const issue = createIssue(ctx.site, ctx.actor, parseJsonBody(ctx.body, IssueUpdateBody));
      return json({ id: issue.id, key: issue.key, self: `${ctx.site.api}/issue/${issue.id}` }, 201);
    },
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/issue/{issueIdOrKey}',
    handler: (ctx) =>
      json(renderIssue(ctx.site, ctx.site.requireIssue(ctx.param('issueIdOrKey')), issueView(ctx, '*all'))),
  },
  {
    method: 'PUT',
    pattern: '/rest/api/3/issue/{issueIdOrKey}',
    handler: (ctx) => {
      const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
      editIssue(ctx.site, ctx.actor, issue, parseJsonBody(ctx.body, IssueUpdateBody));
      // `returnIssue` is Cloud's: Data Center always answers an edit with 204.
      return ctx.query.bool('returnIssue', false) && !ctx.site.dataCenter
        ? json(renderIssue(ctx.site, issue, issueView(ctx, '*all')))
        : empty();
    },
  },
  {
    method: 'DELETE',
    pattern: '/rest/api/3/issue/{issueIdOrKey}',
    handler: (ctx) => {
      const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
      // deleteIssue (platform OpenAPI): 400 "if the issue has subtasks and `deleteSubtasks` is not set to true".
      const subtasks = childrenOf(ctx.site, issue).filter(isSubtask);
      if (subtasks.length > 0 && !ctx.query.bool('deleteSubtasks', false))
        throw new JiraHttpError(400, [
          `The issue '${issue.key}' has subtasks.  You must specify the 'deleteSubtasks' parameter to delete this issue and all its subtasks.`,
        ]);
      for (const s of subtasks) deleteIssue(ctx.site, ctx.actor, s);
      deleteIssue(ctx.site, ctx.actor, issue);
      return empty();
    },
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/transitions',
    handler: (ctx) => {
      const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
      const only = ctx.query.string('transitionId');
      const transitions = availableTransitions(ctx.site, issue).filter(
        (t) => only === undefined || t.id === only,
      );
      const expand = (ctx.query.string('expand') ?? '').split(',').map((e) => e.trim());
      const withFields = expand.includes('transitions.fields');
      return json({
        expand: 'transitions',
        transitions: transitions.map((t) => renderTransition(ctx.site, t, withFields)),
      });
    },
  },
  {
    method: 'POST',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/transitions',
    handler: (ctx) => {
      const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
      transitionIssue(ctx.site, ctx.actor, issue, parseJsonBody(ctx.body, IssueUpdateBody));
      return empty();
    },
  },
];
