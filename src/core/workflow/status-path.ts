/**
 * The shortest chain of workflow transitions from one status to another. Every tracker with workflow states
 * uses it: Jira's workflows, Redmine's allowed statuses per role; trackers with free state changes (GitHub,
 * GitLab) are a workflow where every state reaches every other in one step. Pure: the graph is read by the
 * connector, the walk (walk-to-status.ts) takes the steps.
 *
 * Statuses are compared by name without case, as Jira's UI and JQL do ("Done" and "done" are one status).
 */

/** One transition: from any of `from`, or from every status when `from` is 'any' (Jira's global transitions). */
export interface WorkflowTransition {
  id: string;
  name: string;
  from: readonly string[] | 'any';
  to: string;
}

export interface Workflow {
  transitions: readonly WorkflowTransition[];
}

export const sameStatus = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const leavesFrom = (t: WorkflowTransition, status: string): boolean =>
  t.from === 'any' ? !sameStatus(t.to, status) : t.from.some((f) => sameStatus(f, status));

/**
 * Breadth first, so the first chain found is a shortest one; among equally short chains, the transitions'
 * order in the workflow decides, so the same workflow always gives the same chain. `[]` when already there,
 * undefined when no chain exists.
 */
export function shortestStatusPath(
  workflow: Workflow,
  from: string,
  to: string,
): WorkflowTransition[] | undefined {
  if (sameStatus(from, to)) return [];
  const seen = new Set([from.toLowerCase()]);
  let frontier: { status: string; path: WorkflowTransition[] }[] = [{ status: from, path: [] }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { status, path } of frontier) {
      for (const t of workflow.transitions) {
        if (!leavesFrom(t, status) || seen.has(t.to.toLowerCase())) continue;
        const chain = [...path, t];
        if (sameStatus(t.to, to)) return chain;
        seen.add(t.to.toLowerCase());
        next.push({ status: t.to, path: chain });
      }
    }
    frontier = next;
  }
  return undefined;
}
