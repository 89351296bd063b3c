/**
 * The export's self-healing scan (issue #17: "The self-healing scan repairs what missed events left stale").
 * Events keep the month files fresh, but some changes send none: Forge drops the events of the app's own
 * writes (`filter.ignoreSelf`, so every change the sync writes into the project), and an event can be lost.
 * The scan asks Jira which issues changed since the last scan and re-exports each month whose files were read
 * before its issue's last change, or do not hold the issue at all (a create whose event was missed).
 */

/** An issue as the scan's search answers it: enough to find its month and tell whether that month is stale. */
export interface ChangedIssue {
  id: string;
  created: Date;
  updated: Date;
}

/** A written month as the scan compares it: when its read of Jira began, and the issues it holds. */
export interface WrittenMonth {
  month: string;
  readAt: Date;
  issueIds: readonly string[];
}

/**
 * Jira's `updated` and the app's clock are different clocks, and a search's window is in whole minutes: the
 * window reaches this far before the last scan, so no change falls between two scans.
 */
export const SCAN_OVERLAP_MINUTES = 5;

/** The JQL window, `updated >= "-<n>m"`, that covers everything since `since` with the overlap. */
export function scanWindowMinutes(since: Date, now: Date): number {
  const elapsed = Math.max(0, now.getTime() - since.getTime());
  return Math.ceil(elapsed / 60_000) + SCAN_OVERLAP_MINUTES;
}

/** The month an issue's files go in: its creation's, in UTC. */
export const monthOfCreated = (created: Date): string => created.toISOString().slice(0, 7);

/**
 * The months to export again, oldest first: each changed issue's month when the month's read began at or
 * before the change, or when the month is not written or does not hold the issue. A month read after the
 * change holds it already, so a quiet project costs one search and no export.
 */
export function staleMonths(changed: readonly ChangedIssue[], written: readonly WrittenMonth[]): string[] {
  const byMonth = new Map(written.map((w) => [w.month, w]));
  const stale = new Set<string>();
  for (const issue of changed) {
    const month = monthOfCreated(issue.created);
    const files = byMonth.get(month);
    if (!files || !files.issueIds.includes(issue.id) || files.readAt.getTime() <= issue.updated.getTime())
      stale.add(month);
  }
  return [...stale].sort();
}
