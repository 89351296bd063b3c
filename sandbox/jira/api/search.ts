import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canBrowse } from '../domain/permissions';
import { parseJsonBody } from '../http/body';
import type { RequestContext } from '../http/context';
import { JiraHttpError, badRequest, json } from '../http/reply';
import type { Route } from '../http/router';
import { JqlInvalidError, SUPPORTED_SUMMARY, compileJql } from '../jql/compile';
import { JqlSyntaxError } from '../jql/lexer';
import { JqlUnsupportedError, parseJql } from '../jql/parser';
import { selectFields } from '../render/field-selection';
import { renderIssue } from '../render/issue';
import type { Issue } from '../state';

/** `GET`/`POST /search/jql`: enhanced search with opaque `nextPageToken` paging. */

interface SearchInput {
  readonly jql: string;
  readonly nextPageToken: string | undefined;
  readonly maxResults: number;
  readonly fields: readonly string[] | undefined;
  readonly expand: readonly string[];
  readonly properties: readonly string[];
}

const SearchBody = z.looseObject({
  jql: z.string().optional(),
  nextPageToken: z.string().optional(),
  maxResults: z.number().int().optional(),
  fields: z.array(z.string()).optional(),
  expand: z.string().optional(),
  properties: z.array(z.string()).optional(),
});

/** The token carries the offset and a hash of the query, so a token reused with another query is refused. */
const Token = z.object({ o: z.number().int().nonnegative(), q: z.string() });

function queryHash(jql: string): string {
  return createHash('sha256').update(jql).digest('hex').slice(0, 16);
}

function decodeToken(token: string, jql: string): number {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = Token.safeParse(raw);
  if (!parsed.success || parsed.data.q !== queryHash(jql))
    throw badRequest('The provided next page token is invalid or expired.');
  return parsed.data.o;
}

function encodeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: queryHash(jql) })).toString('base64url');
}

export function compileSearch(ctx: RequestContext, jql: string): ReturnType<typeof compileJql> {
  try {
    return compileJql(ctx.site, parseJql(jql));
  } catch (err) {
    if (err instanceof JqlUnsupportedError) {
      throw new JiraHttpError(400, [`${err.message} Supported subset: ${SUPPORTED_SUMMARY}.`]);
    }
    if (err instanceof JqlSyntaxError || err instanceof JqlInvalidError)
      throw new JiraHttpError(400, [err.message]);
    throw err;
  }
}

function search(ctx: RequestContext, input: SearchInput): Record<string, unknown> {
  const compiled = compileSearch(ctx, input.jql);
  const offset = input.nextPageToken === undefined ? 0 : decodeToken(input.nextPageToken, input.jql);
  // Jira caps silently rather than rejecting a large page size.
  const maxResults = Math.max(1, Math.min(input.maxResults, 100));
  // "Issues are included in the response where the user has Browse projects" (platform OpenAPI,
  // searchAndReconsileIssuesUsingJqlPost); the app browses everything.
  const visible = (i: Issue): boolean => canBrowse(ctx.site, ctx.actor, i);
  const hits = Object.values(ctx.site.state.issues)
    .filter((i) => visible(i) && compiled.matches(i))
    .sort(compiled.compare);
  const page = hits.slice(offset, offset + maxResults);
  const view = {
    fields: selectFields(ctx.site, input.fields, 'id'),
    expand: new Set(input.expand),
    properties: input.properties,
  };
  const isLast = offset + page.length >= hits.length;
  return {
    issues: page.map((i) => renderIssue(ctx.site, i, view)),
    ...(isLast ? {} : { nextPageToken: encodeToken(offset + page.length, input.jql) }),
    isLast,
  };
}

export const searchRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/rest/api/3/search/jql',
    handler: (ctx) =>
      json(
        search(ctx, {
          jql: ctx.query.string('jql') ?? '',
          nextPageToken: ctx.query.string('nextPageToken'),
          maxResults: ctx.query.int('maxResults', 50),
          fields: ctx.query.list('fields'),
          expand: ctx.query.list('expand') ?? [],
          properties: ctx.query.list('properties') ?? [],
        }),
      ),
  },
  {
    method: 'POST',
    pattern: '/rest/api/3/search/jql',
    handler: (ctx) => {
      const body = parseJsonBody(ctx.body, SearchBody);
      return json(
        search(ctx, {
          jql: body.jql ?? '',
          nextPageToken: body.nextPageToken,
          maxResults: body.maxResults ?? 50,
          fields: body.fields?.flatMap((f) => f.split(',')).map((f) => f.trim()),
          expand: body.expand?.split(',').map((e) => e.trim()) ?? [],
          properties: body.properties ?? [],
        }),
      );
    },
  },
];
