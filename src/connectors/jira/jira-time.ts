/** Jira writes times as `2026-11-24T05:56:11.123+0000`; the engine compares ISO strings in UTC. */
export function jiraTimeToIso(value: string): string {
  const withColon = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(withColon);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/** An ISO time as Jira takes it where it documents its own format (a worklog's `started`). */
export function isoToJiraTime(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().replace('Z', '+0000');
}

/**
 * JQL compares dates in the calling user's time zone at minute precision, so an absolute time could be
 * off by hours for the app user. A relative "-Nm" does not depend on the zone; rounding up re-reads a
 * little more, which the engine deduplicates.
 */
export function minutesSince(since: string, now: Date): number {
  return Math.max(1, Math.ceil((now.getTime() - Date.parse(since)) / 60_000) + 1);
}

/**
 * The whole minutes to go back from Jira's now to a time at or after `until` (the engine's clock), for
 * "not updated since then": rounded down, so the time named is never before `until`. 0 when `until` is
 * less than a minute ago, which names no usable time. The difference of two of our own times does not
 * depend on how far Jira's clock is from ours.
 */
export function minutesBefore(until: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(until)) / 60_000));
}
