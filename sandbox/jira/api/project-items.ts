/**
 * Project versions and components, as the platform OpenAPI (../shared/contracts/jira/platform-openapi-v3.json)
 * describes getProjectVersions, getProjectComponents, createVersion and createComponent:
 * - the lists answer every version (archived too) and every component of the project, for anyone who may
 *   browse it (a project the caller cannot browse is the same 404 as a missing one);
 * - creating needs *Administer Jira* or *Administer Projects* in the project: createComponent documents a 403
 *   for the caller without it, createVersion no 403, so its refusal is a 400 like its other invalid requests;
 * - the project is named by `projectId` (a version) or `project` key (a component); a name the project
 *   already has is a 400 naming the field, as Jira keeps names unique per project.
 * An app (Forge's requestJira as the app) passes the permission checks here as in the permission gate; on a
 * real site it would still need the manage:jira-project scope.
 */
import { z } from 'zod';
import { holds } from '../domain/permissions';
import { renderComponent, renderVersion } from '../domain/typed-fields';
import { parseJsonBody } from '../http/body';
import type { RequestContext } from '../http/context';
import { JiraHttpError, fieldErrors, json, notFound } from '../http/reply';
import type { Route } from '../http/router';
import type { Project } from '../state';

function browsableProject(ctx: RequestContext): Project {
  const project = ctx.site.findProject(ctx.param('projectIdOrKey'));
  const visible = project && holds(ctx.site, ctx.actor, 'BROWSE_PROJECTS', project) ? project : undefined;
  if (!visible) throw notFound(`No project could be found with key '${ctx.param('projectIdOrKey')}'.`);
  return visible;
}

const VersionBody = z.looseObject({
  name: z.string().optional(),
  description: z.string().optional(),
  projectId: z.union([z.number(), z.string()]).optional(),
  project: z.string().optional(),
  released: z.boolean().optional(),
});

const ComponentBody = z.looseObject({
  name: z.string().optional(),
  description: z.string().optional(),
  project: z.string().optional(),
});

function targetProject(ctx: RequestContext, ref: string | number | undefined): Project {
  const project = ref === undefined ? undefined : ctx.site.findProject(String(ref));
  if (!project) throw fieldErrors({ project: 'Project must be specified to create a version.' });
  return project;
}

function checkName(name: string | undefined, taken: readonly { name: string }[], what: string): string {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') throw fieldErrors({ name: `You must specify a valid ${what} name` });
  if (trimmed.length > 255) throw fieldErrors({ name: `The ${what} name must not exceed 255 characters.` });
  if (taken.some((t) => t.name.toLowerCase() === trimmed.toLowerCase()))
    throw fieldErrors({ name: `A ${what} with this name already exists in this project.` });
  return trimmed;
}

export const projectItemRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/rest/api/3/project/{projectIdOrKey}/versions',
    handler: (ctx) => {
      const project = browsableProject(ctx);
      return json(ctx.site.versionsOf(project.id).map((v) => renderVersion(ctx.site, v)));
    },
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/project/{projectIdOrKey}/components',
    handler: (ctx) => {
      const project = browsableProject(ctx);
      return json(
        ctx.site.componentsOf(project.id).map((c) => ({
          ...renderComponent(ctx.site, c),
          project: project.key,
          projectId: Number(project.id),
        })),
      );
    },
  },
  {
    method: 'POST',
    pattern: '/rest/api/3/version',
    handler: (ctx) => {
      const body = parseJsonBody(ctx.body, VersionBody);
      const project = targetProject(ctx, body.projectId ?? body.project);
      if (
        !holds(ctx.site, ctx.actor, 'ADMINISTER_PROJECTS', project) &&
        !holds(ctx.site, ctx.actor, 'ADMINISTER')
      )
        throw new JiraHttpError(400, [
          'You must have global or project administrator rights to create a version.',
        ]);
      const name = checkName(body.name, ctx.site.versionsOf(project.id), 'version');
      const version = ctx.site.addVersion(project, {
        name,
        ...(body.description === undefined ? {} : { description: body.description }),
        ...(body.released === undefined ? {} : { released: body.released }),
      });
      return json(renderVersion(ctx.site, version), 201);
    },
  },
  {
    method: 'POST',
    pattern: '/rest/api/3/component',
    handler: (ctx) => {
      const body = parseJsonBody(ctx.body, ComponentBody);
      const project = targetProject(ctx, body.project);
      if (!canBrowseProject(ctx, project))
        throw notFound(`No project could be found with key '${project.key}'.`);
      if (
        !holds(ctx.site, ctx.actor, 'ADMINISTER_PROJECTS', project) &&
        !holds(ctx.site, ctx.actor, 'ADMINISTER')
      )
        throw new JiraHttpError(403, ['You do not have permission to create components in this project.']);
      const name = checkName(body.name, ctx.site.componentsOf(project.id), 'component');
      const component = ctx.site.addComponent(project, {
        name,
        ...(body.description === undefined ? {} : { description: body.description }),
      });
      return json(
        { ...renderComponent(ctx.site, component), project: project.key, projectId: Number(project.id) },
        201,
      );
    },
  },
];

const canBrowseProject = (ctx: RequestContext, project: Project): boolean =>
  holds(ctx.site, ctx.actor, 'BROWSE_PROJECTS', project);
