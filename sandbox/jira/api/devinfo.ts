import {
  StoreRequest,
  deleteByProperties,
  deleteEntity,
  deleteRepository,
  entityTypeFromPath,
  existsByProperties,
  renderRepository,
  storeDevInfo,
} from '../domain/devinfo-store';
import type { RequestContext } from '../http/context';
import { empty, json, type Reply } from '../http/reply';
import type { Route } from '../http/router';

/**
 * Jira Software's development information API (`/rest/devinfo/0.10`). Its errors are `{errorMessages: [{message}]}`,
 * objects rather than the platform API's strings, so this module answers them itself.
 */

function devInfoError(status: number, message: string): Reply {
  return json({ errorMessages: [{ message }] }, status);
}

function sequence(ctx: RequestContext): number | undefined {
  const raw = ctx.query.string('_updateSequenceId');
  return raw === undefined ? undefined : Number(raw);
}

function propertyFilter(ctx: RequestContext): Record<string, string> {
  return Object.fromEntries(ctx.query.entries().filter(([k]) => k !== '_updateSequenceId'));
}

function store(ctx: RequestContext): Reply {
  let raw: unknown;
  try {
    raw = JSON.parse(ctx.body?.toString('utf8') ?? '');
  } catch {
    return devInfoError(400, 'The request body is not valid JSON.');
  }
  const request = StoreRequest.safeParse(raw);
  if (!request.success)
    return devInfoError(400, request.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return json(storeDevInfo(ctx.site, request.data), 202);
}

const BASE = '/rest/devinfo/0.10';

export const devInfoRoutes: readonly Route[] = [
  { method: 'POST', pattern: `${BASE}/bulk`, localSiteOnly: true, handler: store },
  {
    method: 'GET',
    pattern: `${BASE}/repository/{repositoryId}`,
    localSiteOnly: true,
    handler: (ctx) => {
      const repo = ctx.site.state.devInfo[ctx.param('repositoryId')];
      return repo
        ? json(renderRepository(repo))
        : devInfoError(404, `No repository with id '${ctx.param('repositoryId')}'.`);
    },
  },
  {
    method: 'DELETE',
    pattern: `${BASE}/repository/{repositoryId}`,
    localSiteOnly: true,
    handler: (ctx) => {
      deleteRepository(ctx.site, ctx.param('repositoryId'), sequence(ctx));
      return empty(202);
    },
  },
  {
    method: 'DELETE',
    pattern: `${BASE}/repository/{repositoryId}/{entityType}/{entityId}`,
    localSiteOnly: true,
    handler: (ctx) => {
      const type = entityTypeFromPath(ctx.param('entityType'));
      if (!type) return devInfoError(400, `Unknown entity type '${ctx.param('entityType')}'.`);
      deleteEntity(ctx.site, ctx.param('repositoryId'), type, ctx.param('entityId'), sequence(ctx));
      return empty(202);
    },
  },
  {
    method: 'DELETE',
    pattern: `${BASE}/bulkByProperties`,
    localSiteOnly: true,
    handler: (ctx) => {
      const wanted = propertyFilter(ctx);
      if (Object.keys(wanted).length === 0)
        return devInfoError(400, 'At least one property must be given to delete by.');
      deleteByProperties(ctx.site, wanted, sequence(ctx));
      return empty(202);
    },
  },
  {
    method: 'GET',
    pattern: `${BASE}/existsByProperties`,
    localSiteOnly: true,
    handler: (ctx) => json({ hasDataMatchingProperties: existsByProperties(ctx.site, propertyFilter(ctx)) }),
  },
];
