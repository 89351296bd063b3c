import type { Clock, SyncStateStore, TrackerPort } from '../ports';

/** What the engine needs from the outside world for one connection. */
export interface EngineDeps {
  local: TrackerPort;
  remote: TrackerPort;
  store: SyncStateStore;
  clock: Clock;
  /** Unique ids for plans; injectable so tests are deterministic. */
  newId: () => string;
}
