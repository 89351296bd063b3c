/**
 * Drift: a pair whose two issues differ in a mapped value while each still matches its own base, so no
 * rule will ever repair it. The self-healing pass finds it from the listing it already reads, the pair is
 * shown "Out of sync" naming the field and both values (never "ok"), and Retry decides it afresh.
 */
import { replanDrift } from '../../src/core/cycle/replan-drift';
import { FULL_SCAN_EVERY_MS, runCycle } from '../../src/core/cycle/run-cycle';
import { findDrift } from '../../src/core/rules/find-drift';
import { makeWorld, partnerOf, type World } from './harness';

/**
 * The planted fault: the remote title changes and the pair's base is rewritten as if that value had been
 * synced (a base stored for a value never written), so both sides match their bases and differ.
 */
async function plantDrift(w: World, localId: string) {
  const pair = w.store.all('c1').find((p) => p.local?.id === localId)!;
  w.remote.userEdit(pair.remote!.id, { title: 'Renamed on the partner' });
  const remote = partnerOf(w, localId)!;
  pair.base.remote.title = 'Renamed on the partner';
  pair.lastRemoteUpdated = remote.updated;
  await w.store.putPair(pair);
  return pair.pairId;
}

async function linked() {
  const w = makeWorld();
  const l = w.local.userCreate({ summary: 'Original', 'status.name': 'In Progress' });
  await w.cycle();
  return { w, l };
}

it('a pair in step shows no drift, through the value map and across the status map', async () => {
  const { w, l } = await linked();
  w.clock.advance(FULL_SCAN_EVERY_MS);
  await w.cycle();
  const pair = w.store.all('c1').find((p) => p.local?.id === l.id)!;
  expect(pair.status).toEqual({ state: 'ok' });
  // "In Progress" maps to "open", and "open" maps back to "To Do": either direction agreeing is in step.
  expect(findDrift(w.connection, w.local.snapshot()[0]!, partnerOf(w, l.id)!)).toEqual([]);
});

it('the self-healing pass shows drift naming the field and both values, with no extra call', async () => {
  const { w, l } = await linked();
  const pairId = await plantDrift(w, l.id);
  w.clock.advance(FULL_SCAN_EVERY_MS);
  w.local.resetCalls();
  w.remote.resetCalls();
  await w.cycle();
  const pair = (await w.store.getPair('c1', pairId))!;
  expect(pair.status).toMatchObject({
    state: 'drift',
    fields: [
      { local: 'summary', remote: 'title', localValue: 'Original', remoteValue: 'Renamed on the partner' },
    ],
  });
  expect(pair.status.state === 'drift' && pair.status.message).toBe(
    `Out of sync: summary is "Original" here and "Renamed on the partner" on ${partnerOf(w, l.id)!.key}`,
  );
  // The comparison used the listings: one listing per side, nothing read per pair, nothing written.
  expect(w.local.calls.getIssues + w.remote.calls.getIssues).toBe(0);
  expect(w.local.writes + w.remote.writes).toBe(0);

  // Later cycles do not quietly call it in sync.
  await w.cycle();
  w.clock.advance(FULL_SCAN_EVERY_MS);
  await w.cycle();
  expect((await w.store.getPair('c1', pairId))!.status.state).toBe('drift');
});

it('Retry replans a pair in drift: the rules decide it afresh and both sides end equal', async () => {
  const { w, l } = await linked();
  const pairId = await plantDrift(w, l.id);
  w.clock.advance(FULL_SCAN_EVERY_MS);
  await w.cycle();
  await replanDrift(w.store, await w.store.getPair('c1', pairId));
  const pair = (await w.store.getPair('c1', pairId))!;
  await runCycle(w.deps, w.connection, {
    scope: { kind: 'issues', local: [pair.local!.id], remote: [pair.remote!.id] },
  });
  const after = (await w.store.getPair('c1', pairId))!;
  const local = w.local.snapshot().find((i) => i.id === l.id)!;
  expect(local.fields.summary).toBe(partnerOf(w, l.id)!.fields.title);
  expect(after.status.state).toBe('ok');
});
