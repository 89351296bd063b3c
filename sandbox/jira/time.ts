/** Jira renders instants as `2026-11-24T05:56:11.123+0000`: ISO 8601 with a colon-less offset. The emulator runs in UTC. */
export function formatJiraTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}
