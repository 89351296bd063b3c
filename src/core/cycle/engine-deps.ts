import type { Clock, CreatedIssue, SyncStateStore, TrackerPort } from '../ports';
import type { ByteBudget } from './byte-budget';

/** What the engine needs from the outside world for one connection. */
export interface EngineDeps {
  local: TrackerPort;
  remote: TrackerPort;
  store: SyncStateStore;
  clock: Clock;
  /** Unique ids for plans; injectable so tests are deterministic. */
  newId: () => string;
  /** Attachment bytes in memory at once; the executor gives each run one (TRANSFER_BUDGET_BYTES). */
  transfers?: ByteBudget;
  /** Copies this run's bulk creates made, by create mutation key (bulk-create.ts); the executor gives each run one. */
  bulkCreated?: Map<string, CreatedIssue>;
}
