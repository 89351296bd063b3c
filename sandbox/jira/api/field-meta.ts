/**
 * Field metadata for writes, as the platform OpenAPI (../shared/contracts/jira/platform-openapi-v3.json)
 * describes getEditIssueMeta (GET /rest/api/3/issue/{issueIdOrKey}/editmeta, `IssueUpdateMetadata`) and
 * getCreateIssueMetaIssueTypeId (GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId},
 * a page of `FieldCreateMetadata`): each field the screen holds with its `schema` (as GET /rest/api/3/field
 * has it), the operations an edit may use, and for versions, components and select fields the
 * `allowedValues` a write may name. The emulator's screens hold every field it can write; a caller without
 * Edit issues gets no fields to edit, and createmeta needs Create issues in the project.
 */
import { SYSTEM_FIELDS } from '../catalog';
import { holds } from '../domain/permissions';
import { allowedValues, customSchema } from '../domain/typed-fields';
import type { RequestContext } from '../http/context';
import { JiraHttpError, json, notFound } from '../http/reply';
import type { Route } from '../http/router';
import type { Site } from '../site';

/** The fields an edit or create screen offers, in screen order; `required` only on create. */
const SCREEN_SYSTEM_FIELDS = [
  'summary',
  'issuetype',
  'description',
  'priority',
  'labels',
  'assignee',
  'reporter',
  'fixVersions',
  'versions',
  'components',
  'duedate',
  'timetracking',
];
const REQUIRED_ON_CREATE = new Set(['summary', 'issuetype', 'project']);
/** Fields whose edit takes add and remove besides set (Jira's multi-valued system fields). */
const LIST_FIELDS = new Set(['labels', 'fixVersions', 'versions', 'components']);

function schemaOf(site: Site, id: string): Record<string, unknown> {
  const system = SYSTEM_FIELDS.find((f) => f.id === id);
  if (system)
    return { type: system.schemaType, system: id, ...(system.items ? { items: system.items } : {}) };
  const def = site.customField(id);
  if (!def) return { type: 'any' };
  return { ...customSchema(def), customId: Number(id.replace('customfield_', '')) };
}

function nameOf(site: Site, id: string): string {
  return SYSTEM_FIELDS.find((f) => f.id === id)?.name ?? site.customField(id)?.name ?? id;
}

function fieldMeta(site: Site, projectId: string, id: string, creating: boolean): Record<string, unknown> {
  const allowed = allowedValues(site, projectId, id);
  return {
    required: creating && REQUIRED_ON_CREATE.has(id),
    schema: schemaOf(site, id),
    name: nameOf(site, id),
    key: id,
    operations: LIST_FIELDS.has(id) ? ['add', 'set', 'remove'] : ['set'],
    ...(allowed ? { allowedValues: allowed } : {}),
    hasDefaultValue: false,
  };
}

const screenFields = (site: Site): string[] => [
  ...SCREEN_SYSTEM_FIELDS,
  ...site.state.customFields.map((f) => f.id),
];

export const fieldMetaRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/rest/api/3/issue/{issueIdOrKey}/editmeta',
    handler: (ctx: RequestContext) => {
      const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
      const project = ctx.site.projectOf(issue);
      if (!holds(ctx.site, ctx.actor, 'EDIT_ISSUES', project)) return json({ fields: {} });
      return json({
        fields: Object.fromEntries(
          screenFields(ctx.site).map((id) => [id, fieldMeta(ctx.site, project.id, id, false)]),
        ),
      });
    },
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}',
    handler: (ctx: RequestContext) => {
      const project = ctx.site.findProject(ctx.param('projectIdOrKey'));
      if (!project || !holds(ctx.site, ctx.actor, 'BROWSE_PROJECTS', project))
        throw notFound(`No project could be found with key '${ctx.param('projectIdOrKey')}'.`);
      if (!project.issueTypeIds.includes(ctx.param('issueTypeId')))
        throw notFound(`Issue type with id '${ctx.param('issueTypeId')}' does not exist in the project.`);
      if (!holds(ctx.site, ctx.actor, 'CREATE_ISSUES', project))
        throw new JiraHttpError(400, ['You do not have permission to create issues in this project.']);
      const all = ['project', ...screenFields(ctx.site)].map((id) => ({
        ...fieldMeta(ctx.site, project.id, id, true),
        fieldId: id,
      }));
      const startAt = ctx.query.int('startAt', 0);
      const maxResults = Math.min(ctx.query.int('maxResults', 50), 200);
      return json({
        startAt,
        maxResults,
        total: all.length,
        fields: all.slice(startAt, startAt + maxResults),
      });
    },
  },
];
