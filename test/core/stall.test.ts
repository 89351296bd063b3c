/** Activity's "no cycle has completed for longer than expected", and why, from the stored state alone. */
import { STALL_AFTER_MS, stallOf } from '../../src/core/cycle/stall';
import { emptyConnectionState } from '../../src/core/state';

const now = new Date('2026-12-05T08:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

it('a connection that completed a cycle within the expected time is not stalled', () => {
  const state = { ...emptyConnectionState('c1'), lastCompletedAt: ago(STALL_AFTER_MS - 1000) };
  expect(stallOf(state, undefined, now, true)).toBeNull();
});

it('names a live lock holder as the reason, with since when it has held the connection', () => {
  const state = { ...emptyConnectionState('c1'), lastCompletedAt: ago(40 * 60_000) };
  const lock = { since: ago(39 * 60_000), renewedAt: ago(5_000), expiresAt: ago(-25_000) };
  expect(stallOf(state, lock, now, true)).toEqual({
    since: ago(40 * 60_000),
    reasons: [expect.stringContaining(`held the connection's lock since ${lock.since}`)],
  });
});

it('a lock whose lease has run out is not a reason; the last failure and a half-done cycle are', () => {
  const state = {
    ...emptyConnectionState('c1'),
    lastCompletedAt: ago(30 * 60_000),
    lastError: { message: 'Jira said 401', code: 'unauthorized', at: ago(60_000) },
    recentCycles: [{ at: ago(60_000), incoming: 1, outgoing: 0, errors: 2, held: false, dryRun: false }],
  };
  const expired = { since: ago(20 * 60_000), renewedAt: ago(90_000), expiresAt: ago(60_000) };
  const stall = stallOf(state, expired, now, true);
  expect(stall?.reasons).toEqual([
    expect.stringContaining('Jira said 401'),
    expect.stringContaining('stopped before its end'),
  ]);
});

it('with nothing in the way, says that work is not reaching the connection; a disabled one is never stalled', () => {
  const state = { ...emptyConnectionState('c1'), lastCompletedAt: ago(STALL_AFTER_MS + 1000) };
  expect(stallOf(state, undefined, now, true)?.reasons).toEqual([
    expect.stringContaining('not reaching the connection'),
  ]);
  expect(stallOf(state, undefined, now, false)).toBeNull();
});
