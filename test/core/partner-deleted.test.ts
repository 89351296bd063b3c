/**
 * A pair whose partner was deleted: Tandem does not recreate the issue, and the pair shows an error naming
 * it instead of claiming it is in sync, whether the survivor changes (the next cycle) or not (the full scan).
 * The soak found pairs left `ok` with their partner gone (bench/soak/invariants.ts `partner-deleted`).
 */
import { FULL_SCAN_EVERY_MS, runCycle } from '../../src/core/cycle/run-cycle';
import { makeWorld, partnerOf } from './harness';

async function pairedWorld() {
  const w = makeWorld();
  const l = w.local.userCreate({ summary: 'Paired' });
  await w.cycle();
  const r = partnerOf(w, l.id)!;
  return { w, l, r, pair: () => w.store.all('c1').find((p) => p.local?.id === l.id)! };
}

describe('a deleted partner', () => {
  it('is not recreated, and the pair is in error once the survivor changes', async () => {
    const { w, l, r, pair } = await pairedWorld();
    expect(pair().status.state).toBe('ok');
    w.remote.userDeleteIssue(r.id);
    w.local.userEdit(l.id, { summary: 'Edited after the partner went' });
    await w.cycle();
    expect(w.remote.snapshot()).toEqual([]);
    const status = pair().status;
    expect(status.state).toBe('error');
    expect(status.state === 'error' && status.message).toContain(
      `${r.key} no longer exists on the remote side`,
    );
  });

  it('puts the pair in error at the full scan when the survivor never changes', async () => {
    const { w, l, pair } = await pairedWorld();
    w.local.userDeleteIssue(l.id);
    await w.cycle();
    w.clock.advance(FULL_SCAN_EVERY_MS);
    await w.cycle();
    const status = pair().status;
    expect(status.state).toBe('error');
    expect(status.state === 'error' && status.message).toContain(
      `${l.key} no longer exists on the local side`,
    );
    // Shown once: the next full scan does not write the same error again.
    const before = pair();
    w.clock.advance(FULL_SCAN_EVERY_MS);
    await w.cycle();
    expect(pair().status).toEqual(before.status);
  });

  it('puts the pair in error at once when the cycle is asked for the deleted issue (its deletion event)', async () => {
    const { w, l, pair } = await pairedWorld();
    w.local.userDeleteIssue(l.id);
    await runCycle(w.deps, w.connection, { scope: { kind: 'issues', local: [l.id], remote: [] } });
    const status = pair().status;
    expect(status.state).toBe('error');
    expect(status.state === 'error' && status.message).toContain(
      `${l.key} no longer exists on the local side`,
    );
  });
});
