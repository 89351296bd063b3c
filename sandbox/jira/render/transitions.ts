import type { Site } from '../site';
import type { Issue, Transition } from '../state';
import { renderStatus } from './meta';

/** The project's workflow transitions that start from the issue's current status. */
export function availableTransitions(site: Site, issue: Issue): Transition[] {
  return site.projectOf(issue).workflow.transitions.filter((t) => t.from.includes(issue.statusId));
}

export function renderTransition(site: Site, transition: Transition): Record<string, unknown> {
  return {
    id: transition.id,
    name: transition.name,
    to: renderStatus(site, site.status(transition.to)),
    hasScreen: false,
    isGlobal: false,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  };
}
