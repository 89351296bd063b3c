import type { RequestContext } from '../http/context';
import { badRequest, json } from '../http/reply';
import type { Route } from '../http/router';
import { renderUser } from '../render/user';
import type { User } from '../state';

function page(ctx: RequestContext, users: readonly User[]): Record<string, unknown>[] {
  const startAt = ctx.query.int('startAt', 0);
  const maxResults = ctx.query.int('maxResults', 50);
  return users.slice(startAt, startAt + maxResults).map((u) => renderUser(ctx.site, u));
}

function allUsers(ctx: RequestContext): User[] {
  return Object.values(ctx.site.state.users).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Jira's user search matches the start of display-name words and of the email address. */
function matches(user: User, query: string): boolean {
  const q = query.toLowerCase();
  return (
    user.displayName
      .toLowerCase()
      .split(/\s+/)
      .some((w) => w.startsWith(q)) ||
    user.displayName.toLowerCase().startsWith(q) ||
    (user.email?.toLowerCase().startsWith(q) ?? false)
  );
}

export const userRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/rest/api/3/user',
    handler: (ctx) => {
      const accountId = ctx.query.string('accountId');
      if (accountId === undefined) throw badRequest('The accountId query parameter needs to be provided.');
      return json(renderUser(ctx.site, ctx.site.requireUser(accountId)));
    },
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/user/search',
    handler: (ctx) => {
      const query = ctx.query.string('query');
      const accountId = ctx.query.string('accountId');
      if (query === undefined && accountId === undefined) {
        throw badRequest("The query parameter 'query' or 'accountId' is required.");
      }
      const found = allUsers(ctx).filter(
        (u) =>
          (accountId === undefined || u.accountId === accountId) &&
          (query === undefined || matches(u, query)),
      );
      return json(page(ctx, found));
    },
  },
  { method: 'GET', pattern: '/rest/api/3/users/search', handler: (ctx) => json(page(ctx, allUsers(ctx))) },
];
