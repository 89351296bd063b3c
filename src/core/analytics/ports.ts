/**
 * What the export reads from Jira. The platform implements it over requestJira with the rate governor's
 * background lane; tests use a fake. Rate limits and outages throw retryable TrackerErrors.
 */
import type { CustomFieldMeta } from './export-schema';
import type { CompleteIssue } from './jira-export-shapes';
import type { ChangedIssue } from './stale-months';

export interface ExportSource {
  /** The site's custom fields (GET /rest/api/3/field), for the issues table's custom columns. */
  customFields(): Promise<CustomFieldMeta[]>;
  /**
   * Every issue of the project created within [from, to), with all its comments and history, paged with
   * `nextPageToken` (and the comment and changelog endpoints when the search answer holds only the first page).
   */
  issuesCreatedBetween(projectKey: string, from: Date, to: Date): Promise<CompleteIssue[]>;
  /** When the project's oldest issue was created; undefined for a project with no issues. */
  oldestCreated(projectKey: string): Promise<Date | undefined>;
  /** When this issue was created; undefined when it is gone. */
  createdOf(issueId: string): Promise<Date | undefined>;
  /** The project's issues updated in the last `minutes` minutes, for the self-healing scan (stale-months.ts). */
  issuesUpdatedWithin(projectKey: string, minutes: number): Promise<ChangedIssue[]>;
}
