/**
 * A local Jira change becomes a cycle scoped to the issue the event names, in the live lane, coalesced per
 * issue for a short window as tracker webhooks are (receive-tracker-webhook.ts): no re-listing of either
 * tracker. A deletion is scoped to its issue too: a cycle asked for an issue that is gone finds its pair and
 * shows the error (core/cycle/plan-cycle.ts), which an unscoped listing of changes never sees. An event that
 * names no issue (an attachment event without `issueId`) still starts an unscoped cycle.
 */
import { kvs } from '@forge/kvs';
import type { JiraEvent } from '../../entry/triggers/jira-event-schema';
import type { ConnectionRepository, WorkQueue } from '../../core/ports';
import { cycle, eventCycle } from '../../core/work/run-work-item';
import { keys } from '../kvs/keys';
import { markOnce } from '../kvs/mark-once';

const PENDING_TTL_S = 60;
/** Events on one issue within this window share a cycle. */
const GATHER_DELAY_S = 2;

export interface LocalChangeDeps {
  connections: ConnectionRepository;
  queue: WorkQueue;
}

export async function recordLocalChange(deps: LocalChangeDeps, event: JiraEvent): Promise<void> {
  const project = projectOf(event);
  const targets = (await deps.connections.list()).filter(
    (c) => c.enabled && (project === undefined || c.localProject === project),
  );
  const issueIds = issuesOf(event);
  if (issueIds === undefined) {
    await deps.queue.push(targets.map((c) => cycle(c.id, 'event')));
    return;
  }
  for (const connection of targets) {
    const fresh: string[] = [];
    for (const id of issueIds) if (await markPending(connection.id, id)) fresh.push(id);
    if (fresh.length === 0) continue;
    try {
      await deps.queue.push([eventCycle(connection.id, fresh)], GATHER_DELAY_S);
    } catch (err) {
      // Unmark, so the next event tries again; the schedule's listing finds the change meanwhile.
      await clearEventPending(connection.id, fresh);
      throw err;
    }
  }
}

/** The local issues an event names; `undefined` when a scoped cycle cannot stand for it. */
function issuesOf(event: JiraEvent): string[] | undefined {
  switch (event.eventType) {
    case 'avi:jira:deleted:issue':
    case 'avi:jira:created:issue':
    case 'avi:jira:updated:issue':
    case 'avi:jira:commented:issue':
    case 'avi:jira:deleted:comment':
      return [event.issue.id];
    case 'avi:jira:created:attachment':
    case 'avi:jira:deleted:attachment':
      return event.attachment.issueId === undefined ? undefined : [event.attachment.issueId];
    case 'avi:jira:created:issuelink':
    case 'avi:jira:deleted:issuelink':
      return [...new Set([event.sourceIssueId, event.destinationIssueId])];
  }
}

/** Issue and comment events name the project; attachment and link events do not, so they reach every connection. */
function projectOf(event: JiraEvent): string | undefined {
  switch (event.eventType) {
    case 'avi:jira:created:issue':
    case 'avi:jira:updated:issue':
    case 'avi:jira:deleted:issue':
    case 'avi:jira:commented:issue':
    case 'avi:jira:deleted:comment':
      return event.issue.fields?.project?.key;
    default:
      return undefined;
  }
}

/** True when this call set the mark, false when a queued cycle already covers the issue. */
const markPending = (connectionId: string, issueId: string): Promise<boolean> =>
  markOnce(keys.localEventPending(connectionId, issueId), PENDING_TTL_S);

/** The queued cycle clears its marks before it reads, so an event arriving meanwhile queues again. */
export async function clearEventPending(connectionId: string, issueIds: readonly string[]): Promise<void> {
  for (const issueId of issueIds) await kvs.delete(keys.localEventPending(connectionId, issueId));
}
