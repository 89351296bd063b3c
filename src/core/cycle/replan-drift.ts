/**
 * "Retry" on a pair in drift: its base says both sides were in step, so the rules would leave the
 * difference alone forever. Forgetting the base of the drifted fields, on both sides, makes the next plan
 * decide them afresh, as for a pair just linked: the conflict policy picks a side (or asks a person), and
 * whatever is written is read back before a base is stored again.
 */
import type { Json } from '../model';
import type { SyncStateStore } from '../ports';
import type { LinkedPair } from '../state';

export async function replanDrift(store: SyncStateStore, pair: LinkedPair | undefined): Promise<void> {
  if (pair?.status.state !== 'drift') return;
  const drifted = pair.status.fields;
  const keep = (record: Record<string, Json>, side: 'local' | 'remote') =>
    Object.fromEntries(Object.entries(record).filter(([path]) => !drifted.some((f) => f[side] === path)));
  const local = keep(pair.base.local, 'local');
  const remote = keep(pair.base.remote, 'remote');
  const replanned: LinkedPair = {
    ...pair,
    base: { local, remote },
    status: { state: 'pending', reason: 'replanning the fields that were out of sync' },
  };
  await store.putPair(replanned);
}
