/**
 * Trigger for local Jira changes: parse the event, then hand it to whoever records the change and
 * queues its outgoing sync. Nothing slow happens here; the consumer does the work.
 */
import { licenseStateOf, type LicenseState } from '../../core/licensing/license-state';
import { recordLocalChange } from '../../platform/forge-app';
import { parseInput } from '../shared/parse-input';
import { JiraEventSchema, type JiraEvent } from './jira-event-schema';

export interface JiraEventDeps {
  recordLocalChange(event: JiraEvent, license: LicenseState): Promise<void>;
}

export const makeJiraEventHandler =
  (deps: JiraEventDeps) =>
  async (event: unknown, context?: unknown): Promise<void> => {
    const parsed = parseInput(JiraEventSchema, event, 'Jira product event');
    // ignoreSelf already filters these; a second guard keeps our own writes from echoing back.
    if (parsed.selfGenerated) return;
    await deps.recordLocalChange(parsed, licenseStateOf(context));
  };

export const onJiraEvent = makeJiraEventHandler({ recordLocalChange });
