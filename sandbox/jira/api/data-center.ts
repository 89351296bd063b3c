import { z } from 'zod';
import { parseJsonBody } from '../http/body';
import type { RequestContext } from '../http/context';
import { json, notFound } from '../http/reply';
import type { Route } from '../http/router';
import { selectFields } from '../render/field-selection';
import { renderIssue } from '../render/issue';
import { renderUser } from '../render/user';
import { usernameOf } from '../site';
import { compileSearch } from './search';

/**
 * What a Data Center site serves beyond Cloud's operations under `/rest/api/2`: offset-paged search (no
 * `nextPageToken`, no `properties`: DC search cannot return issue properties, JRASERVER-62898), user search
 * by username, and attachment bytes at the `content` URL the attachment's metadata names.
 */

const SearchBody = z.looseObject({
  jql: z.string().optional(),
  startAt: z.number().int().nonnegative().optional(),
  maxResults: z.number().int().optional(),
  fields: z.array(z.string()).optional(),
});

/** Jira DC's default `jira.search.views.default.max`. */
const MAX_RESULTS = 1000;

function search(ctx: RequestContext): Record<string, unknown> {
  const body = parseJsonBody(ctx.body, SearchBody);
  const jql = body.jql ?? '';
  const compiled = compileSearch(ctx, jql);
  const startAt = body.startAt ?? 0;
  const maxResults = Math.max(1, Math.min(body.maxResults ?? 50, MAX_RESULTS));
  const hits = Object.values(ctx.site.state.issues).filter(compiled.matches).sort(compiled.compare);
  const view = {
    fields: selectFields(
      ctx.site,
      body.fields?.flatMap((f) => f.split(',')).map((f) => f.trim()),
      'id',
    ),
    expand: new Set<string>(),
    properties: [],
  };
  return {
    expand: 'schema,names',
    startAt,
    maxResults,
    total: hits.length,
    issues: hits.slice(startAt, startAt + maxResults).map((i) => renderIssue(ctx.site, i, view)),
  };
}

function userSearch(ctx: RequestContext): Record<string, unknown>[] {
  const q = (ctx.query.string('username') ?? '').toLowerCase();
  const startAt = ctx.query.int('startAt', 0);
  const maxResults = ctx.query.int('maxResults', 50);
  // DC matches the start of the username, the display name and the email address.
  return Object.values(ctx.site.state.users)
    .filter((u) => u.accountType === 'atlassian' && u.active)
    .filter((u) =>
      [usernameOf(u), u.displayName, u.email ?? ''].some((s) => q !== '' && s.toLowerCase().startsWith(q)),
    )
    .slice(startAt, startAt + maxResults)
    .map((u) => renderUser(ctx.site, u));
}

export const dataCenterRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/rest/api/2/search',
    flavor: 'data-center',
    handler: (ctx) => json(search(ctx)),
  },
  {
    method: 'GET',
    pattern: '/rest/api/2/user/search',
    flavor: 'data-center',
    handler: (ctx) => json(userSearch(ctx)),
  },
  {
    method: 'GET',
    pattern: '/secure/attachment/{id}/{filename}',
    flavor: 'data-center',
    handler: (ctx) => {
      const a = ctx.site.state.attachments[ctx.param('id')];
      if (!a) throw notFound(`The attachment with id '${ctx.param('id')}' does not exist`);
      return {
        kind: 'bytes',
        status: 200,
        body: Buffer.from(a.contentBase64, 'base64'),
        contentType: a.mimeType,
      };
    },
  },
];
