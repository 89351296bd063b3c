/**
 * `POST /rest/api/3/workflows` (platform-openapi-v3.json, readWorkflows, "Bulk get workflows"): the workflows
 * of the requested projects and issue types, with their statuses and transitions, in `WorkflowReadResponse`.
 *
 * - Every project here uses one workflow for all its issue types, named after the project.
 * - A DIRECTED transition starts from the statuses in its `links`, a GLOBAL one from any status, and the
 *   INITIAL one ("Create") puts a new issue in the initial status.
 * - "Permissions required: Administer Jira global permission to access all, including project-scoped,
 *   workflows; at least one of the Administer projects and View (read-only) workflow project permissions
 *   to access project-scoped workflows": a project the caller may not administer contributes nothing.
 */
import { z } from 'zod';
import { statusCategory } from '../catalog';
import { holds } from '../domain/permissions';
import { parseJsonBody } from '../http/body';
import type { RequestContext } from '../http/context';
import { json } from '../http/reply';
import type { Route } from '../http/router';
import type { Project } from '../state';

const WorkflowReadRequest = z.looseObject({
  projectAndIssueTypes: z.array(z.object({ projectId: z.string(), issueTypeId: z.string() })).optional(),
  workflowIds: z.array(z.string()).optional(),
  workflowNames: z.array(z.string()).optional(),
});

const CATEGORY = { new: 'TODO', indeterminate: 'IN_PROGRESS', done: 'DONE' } as const;

function workflowId(project: Project): string {
  // A stable uuid-shaped id per project, as Jira gives workflows uuids.
  const hex = project.id.padStart(12, '0').slice(-12);
  return `00000000-0000-4000-8000-${hex}`;
}

function renderWorkflow(project: Project): Record<string, unknown> {
  const wf = project.workflow;
  return {
    id: workflowId(project),
    name: `${project.key} workflow`,
    description: '',
    isEditable: true,
    scope: { type: 'GLOBAL' },
    statuses: wf.statusIds.map((id) => ({ statusReference: id, deprecated: false, properties: {} })),
    transitions: [
      { id: '1', name: 'Create', type: 'INITIAL', toStatusReference: wf.initialStatusId, links: [] },
      ...wf.transitions.map((t) => ({
        id: t.id,
        name: t.name,
        type: t.global === true ? 'GLOBAL' : 'DIRECTED',
        toStatusReference: t.to,
        links:
          t.global === true
            ? []
            : t.from.map((from) => ({ fromStatusReference: from, fromPort: 0, toPort: 1 })),
        ...((t.screen ?? []).length > 0 ? { transitionScreen: { ruleKey: 'system:transition-screen' } } : {}),
      })),
    ].map((t) => ({ description: '', actions: [], validators: [], triggers: [], properties: {}, ...t })),
    version: { id: `${workflowId(project)}-v`, versionNumber: 0 },
  };
}

function readWorkflows(ctx: RequestContext): Record<string, unknown> {
  const request = parseJsonBody(ctx.body, WorkflowReadRequest);
  const projects = new Map<string, Project>();
  for (const pair of request.projectAndIssueTypes ?? []) {
    const project = ctx.site.findProject(pair.projectId);
    if (!project || !project.issueTypeIds.includes(pair.issueTypeId)) continue;
    const allowed =
      holds(ctx.site, ctx.actor, 'ADMINISTER') || holds(ctx.site, ctx.actor, 'ADMINISTER_PROJECTS', project);
    if (allowed) projects.set(project.id, project);
  }
  const statusIds = new Set([...projects.values()].flatMap((p) => p.workflow.statusIds));
  return {
    statuses: [...statusIds].map((id) => {
      const s = ctx.site.status(id);
      return {
        id: s.id,
        name: s.name,
        description: s.description,
        statusReference: s.id,
        statusCategory: CATEGORY[statusCategory(s.categoryKey).key],
        scope: { type: 'GLOBAL' },
      };
    }),
    workflows: [...projects.values()].map((p) => renderWorkflow(p)),
  };
}

export const workflowRoutes: Route[] = [
  { method: 'POST', pattern: '/rest/api/3/workflows', handler: (ctx) => json(readWorkflows(ctx)) },
];
