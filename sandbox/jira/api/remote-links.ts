import { z } from 'zod';
import { parseJsonBody } from '../http/body';
import type { RequestContext } from '../http/context';
import { empty, json, notFound } from '../http/reply';
import type { Route } from '../http/router';
import type { Site } from '../site';
import { removeEntry, type RemoteLink } from '../state';

/**
 * Remote links: links from an issue to anything with a URL. POST upserts by `globalId` (200 on update, 201 on
 * create), which is what makes them idempotent for a sync engine.
 */

const RemoteLinkRequest = z.looseObject({
  globalId: z.string().optional(),
  application: z.record(z.string(), z.json()).optional(),
  relationship: z.string().optional(),
  object: z
    .record(z.string(), z.json())
    .refine((o) => typeof o.url === 'string' && typeof o.title === 'string', {
      message: 'object.url and object.title are required',
    }),
});

function render(site: Site, link: RemoteLink): Record<string, unknown> {
  return {
    id: link.id,
    self: `${site.api}/issue/${link.issueId}/remotelink/${link.id}`,
    ...(link.globalId === null ? {} : { globalId: link.globalId }),
    ...(link.application === null ? {} : { application: link.application }),
    ...(link.relationship === null ? {} : { relationship: link.relationship }),
    object: link.object,
  };
}

function requireLink(ctx: RequestContext): RemoteLink {
  const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
  const link = ctx.site.state.remoteLinks[ctx.param('linkId')];
  if (!link || link.issueId !== issue.id)
    throw notFound(`No remote link with id '${ctx.param('linkId')}' exists on this issue.`);
  return link;
}

function upsert(ctx: RequestContext): { status: number; link: RemoteLink } {
  const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
  const input = parseJsonBody(ctx.body, RemoteLinkRequest);
  const fields = {
    globalId: input.globalId ?? null,
    application: input.application ?? null,
    relationship: input.relationship ?? null,
    object: input.object,
  };
  const existing =
    input.globalId === undefined
      ? undefined
      : ctx.site.remoteLinksOf(issue.id).find((l) => l.globalId === input.globalId);
  if (existing) {
    Object.assign(existing, fields);
    return { status: 200, link: existing };
  }
  const link: RemoteLink = { id: Number(ctx.site.nextId('remoteLink')), issueId: issue.id, ...fields };
  ctx.site.state.remoteLinks[String(link.id)] = link;
  return { status: 201, link };
}

export const remoteLinkRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/remotelink',
    handler: (ctx) => {
      const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
      const globalId = ctx.query.string('globalId');
      const links = ctx.site.remoteLinksOf(issue.id);
      if (globalId === undefined) return json(links.map((l) => render(ctx.site, l)));
      // With a globalId Jira returns that one link as an object, not an array.
      const link = links.find((l) => l.globalId === globalId);
      if (!link) throw notFound(`No remote link with global id '${globalId}' exists on this issue.`);
      return json(render(ctx.site, link));
    },
  },
  {
    method: 'POST',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/remotelink',
    handler: (ctx) => {
      const { status, link } = upsert(ctx);
      return json(
        { id: link.id, self: `${ctx.site.api}/issue/${link.issueId}/remotelink/${link.id}` },
        status,
      );
    },
  },
  {
    method: 'DELETE',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/remotelink',
    handler: (ctx) => {
      const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
      const globalId = ctx.query.string('globalId') ?? '';
      const link = ctx.site.remoteLinksOf(issue.id).find((l) => l.globalId === globalId);
      if (!link) throw notFound(`No remote link with global id '${globalId}' exists on this issue.`);
      removeEntry(ctx.site.state.remoteLinks, String(link.id));
      return empty();
    },
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}',
    handler: (ctx) => json(render(ctx.site, requireLink(ctx))),
  },
  {
    method: 'PUT',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}',
    handler: (ctx) => {
      const link = requireLink(ctx);
      const input = parseJsonBody(ctx.body, RemoteLinkRequest);
      link.globalId = input.globalId ?? link.globalId;
      link.application = input.application ?? link.application;
      link.relationship = input.relationship ?? link.relationship;
      link.object = input.object;
      return empty();
    },
  },
  {
    method: 'DELETE',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}',
    handler: (ctx) => {
      const link = requireLink(ctx);
      removeEntry(ctx.site.state.remoteLinks, String(link.id));
      return empty();
    },
  },
];
