import { PERMISSIONS } from '../catalog';
import { holds, canBrowse } from '../domain/permissions';
import type { RequestContext } from '../http/context';
import { badRequest, json, notFound } from '../http/reply';
import type { Route } from '../http/router';
import type { Project } from '../state';

/**
 * `GET /mypermissions` (platform-openapi-v3.json, getMyPermissions): what the caller holds, from the
 * projects' permission schemes (domain/permissions.ts). As the documentation says:
 * - in the global context, a project permission is held if it is held in any project;
 * - for a project (`projectKey`/`projectId`) or an issue (`issueKey`/`issueId`, which wins over the
 *   project, and whose project is then the context), it is held if the project's scheme grants it;
 * - "Global permissions are unaffected by context";
 * - a project or issue the caller cannot browse is a 404, like one that does not exist.
 */
function contextProject(ctx: RequestContext): Project | 'global' {
  const issueRef = ctx.query.string('issueId') ?? ctx.query.string('issueKey');
  if (issueRef !== undefined) {
    const issue = ctx.site.findIssue(issueRef);
    if (!issue || !canBrowse(ctx.site, ctx.actor, issue))
      throw notFound('Issue does not exist or you do not have permission to see it.');
    return ctx.site.projectOf(issue);
  }
  const projectRef = ctx.query.string('projectId') ?? ctx.query.string('projectKey');
  if (projectRef === undefined) return 'global';
  const project = ctx.site.findProject(projectRef);
  if (!project || !holds(ctx.site, ctx.actor, 'BROWSE_PROJECTS', project))
    throw notFound(`No project could be found with key '${projectRef}'.`);
  return project;
}

function myPermissions(ctx: RequestContext): Record<string, unknown> {
  const requested = ctx.query.list('permissions');
  if (!requested || requested.length === 0) throw badRequest('The permissions query parameter is required.');
  const defs = requested.map((key) => {
    const def = PERMISSIONS.find((p) => p.key === key);
    if (!def) throw badRequest(`Unrecognized permission: ${key}`);
    return def;
  });
  ctx.site.requireUser(ctx.actor.accountId);
  const where = contextProject(ctx);
  const projects = where === 'global' ? Object.values(ctx.site.state.projects) : [where];
  const permissions: Record<string, unknown> = {};
  for (const def of defs) {
    const key = def.key;
    permissions[key] = {
      id: String(PERMISSIONS.indexOf(def) + 1),
      key: def.key,
      name: def.name,
      type: def.type,
      description: def.name,
      havePermission:
        def.type === 'GLOBAL'
          ? holds(ctx.site, ctx.actor, key)
          : projects.some((p) => holds(ctx.site, ctx.actor, key, p)),
    };
  }
  return { permissions };
}

export const permissionRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/rest/api/3/mypermissions', handler: (ctx) => json(myPermissions(ctx)) },
];
