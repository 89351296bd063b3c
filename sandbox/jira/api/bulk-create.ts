/**
 * `POST /rest/api/3/issue/bulk` ("Bulk create issue", createIssues; platform OpenAPI v3, `IssuesUpdateBean` →
 * `CreatedIssues`): "Creates upto **50** issues". Each element is an `IssueUpdateDetails`, created as the
 * single create would create it, and each may fail on its own: the answer lists the issues created, in the
 * order of the elements that succeeded, and per failed element a `BulkOperationErrorResult` with its index
 * in the request (`failedElementNumber`), its `status` and its `elementErrors`. The documented reasons an
 * element fails include missing or invalid fields and "a user who does not have the necessary permission",
 * so the permission (Browse projects and Create issues in the element's project) is checked per element.
 * 201 "if any of the issue or subtask creation requests were successful", 400 "if all requests are invalid"
 * (the same `CreatedIssues` shape); more than 50 elements, or none, is refused whole, as one error naming
 * no element.
 *
 * A requested transition runs after its element's create; its outcome is the created issue's `transition`
 * (`NestedResponse`: status and errorCollection), as the operation's example answers it: the issue exists
 * whether or not the transition could be taken.
 *
 * A write: one point, whatever the number of issues (rate-limits/cost.ts; Atlassian's "Rate limiting" page:
 * "Write requests are charged only the base cost, with no additional points").
 */
import { z } from 'zod';
import { createIssue, IssueUpdateBody, transitionIssue } from '../domain/issue-ops';
import { holds } from '../domain/permissions';
import { parseJsonBody } from '../http/body';
import { badRequest, JiraHttpError, json } from '../http/reply';
import type { Route } from '../http/router';
import type { RequestContext } from '../http/context';

export const BULK_CREATE_MAX = 50;

const BulkCreateBody = z.looseObject({ issueUpdates: z.array(z.unknown()).optional() });
const ProjectRef = z.looseObject({
  fields: z.looseObject({
    project: z.looseObject({ id: z.string().optional(), key: z.string().optional() }).optional(),
  }),
});

interface Created {
  id: string;
  key: string;
  self: string;
  transition?: {
    status: number;
    errorCollection: { errorMessages: string[]; errors: Record<string, string> };
  };
}

interface Failed {
  failedElementNumber: number;
  status: number;
  elementErrors: { errorMessages: string[]; errors: Record<string, string> };
}

export const bulkCreateRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/rest/api/3/issue/bulk',
    handler: (ctx) => {
      const elements = parseJsonBody(ctx.body, BulkCreateBody).issueUpdates ?? [];
      // Refused whole, still as `CreatedIssues` (the only 400 the operation documents): one error that
      // names no element.
      const whole = (message: string) =>
        json(
          { issues: [], errors: [{ status: 400, elementErrors: { errorMessages: [message], errors: {} } }] },
          400,
        );
      if (elements.length === 0) return whole('Request must contain at least one issue to create.');
      if (elements.length > BULK_CREATE_MAX)
        return whole(`Request cannot contain more than ${BULK_CREATE_MAX} issues.`);
      const issues: Created[] = [];
      const errors: Failed[] = [];
      elements.forEach((element, n) => {
        try {
          issues.push(createElement(ctx, element));
        } catch (err) {
          if (!(err instanceof JiraHttpError)) throw err;
          errors.push({
            failedElementNumber: n,
            status: err.status,
            elementErrors: { errorMessages: [...err.errorMessages], errors: { ...err.errors } },
          });
        }
      });
      return json({ issues, errors }, issues.length > 0 ? 201 : 400);
    },
  },
];

function createElement(ctx: RequestContext, element: unknown): Created {
  const parsed = IssueUpdateBody.safeParse(element);
  if (!parsed.success) throw badRequest('The issue to create is not an IssueUpdateDetails.');
  const { transition, ...body } = parsed.data;
  checkCreate(ctx, element);
  const issue = createIssue(ctx.site, ctx.actor, body);
  const created: Created = { id: issue.id, key: issue.key, self: `${ctx.site.api}/issue/${issue.id}` };
  if (!transition) return created;
  try {
    transitionIssue(ctx.site, ctx.actor, issue, { transition });
    created.transition = { status: 204, errorCollection: { errorMessages: [], errors: {} } };
  } catch (err) {
    if (!(err instanceof JiraHttpError)) throw err;
    created.transition = {
      status: err.status,
      errorCollection: { errorMessages: [...err.errorMessages], errors: { ...err.errors } },
    };
  }
  return created;
}

/** The single create's gate (http/permission-gate.ts), per element: Browse projects and Create issues. */
function checkCreate(ctx: RequestContext, element: unknown): void {
  if (ctx.actor.byApp) return;
  const ref = ProjectRef.safeParse(element);
  const idOrKey = ref.success ? (ref.data.fields.project?.id ?? ref.data.fields.project?.key) : undefined;
  const project = idOrKey === undefined ? undefined : ctx.site.findProject(idOrKey);
  if (!project) return; // createIssue names the missing project
  if (
    !holds(ctx.site, ctx.actor, 'BROWSE_PROJECTS', project) ||
    !holds(ctx.site, ctx.actor, 'CREATE_ISSUES', project)
  )
    throw new JiraHttpError(403, [`You do not have permission to create issues in project ${project.key}.`]);
}
