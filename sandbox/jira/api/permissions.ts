import { PERMISSIONS } from '../catalog';
import type { RequestContext } from '../http/context';
import { badRequest, json, notFound } from '../http/reply';
import type { Route } from '../http/router';

/**
 * `GET /mypermissions`: the app and site admins hold every permission; ordinary users can only browse.
 * The emulator reports permissions but does not enforce them on other endpoints.
 */
function myPermissions(ctx: RequestContext): Record<string, unknown> {
  const requested = ctx.query.list('permissions');
  if (!requested || requested.length === 0) throw badRequest('The permissions query parameter is required.');
  const projectKey = ctx.query.string('projectKey') ?? ctx.query.string('projectId');
  if (projectKey !== undefined && !ctx.site.findProject(projectKey))
    throw notFound(`No project could be found with key '${projectKey}'.`);
  const issueKey = ctx.query.string('issueKey') ?? ctx.query.string('issueId');
  if (issueKey !== undefined) ctx.site.requireIssue(issueKey);
  const user = ctx.site.requireUser(ctx.actor.accountId);
  const all = ctx.actor.byApp || user.admin;
  const permissions: Record<string, unknown> = {};
  for (const key of requested) {
    const def = PERMISSIONS.find((p) => p.key === key);
    if (!def) throw badRequest(`Unrecognized permission: ${key}`);
    permissions[key] = {
      id: String(PERMISSIONS.indexOf(def) + 1),
      key: def.key,
      name: def.name,
      type: def.type,
      description: def.name,
      havePermission: all || def.key === 'BROWSE_PROJECTS',
    };
  }
  return { permissions };
}

export const permissionRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/rest/api/3/mypermissions', handler: (ctx) => json(myPermissions(ctx)) },
];
