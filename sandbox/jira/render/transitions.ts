import { RESOLUTIONS } from '../catalog';
import type { Site } from '../site';
import type { Issue, Transition } from '../state';
import { renderStatus } from './meta';

/** Whether the transition may be taken from the status: a global one from every status but its target. */
export function leavesFrom(t: Transition, statusId: string): boolean {
  return t.global === true ? t.to !== statusId : t.from.includes(statusId);
}

/** The project's workflow transitions that start from the issue's current status. */
export function availableTransitions(site: Site, issue: Issue): Transition[] {
  return site.projectOf(issue).workflow.transitions.filter((t) => leavesFrom(t, issue.statusId));
}

/**
 * `IssueTransition`; with `fields` (expand=transitions.fields) the fields of its screen as `FieldMetadata`,
 * "Fields hidden from the screen are not returned" (platform OpenAPI, Get transitions).
 */
export function renderTransition(
  site: Site,
  transition: Transition,
  withFields = false,
): Record<string, unknown> {
  const screen = transition.screen ?? [];
  return {
    id: transition.id,
    name: transition.name,
    to: renderStatus(site, site.status(transition.to)),
    hasScreen: screen.length > 0,
    isGlobal: transition.global === true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
    ...(withFields
      ? {
          fields: Object.fromEntries(
            screen.map((f) => [
              f.fieldId,
              {
                required: f.required,
                schema: { type: 'resolution', system: 'resolution' },
                name: 'Resolution',
                key: 'resolution',
                operations: ['set'],
                allowedValues: RESOLUTIONS.map((r) => ({
                  self: `${site.api}/resolution/${r.id}`,
                  id: r.id,
                  name: r.name,
                  description: r.description,
                })),
              },
            ]),
          ),
        }
      : {}),
  };
}
