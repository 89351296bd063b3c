/**
 * A product event on an exported project's issue re-exports the month the issue was created in, coalesced
 * per month for a short window (run-analytics-work.ts). The event names the issue's creation time when Forge
 * sends the issue's fields; otherwise a queued lookup finds the month (for a deleted issue, from the files).
 */
import { z } from 'zod';
import type { JiraEvent } from '../../entry/triggers/jira-event-schema';
import type { WorkQueue } from '../../core/ports';
import { jiraInstant } from '../../core/analytics/export-rows';
import { readExportConfig } from './export-store';
import { queueMonthExport } from './run-analytics-work';

const CreatedSchema = z.looseObject({ created: z.string().optional() });

/** The issue an issue or comment event is about; attachment and link events name no project. */
function issueOf(event: JiraEvent): { id: string; project: string | undefined; fields: unknown } | undefined {
  switch (event.eventType) {
    case 'avi:jira:created:issue':
    case 'avi:jira:updated:issue':
    case 'avi:jira:deleted:issue':
    case 'avi:jira:commented:issue':
    case 'avi:jira:deleted:comment':
      return { id: event.issue.id, project: event.issue.fields?.project?.key, fields: event.issue.fields };
    default:
      return undefined;
  }
}

export async function recordExportChange(queue: WorkQueue, event: JiraEvent): Promise<void> {
  const issue = issueOf(event);
  if (issue?.project === undefined) return;
  const config = await readExportConfig(issue.project);
  if (!config?.enabled) return;
  const fields = CreatedSchema.safeParse(issue.fields);
  const created = fields.success ? jiraInstant(fields.data.created) : null;
  if (created === null) {
    await queue.push([
      { kind: 'analytics', body: { task: 'locate', exportId: config.exportId, issueId: issue.id } },
    ]);
    return;
  }
  await queueMonthExport(queue, config.exportId, created.toISOString().slice(0, 7));
}
