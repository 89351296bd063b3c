import { epicLinkFieldEntry } from '../domain/epic-link';
import { ISSUE_TYPES, PRIORITIES, STATUS_CATEGORIES, SYSTEM_FIELDS, issueTypeById } from '../catalog';
import { customSchema } from '../domain/typed-fields';
import type { RequestContext } from '../http/context';
import { JiraHttpError, badRequest, json } from '../http/reply';
import type { Route } from '../http/router';
import {
  renderIssueType,
  renderPriority,
  renderProject,
  renderStatus,
  renderStatusCategory,
} from '../render/meta';
import { renderUser } from '../render/user';
import type { Site } from '../site';
import type { Project } from '../state';
import { formatJiraTime } from '../time';

/** Site configuration: who am I, projects, issue types, fields, statuses, priorities. */

function fieldsOf(site: Site): Record<string, unknown>[] {
  const system = SYSTEM_FIELDS.map((f) => ({
    id: f.id,
    key: f.id,
    name: f.name,
    custom: false,
    orderable: f.id !== 'created' && f.id !== 'updated',
    navigable: f.navigable,
    searchable: true,
    clauseNames: [f.id],
    schema: { type: f.schemaType, system: f.id, ...(f.items ? { items: f.items } : {}) },
  }));
  const custom = site.state.customFields.map((f) => {
    const numericId = Number(f.id.replace('customfield_', ''));
    return {
      id: f.id,
      key: f.id,
      name: f.name,
      custom: true,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [`cf[${numericId}]`, f.name],
      schema: { ...customSchema(f), customId: numericId },
    };
  });
  // Data Center's Jira Software adds the Epic Link (domain/epic-link.ts).
  return [...system, ...custom, ...(site.dataCenter ? [epicLinkFieldEntry()] : [])];
}

function projectStatuses(ctx: RequestContext, project: Project): Record<string, unknown>[] {
  const statuses = project.workflow.statusIds.map((id) => renderStatus(ctx.site, ctx.site.status(id)));
  return ISSUE_TYPES.filter((t) => project.issueTypeIds.includes(t.id)).map((t) => ({
    self: `${ctx.site.api}/issuetype/${t.id}`,
    id: t.id,
    name: t.name,
    subtask: t.subtask,
    statuses,
  }));
}

function searchProjects(ctx: RequestContext): Record<string, unknown> {
  const startAt = ctx.query.int('startAt', 0);
  const maxResults = Math.min(ctx.query.int('maxResults', 50), 100);
  const keys = ctx.query.list('keys');
  const text = ctx.query.string('query')?.toLowerCase();
  const all = Object.values(ctx.site.state.projects)
    .filter((p) => !keys || keys.includes(p.key))
    .filter((p) => !text || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
    .sort((a, b) => a.key.localeCompare(b.key));
  const values = all.slice(startAt, startAt + maxResults).map((p) => renderProject(ctx.site, p));
  const isLast = startAt + maxResults >= all.length;
  return {
    self: `${ctx.site.api}/project/search?startAt=${startAt}&maxResults=${maxResults}`,
    ...(isLast
      ? {}
      : {
          nextPage: `${ctx.site.api}/project/search?startAt=${startAt + maxResults}&maxResults=${maxResults}`,
        }),
    maxResults,
    startAt,
    total: all.length,
    isLast,
    values,
  };
}

export const metaRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/rest/api/3/myself',
    handler: (ctx) => json(renderUser(ctx.site, ctx.site.requireUser(ctx.actor.accountId))),
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/serverInfo',
    handler: (ctx) =>
      json({
        baseUrl: ctx.site.baseUrl,
        displayUrl: ctx.site.baseUrl,
        version: '1001.0.0-SNAPSHOT',
        versionNumbers: [1001, 0, 0],
        deploymentType: 'Cloud',
        buildNumber: 100282,
        buildDate: '2025-01-01T00:00:00.000+0000',
        serverTime: formatJiraTime(ctx.site.now()),
        scmInfo: 'tandem-sandbox',
        serverTitle: `Jira emulator (${ctx.site.name})`,
      }),
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/project',
    handler: (ctx) => json(Object.values(ctx.site.state.projects).map((p) => renderProject(ctx.site, p))),
  },
  { method: 'GET', pattern: '/rest/api/3/project/search', handler: (ctx) => json(searchProjects(ctx)) },
  {
    method: 'GET',
    pattern: '/rest/api/3/project/{projectIdOrKey}',
    handler: (ctx) => json(renderProject(ctx.site, ctx.site.requireProject(ctx.param('projectIdOrKey')))),
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/project/{projectIdOrKey}/statuses',
    handler: (ctx) => json(projectStatuses(ctx, ctx.site.requireProject(ctx.param('projectIdOrKey')))),
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/issuetype',
    handler: (ctx) => json(ISSUE_TYPES.map((t) => renderIssueType(ctx.site, t))),
  },
  {
    // getIssueTypesForProject: the issue types of a project, each with its `hierarchyLevel`.
    method: 'GET',
    pattern: '/rest/api/3/issuetype/project',
    handler: (ctx) => {
      const projectId = ctx.query.string('projectId');
      if (projectId === undefined) throw badRequest("The 'projectId' parameter is required.");
      const project = ctx.site.requireProject(projectId);
      const level = ctx.query.string('level');
      return json(
        ISSUE_TYPES.filter((t) => project.issueTypeIds.includes(t.id))
          .filter((t) => level === undefined || String(t.hierarchyLevel) === level)
          .map((t) => renderIssueType(ctx.site, t)),
      );
    },
  },
  {
    // getIssueType
    method: 'GET',
    pattern: '/rest/api/3/issuetype/{id}',
    handler: (ctx) => {
      const type = issueTypeById(ctx.param('id'));
      if (!type)
        throw new JiraHttpError(404, ["The issue type with id '" + ctx.param('id') + "' does not exist"]);
      return json(renderIssueType(ctx.site, type));
    },
  },
  { method: 'GET', pattern: '/rest/api/3/field', handler: (ctx) => json(fieldsOf(ctx.site)) },
  {
    method: 'GET',
    pattern: '/rest/api/3/status',
    handler: (ctx) => json(Object.values(ctx.site.state.statuses).map((s) => renderStatus(ctx.site, s))),
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/statuscategory',
    handler: (ctx) => json(STATUS_CATEGORIES.map((c) => renderStatusCategory(ctx.site, c.key))),
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/priority',
    handler: (ctx) =>
      json(
        PRIORITIES.map((p) => ({
          ...renderPriority(ctx.site, p),
          description: p.name,
          statusColor: p.statusColor,
          isDefault: p.isDefault,
        })),
      ),
  },
];
