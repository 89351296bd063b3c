/**
 * The self-healing pass and single-issue cycles: a change the cursor-based cycle cannot see (its cursor was
 * moved past it) is repaired by the next full scan; "Sync now" on one issue touches only that issue.
 */
import { FULL_SCAN_EVERY_MS, runCycle } from '../../src/core/cycle/run-cycle';
import { makeWorld, partnerOf } from './harness';

async function linkedWorld() {
  const w = makeWorld();
  const l = w.local.userCreate({ summary: 'Original' });
  await w.cycle();
  return { w, l };
}

/** Simulates a missed change: the stored cursors jump an hour ahead of the edit. */
async function skipCursorsPast(w: ReturnType<typeof makeWorld>) {
  const state = await w.store.getConnectionState('c1');
  const later = new Date(w.clock.ms() + 3_600_000).toISOString();
  state.cursors = { local: later, remote: later };
  await w.store.putConnectionState(state);
}

describe('self-healing', () => {
  it('a change the cursors skipped is repaired by the next full scan, not before', async () => {
    const { w, l } = await linkedWorld();
    w.local.userEdit(l.id, { summary: 'Edited while events were lost' });
    await skipCursorsPast(w);
    await w.cycle();
    expect(partnerOf(w, l.id)!.fields.title).toBe('Original');

    w.clock.advance(FULL_SCAN_EVERY_MS);
    await w.cycle();
    expect(partnerOf(w, l.id)!.fields.title).toBe('Edited while events were lost');
  });

  it('the full scan writes nothing when everything is in step', async () => {
    const { w } = await linkedWorld();
    w.clock.advance(FULL_SCAN_EVERY_MS);
    w.local.resetCalls();
    w.remote.resetCalls();
    const result = await w.cycle();
    expect(result.outcome === 'executed' && result.plan.mutations).toEqual([]);
    expect(w.local.writes + w.remote.writes).toBe(0);
    expect((await w.store.getConnectionState('c1')).lastFullScanAt).toBeDefined();
  });
});

describe('a cycle for a few issues ("Sync now")', () => {
  it('syncs only the named issue and leaves the cursors alone', async () => {
    const { w, l } = await linkedWorld();
    const other = w.local.userCreate({ summary: 'Not asked for' });
    w.local.userEdit(l.id, { summary: 'Asked for' });
    const before = (await w.store.getConnectionState('c1')).cursors;
    const result = await runCycle(w.deps, w.connection, {
      scope: { kind: 'issues', local: [l.id], remote: [] },
    });
    expect(result.outcome).toBe('executed');
    expect(partnerOf(w, l.id)!.fields.title).toBe('Asked for');
    expect(partnerOf(w, other.id)).toBeUndefined();
    expect((await w.store.getConnectionState('c1')).cursors).toEqual(before);
  });
});

describe('trackers whose `updated` has whole seconds', () => {
  it('an edit in the same second the cycle read the issue is not skipped as seen', async () => {
    const w = makeWorld();
    const l = w.local.userCreate({ summary: 'Original' });
    await w.cycle();
    const r = partnerOf(w, l.id)!;

    // At one instant: both sides edited to the same title (a cycle reads them and writes nothing), then
    // the remote one edited again.
    w.local.userEdit(l.id, { summary: 'Same on both' });
    w.remote.userEdit(r.id, { title: 'Same on both' });
    const quiet = await runCycle(w.deps, w.connection);
    expect(quiet.outcome === 'executed' && quiet.plan.mutations).toEqual([]);
    w.remote.userEdit(r.id, { title: 'Edited in the same second' });

    w.clock.advance(5_000);
    await w.cycle();
    expect(w.local.snapshot().find((i) => i.id === l.id)?.fields.summary).toBe('Edited in the same second');
  });

  it('counts from when the reads began, so a long listing does not hide the same second', async () => {
    const w = makeWorld();
    const l = w.local.userCreate({ summary: 'Original' });
    await w.cycle();
    const r = partnerOf(w, l.id)!;
    w.local.userEdit(l.id, { summary: 'Same on both' });
    w.remote.userEdit(r.id, { title: 'Same on both' });
    // The listing takes 10 s (many pages): planning happens well after the issues were read.
    w.remote.onCall = ({ op, phase }) => {
      if (op === 'listUpdatedSince' && phase === 'after') w.clock.advance(10_000);
    };
    await runCycle(w.deps, w.connection);
    w.remote.onCall = undefined;
    // An edit in the very second the listing read the issue: the time stays the one the cycle saw.
    w.clock.advance(-10_000);
    w.remote.userEdit(r.id, { title: 'Edited during the listing' });
    await w.cycle();
    expect(w.local.snapshot().find((i) => i.id === l.id)?.fields.summary).toBe('Edited during the listing');
  });
});
