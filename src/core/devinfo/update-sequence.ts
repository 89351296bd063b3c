/**
 * `updateSequenceId` orders the updates of one entity: Jira ignores an update whose number is lower than
 * the stored one. Tandem numbers each delivery by when it was received, in microsecond-like steps
 * (receipt milliseconds × 1000 + the rank among deliveries received in the same millisecond). Receipt
 * order is the order the git server sent its events in; the servers' own timestamps have second
 * precision and a force-push can move a branch to an older commit, so they cannot order updates.
 * Receipt time × 1000 stays below 2^53 until the year 2255.
 */
export const SEQUENCE_STEPS_PER_MS = 1000;

export function sequenceFor(receivedAtMs: number, rankInSameMs: number): number {
  return receivedAtMs * SEQUENCE_STEPS_PER_MS + Math.min(rankInSameMs, SEQUENCE_STEPS_PER_MS - 1);
}

/** Sequences for deliveries in receipt order: equal receipt times get increasing ranks. */
export function sequencesInOrder(receivedAtMs: readonly number[]): number[] {
  const rank = new Map<number, number>();
  return receivedAtMs.map((ms) => {
    const r = rank.get(ms) ?? 0;
    rank.set(ms, r + 1);
    return sequenceFor(ms, r);
  });
}
