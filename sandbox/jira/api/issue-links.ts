import { z } from 'zod';
import { LINK_TYPES } from '../catalog';
import { recordChange } from '../domain/record-change';
import { emitIssueLink } from '../events';
import { parseJsonBody } from '../http/body';
import type { RequestContext } from '../http/context';
import { empty, json, notFound } from '../http/reply';
import type { Route } from '../http/router';
import { linkType, renderLinkType, renderLinkedIssue } from '../render/issue-parts';
import { removeEntry, type Issue, type IssueLink } from '../state';

/**
 * Issue links between issues of one site. The request's `inwardIssue` is the link's source (it gets the
 * outward description, "A blocks B"), which is how Jira stores it. Jira logs a `Link` change on both issues.
 */

const IssueRef = z
  .looseObject({ id: z.string().optional(), key: z.string().optional() })
  .refine((r) => r.id !== undefined || r.key !== undefined, { message: 'an issue id or key is required' });
const LinkRequest = z.looseObject({
  type: z
    .looseObject({ id: z.string().optional(), name: z.string().optional() })
    .refine((t) => t.id !== undefined || t.name !== undefined, {
      message: 'a link type id or name is required',
    }),
  inwardIssue: IssueRef,
  outwardIssue: IssueRef,
});

function resolveIssue(ctx: RequestContext, ref: z.infer<typeof IssueRef>): Issue {
  const issue = ctx.site.findIssue(ref.id ?? ref.key ?? '');
  if (!issue) throw notFound('Issue Does Not Exist');
  return issue;
}

function logLink(ctx: RequestContext, link: IssueLink, added: boolean): void {
  const type = linkType(link.typeId);
  const source = ctx.site.issueById(link.sourceIssueId);
  const destination = ctx.site.issueById(link.destinationIssueId);
  if (!source || !destination) return;
  const sides: [Issue, Issue, string][] = [
    [source, destination, type.outward],
    [destination, source, type.inward],
  ];
  for (const [issue, other, phrase] of sides) {
    const text = `This issue ${phrase} ${other.key}`;
    recordChange(ctx.site, issue, ctx.actor, [
      added
        ? {
            field: 'Link',
            fieldtype: 'jira',
            fieldId: 'issuelinks',
            from: null,
            fromString: null,
            to: other.key,
            toString: text,
          }
        : {
            field: 'Link',
            fieldtype: 'jira',
            fieldId: 'issuelinks',
            from: other.key,
            fromString: text,
            to: null,
            toString: null,
          },
    ]);
  }
}

function createLink(ctx: RequestContext): void {
  const input = parseJsonBody(ctx.body, LinkRequest);
  const wanted = input.type;
  const type = LINK_TYPES.find((t) =>
    wanted.id !== undefined ? t.id === wanted.id : t.name === wanted.name,
  );
  if (!type) throw notFound(`No issue link type with name '${wanted.name ?? wanted.id ?? ''}' found.`);
  const source = resolveIssue(ctx, input.inwardIssue);
  const destination = resolveIssue(ctx, input.outwardIssue);
  const exists = Object.values(ctx.site.state.issueLinks).some(
    (l) => l.typeId === type.id && l.sourceIssueId === source.id && l.destinationIssueId === destination.id,
  );
  // Linking twice is not an error in Jira; the second request changes nothing.
  if (exists) return;
  const link: IssueLink = {
    id: ctx.site.nextId('issueLink'),
    typeId: type.id,
    sourceIssueId: source.id,
    destinationIssueId: destination.id,
  };
  ctx.site.state.issueLinks[link.id] = link;
  logLink(ctx, link, true);
  emitIssueLink(ctx.site, ctx.actor, 'created', link);
}

function requireLink(ctx: RequestContext): IssueLink {
  const link = ctx.site.state.issueLinks[ctx.param('linkId')];
  if (!link) throw notFound(`No issue link with id '${ctx.param('linkId')}' exists.`);
  return link;
}

export const issueLinkRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/rest/api/3/issueLink',
    handler: (ctx) => {
      createLink(ctx);
      return empty(201);
    },
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/issueLink/{linkId}',
    handler: (ctx) => {
      const link = requireLink(ctx);
      const source = ctx.site.requireIssue(link.sourceIssueId);
      const destination = ctx.site.requireIssue(link.destinationIssueId);
      return json({
        id: link.id,
        self: `${ctx.site.api}/issueLink/${link.id}`,
        type: renderLinkType(ctx.site, linkType(link.typeId)),
        inwardIssue: renderLinkedIssue(ctx.site, source),
        outwardIssue: renderLinkedIssue(ctx.site, destination),
      });
    },
  },
  {
    method: 'DELETE',
    pattern: '/rest/api/3/issueLink/{linkId}',
    handler: (ctx) => {
      const link = requireLink(ctx);
      logLink(ctx, link, false);
      removeEntry(ctx.site.state.issueLinks, link.id);
      emitIssueLink(ctx.site, ctx.actor, 'deleted', link);
      return empty();
    },
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/issueLinkType',
    handler: (ctx) => json({ issueLinkTypes: LINK_TYPES.map((t) => renderLinkType(ctx.site, t)) }),
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/issueLinkType/{issueLinkTypeId}',
    handler: (ctx) => {
      const type = LINK_TYPES.find((t) => t.id === ctx.param('issueLinkTypeId'));
      if (!type) throw notFound(`No issue link type with id '${ctx.param('issueLinkTypeId')}' found.`);
      return json(renderLinkType(ctx.site, type));
    },
  },
];
