/**
 * Trigger for local Jira changes: parse the event, then hand it to whoever records the change and
 * queues its outgoing sync. Nothing slow happens here; the consumer does the work.
 */
import { recordLocalChange } from '../../platform/forge-app';
import { parseInput } from '../shared/parse-input';
import { JiraEventSchema, type JiraEvent } from './jira-event-schema';

export interface JiraEventDeps {
  recordLocalChange(event: JiraEvent): Promise<void>;
}

export const makeJiraEventHandler =
  (deps: JiraEventDeps) =>
  async (event: unknown): Promise<void> => {
    const parsed = parseInput(JiraEventSchema, event, 'Jira product event');
    // ignoreSelf already filters these; a second guard keeps our own writes from echoing back.
    if (parsed.selfGenerated) return;
    await deps.recordLocalChange(parsed);
  };

export const onJiraEvent = makeJiraEventHandler({ recordLocalChange });
