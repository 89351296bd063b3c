/**
 * The journal of writes that cannot be repeated safely (creates, adds): an entry goes into the pair, and
 * is stored, before the write is sent; the entry goes once the mapping it led to is recorded. A run that
 * finds an entry does not know whether the write landed, so it looks for it by origin before writing again.
 */
import type { InflightWrite, LinkedPair } from '../state';
import type { EngineDeps } from './engine-deps';

export interface Journal {
  /**
   * Runs a write that cannot be repeated safely. Returns what was written and the journal entry of the
   * attempt that wrote it: on a retry that finds an earlier write, that entry says what was really sent,
   * which may differ from what this plan would send after people kept editing.
   */
  run: <T>(
    find: (since: string) => Promise<T | undefined>,
    write: () => Promise<T>,
    sent: Omit<InflightWrite, 'at'>,
  ) => Promise<{ value: T; sent: InflightWrite; found: boolean }>;
  /** Ends the entry; callers persist the pair after the group, so it goes in the same write as the mapping. */
  done: () => void;
}

export function journalFor(deps: EngineDeps, pair: LinkedPair, key: string): Journal {
  return {
    async run(find, write, sent) {
      const attempted = pair.inflight[key];
      if (attempted !== undefined) {
        const found = await find(attempted.at);
        if (found !== undefined) return { value: found, sent: attempted, found: true };
      }
      const entry: InflightWrite = { at: deps.clock.now().toISOString(), ...sent };
      pair.inflight[key] = entry;
      await deps.store.putPair(pair);
      return { value: await write(), sent: entry, found: false };
    },
    done() {
      endJournal(pair, key);
    },
  };
}

export function endJournal(pair: LinkedPair, key: string): void {
  pair.inflight = Object.fromEntries(Object.entries(pair.inflight).filter(([k]) => k !== key));
}
