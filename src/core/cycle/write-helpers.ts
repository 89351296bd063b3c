/** Small steps every executor takes: the issue a side's write goes to, and deletes that may find nothing. */
import { TrackerError } from '../errors';
import type { Side } from '../model';
import type { LinkedPair } from '../state';

export function targetId(pair: LinkedPair, side: Side): string {
  const ref = pair[side];
  if (!ref) throw new TrackerError('not_found', `the ${side} issue of this pair does not exist yet`);
  return ref.id;
}

/** A delete of something already gone has done its work. */
export async function ignoreMissing(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof TrackerError && err.code === 'not_found')) throw err;
  }
}
