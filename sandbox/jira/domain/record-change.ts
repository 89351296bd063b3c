import { emitIssueUpdated } from '../events';
import type { Site } from '../site';
import type { ChangeItem, History, Issue } from '../state';
import type { Actor } from './actor';

/**
 * Every change to an issue's fields goes through here: one history entry, a new `updated`, one
 * `avi:jira:updated:issue` event. An empty change is no change: nothing is recorded and nothing is sent.
 */
export function recordChange(
  site: Site,
  issue: Issue,
  actor: Actor,
  items: readonly ChangeItem[],
): History | undefined {
  if (items.length === 0) return undefined;
  const now = site.now();
  const history: History = {
    id: site.nextId('history'),
    authorAccountId: actor.accountId,
    byApp: actor.byApp,
    created: now,
    items: [...items],
  };
  issue.history.push(history);
  issue.updated = now;
  emitIssueUpdated(site, issue, actor, history);
  return history;
}

/** Comments and similar changes move `updated` without a changelog entry, as in Jira, so JQL on `updated` sees them. */
export function touchIssue(site: Site, issue: Issue): void {
  issue.updated = site.now();
}
