/**
 * The rule set a new Jira ↔ Jira connection starts with: the fields both sides share, two-way, with the
 * remote side winning a true conflict (trackersync's default), labels merged, every comment, file
 * and issue link.
 */
import type { ConnectionInput } from './connection';

export const JIRA_TO_JIRA_RULES: ConnectionInput['rules'] = [
  { kind: 'two-way', local: 'summary', remote: 'summary' },
  { kind: 'two-way', local: 'description', remote: 'description' },
  { kind: 'two-way', local: 'status.name', remote: 'status.name' },
  { kind: 'two-way', local: 'priority.name', remote: 'priority.name' },
  { kind: 'two-way', local: 'labels', remote: 'labels', mergeSets: true },
  { kind: 'messages', allOutgoing: true },
  { kind: 'files' },
  { kind: 'links' },
];
