import type { Identity } from '../types';

/** The resolved caller of one request: its identity and the Jira account that changes are attributed to. */
export interface Actor {
  readonly identity: Identity;
  readonly accountId: string;
  readonly byApp: boolean;
}
