import { z } from 'zod';
import { adfProblem } from '../adf/validate-adf';
import { touchIssue } from '../domain/record-change';
import { storeComment } from '../domain/store-comment';
import { emitCommentDeleted, emitCommented } from '../events';
import { parseJsonBody } from '../http/body';
import type { RequestContext } from '../http/context';
import { empty, fieldErrors, json, notFound } from '../http/reply';
import { canBrowse } from '../domain/permissions';
import type { Route } from '../http/router';
import { renderComment } from '../render/issue-parts';
import { removeEntry, type Comment, type Issue, type Json } from '../state';

/** Issue comments: ADF bodies checked against Atlassian's schema, paging by startAt/maxResults. */

const CommentBody = z.looseObject({
  body: z.json().optional(),
  visibility: z
    .looseObject({ type: z.enum(['group', 'role']), value: z.string() })
    .nullable()
    .optional(),
  properties: z.array(z.looseObject({ key: z.string(), value: z.json() })).optional(),
});

function validBody(ctx: RequestContext, body: Json | undefined): Json {
  if (body === undefined || body === null) throw fieldErrors({ comment: 'Comment body can not be empty!' });
  // Data Center bodies are wiki-markup strings.
  if (ctx.site.dataCenter) {
    if (typeof body !== 'string' || body.trim() === '')
      throw fieldErrors({ comment: 'Comment body can not be empty!' });
    return body;
  }
  const problem = adfProblem(body);
  if (problem !== undefined)
    throw fieldErrors({ comment: `Comment body is not a valid Atlassian Document: ${problem}` });
  return body;
}

function requireComment(ctx: RequestContext, issue: Issue): Comment {
  const comment = ctx.site.state.comments[ctx.param('id')];
  if (!comment || comment.issueId !== issue.id)
    throw notFound(`Can not find a comment for the id: ${ctx.param('id')}.`);
  return comment;
}

function listComments(ctx: RequestContext): Record<string, unknown> {
  const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
  const startAt = ctx.query.int('startAt', 0);
  const maxResults = ctx.query.int('maxResults', 100);
  const all = ctx.site.commentsOf(issue.id);
  if (ctx.query.string('orderBy') === '-created') all.reverse();
  const expand = ctx.query.list('expand') ?? [];
  const renderedBody = expand.includes('renderedBody');
  // Cloud's getComments documents only `renderedBody` ("This parameter accepts `renderedBody`", platform
  // OpenAPI); Cloud serves comment properties through POST /rest/api/3/comment/list. Data Center's
  // getComments takes `properties` too (Jira Server REST API 2, GET issue/{issueIdOrKey}/comment, expand).
  const properties = ctx.site.dataCenter && expand.includes('properties');
  return {
    startAt,
    maxResults,
    total: all.length,
    comments: all
      .slice(startAt, startAt + maxResults)
      .map((c) => renderComment(ctx.site, c, { renderedBody, properties })),
  };
}

const CommentIds = z.strictObject({ ids: z.array(z.number().int()).min(1).max(1000) });

/**
 * POST /rest/api/3/comment/list, "Get comments by IDs": at most 1000 ids; `expand` takes `renderedBody`
 * and `properties`; "Only comments ... the user has permission to view are returned" (platform OpenAPI).
 */
function commentsByIds(ctx: RequestContext): Record<string, unknown> {
  const { ids } = parseJsonBody(ctx.body, CommentIds);
  const expand = ctx.query.list('expand') ?? [];
  const values = ids.flatMap((id) => {
    const comment = ctx.site.state.comments[String(id)];
    const issue = comment && ctx.site.issueById(comment.issueId);
    if (!comment || !issue || !canBrowse(ctx.site, ctx.actor, issue)) return [];
    return [
      renderComment(ctx.site, comment, {
        renderedBody: expand.includes('renderedBody'),
        properties: expand.includes('properties'),
      }),
    ];
  });
  return { isLast: true, maxResults: 1000, startAt: 0, total: values.length, values };
}

function addComment(ctx: RequestContext): Record<string, unknown> {
  const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
  const input = parseJsonBody(ctx.body, CommentBody);
  const comment = storeComment(ctx.site, issue, ctx.actor.accountId, validBody(ctx, input.body), {
    visibility: input.visibility ?? null,
    properties: Object.fromEntries((input.properties ?? []).map((p) => [p.key, p.value])),
  });
  touchIssue(ctx.site, issue);
  emitCommented(ctx.site, ctx.actor, issue, comment);
  return renderComment(ctx.site, comment);
}

function updateComment(ctx: RequestContext): Record<string, unknown> {
  const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
  const comment = requireComment(ctx, issue);
  const input = parseJsonBody(ctx.body, CommentBody);
  comment.body = validBody(ctx, input.body);
  if (input.visibility !== undefined) comment.visibility = input.visibility;
  comment.updated = ctx.site.now();
  comment.updateAuthorId = ctx.actor.accountId;
  touchIssue(ctx.site, issue);
  emitCommented(ctx.site, ctx.actor, issue, comment);
  return renderComment(ctx.site, comment);
}

export const commentRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/rest/api/3/comment/list',
    handler: (ctx) => json(commentsByIds(ctx)),
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/comment',
    handler: (ctx) => json(listComments(ctx)),
  },
  {
    method: 'POST',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/comment',
    handler: (ctx) => json(addComment(ctx), 201),
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}',
    handler: (ctx) => {
      const comment = requireComment(ctx, ctx.site.requireIssue(ctx.param('issueIdOrKey')));
      return json(
        renderComment(ctx.site, comment, {
          renderedBody: (ctx.query.list('expand') ?? []).includes('renderedBody'),
        }),
      );
    },
  },
  {
    method: 'PUT',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}',
    handler: (ctx) => json(updateComment(ctx)),
  },
  {
    method: 'DELETE',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}',
    handler: (ctx) => {
      const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
      const comment = requireComment(ctx, issue);
      removeEntry(ctx.site.state.comments, comment.id);
      touchIssue(ctx.site, issue);
      emitCommentDeleted(ctx.site, ctx.actor, issue, comment);
      return empty();
    },
  },
];
