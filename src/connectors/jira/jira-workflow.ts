/**
 * One Jira issue's workflow as the core's StatusWalker (walk-to-status.ts): the status now, the transitions
 * offered from it with the fields of their screens, and the whole workflow where the caller may read it.
 *
 * - Offered transitions: GET /rest/api/3/issue/{id}/transitions?expand=transitions.fields ("returns
 *   information about the fields in the transition screen for each transition", platform OpenAPI, Get
 *   transitions), so a screen that requires a resolution is known before the transition is tried.
 * - The workflow: POST /rest/api/3/workflows with the issue's project and issue type (Bulk get workflows),
 *   one call per project and issue type per invocation. It needs Administer projects (or View read-only
 *   workflow) on the project; a caller refused it still walks, along the transitions offered at each step.
 * - A transition: POST /rest/api/3/issue/{id}/transitions with the screen's values in `fields`.
 */
import { z } from 'zod';
import { TrackerError } from '../../core/errors';
import type { Json, JsonObject } from '../../core/model';
import type { Workflow, WorkflowTransition } from '../../core/workflow/status-path';
import type { OfferedTransition, StatusWalker } from '../../core/workflow/walk-to-status';
import type { JiraClient } from './jira-client';
import { JiraScreenTransitionsSchema, JiraWorkflowsSchema } from './jira-schemas';

const IssueWorkflowRefSchema = z.object({
  fields: z.object({
    status: z.object({ name: z.string() }),
    project: z.object({ id: z.string() }),
    issuetype: z.object({ id: z.string() }),
  }),
});
export type IssueWorkflowRef = z.infer<typeof IssueWorkflowRefSchema>;

/** An issue's status, project and issue type: what a walk starts from. */
export function readIssueWorkflowRef(client: JiraClient, issueId: string): Promise<IssueWorkflowRef> {
  return client.json(`/rest/api/3/issue/${issueId}`, IssueWorkflowRefSchema, {
    query: { fields: 'status,project,issuetype' },
  });
}

/** Workflows read in this invocation, by `<project id>/<issue type id>`; undefined when not readable. */
export type WorkflowCache = Map<string, Promise<Workflow | undefined>>;

/** `start`: the issue's status, project and type when the caller already knows them (a copy just created). */
export function jiraStatusWalker(
  client: JiraClient,
  issueId: string,
  cache: WorkflowCache,
  start?: IssueWorkflowRef,
): StatusWalker {
  let read: IssueWorkflowRef | undefined = start;
  /** Schema types of the screen fields of the transitions last offered, by transition id and field id. */
  const types = new Map<string, Record<string, string | undefined>>();
  const issue = async (): Promise<IssueWorkflowRef> => {
    read ??= await readIssueWorkflowRef(client, issueId);
    return read;
  };
  return {
    current: async () => (await issue()).fields.status.name,
    offered: async (): Promise<OfferedTransition[]> => {
      const { transitions } = await client.json(
        `/rest/api/3/issue/${issueId}/transitions`,
        JiraScreenTransitionsSchema,
        { query: { expand: 'transitions.fields' } },
      );
      return transitions.map((t) => {
        const fields = Object.entries(t.fields ?? {});
        types.set(t.id, Object.fromEntries(fields.map(([id, f]) => [id, f.schema?.type])));
        return {
          id: t.id,
          name: t.name,
          from: 'any',
          to: t.to.name,
          fields: fields.map(([id, f]) => ({ id, name: f.name, required: f.required })),
        };
      });
    },
    take: async (t, screen) => {
      const typeOf = types.get(t.id) ?? {};
      const fields: JsonObject = Object.fromEntries(
        Object.entries(screen).map(([id, value]) => [id, screenValue(typeOf[id], value)]),
      );
      read = undefined; // the status changes: the next step reads it again
      await client.empty(`/rest/api/3/issue/${issueId}/transitions`, {
        method: 'POST',
        json: { transition: { id: t.id }, ...(Object.keys(fields).length > 0 ? { fields } : {}) },
      });
    },
    workflow: async () => {
      const { project, issuetype } = (await issue()).fields;
      const key = `${project.id}/${issuetype.id}`;
      let found = cache.get(key);
      if (!found) {
        found = readWorkflow(client, project.id, issuetype.id);
        cache.set(key, found);
      }
      return found;
    },
  };
}

async function readWorkflow(
  client: JiraClient,
  projectId: string,
  issueTypeId: string,
): Promise<Workflow | undefined> {
  let answer: z.infer<typeof JiraWorkflowsSchema>;
  try {
    answer = await client.json('/rest/api/3/workflows', JiraWorkflowsSchema, {
      method: 'POST',
      json: { projectAndIssueTypes: [{ projectId, issueTypeId }] },
    });
  } catch (err) {
    // Not allowed to read workflows (or a Data Center site without this API): walk by what is offered.
    if (err instanceof TrackerError && !err.isRetryable) return undefined;
    throw err;
  }
  const [workflow, ...others] = answer.workflows;
  if (!workflow || others.length > 0) return undefined;
  const names = new Map(answer.statuses.map((s) => [s.statusReference, s.name]));
  const transitions = workflow.transitions.flatMap((t): WorkflowTransition[] => {
    const to = names.get(t.toStatusReference);
    if (to === undefined || t.type === 'INITIAL') return [];
    if (t.type === 'GLOBAL') return [{ id: t.id, name: t.name, from: 'any', to }];
    const from = (t.links ?? []).flatMap((l) => {
      const name = l.fromStatusReference ? names.get(l.fromStatusReference) : undefined;
      return name === undefined ? [] : [name];
    });
    return from.length > 0 ? [{ id: t.id, name: t.name, from, to }] : [];
  });
  return { transitions };
}

/**
 * A rule's value for a screen field, in the shape Jira's transition request takes for the field's type:
 * a resolution or priority by name, a select option by value. Objects pass as the rule wrote them.
 */
function screenValue(type: string | undefined, value: Json): Json {
  if (typeof value !== 'string') return value;
  if (type === 'resolution' || type === 'priority' || type === 'version' || type === 'component')
    return { name: value };
  if (type === 'option') return { value };
  return value;
}
