/** Bulk connect: issues that already exist on both sides are linked, not copied; ambiguous ones are left alone. */
import { backfill } from '../../src/core/cycle/run-cycle';
import { makeWorld, partnerOf } from './harness';

it('links matching issues instead of copying them, and copies the rest', async () => {
  const w = makeWorld();
  const a = w.local.userCreate({ summary: 'Login fails', labels: ['ui'] });
  w.remote.userCreate({ title: 'login fails ', labels: ['auth'] });
  w.local.userCreate({ summary: 'Only here' });
  w.remote.userCreate({ title: 'Only there' });
  // Two remote issues with the same title: a match would be a guess.
  w.local.userCreate({ summary: 'Twice' });
  w.remote.userCreate({ title: 'Twice' });
  w.remote.userCreate({ title: 'Twice' });

  const result = await backfill(w.deps, w.connection, { local: 'summary', remote: 'title' });
  expect(result.outcome).toBe('executed');
  const state = await w.store.getConnectionState('c1');
  expect(state.backfill).toMatchObject({ linked: 1, ambiguous: 1, scanned: { local: 3, remote: 4 } });

  // The matched pair was linked, and the rules merged it (labels merge; remote wins the title).
  const partner = partnerOf(w, a.id)!;
  expect(
    w.remote
      .snapshot()
      .filter(
        (i) => typeof i.fields.title === 'string' && i.fields.title.toLowerCase().trim() === 'login fails',
      ),
  ).toHaveLength(1);
  expect(new Set(partner.fields.labels as string[])).toEqual(new Set(['ui', 'auth']));
  // Everything unmatched was copied: each side ends with the 6 distinct issues.
  expect(w.local.snapshot()).toHaveLength(6);
  expect(w.remote.snapshot()).toHaveLength(6);
});

it('shows the run in progress while it lists, before anything is linked', async () => {
  const w = makeWorld();
  w.local.userCreate({ summary: 'Login fails' });
  w.remote.userCreate({ title: 'Login fails' });
  let during: unknown;
  w.remote.onCall = async ({ op, phase }) => {
    if (op === 'listUpdatedSince' && phase === 'before' && during === undefined)
      during = (await w.store.getConnectionState('c1')).backfill;
  };
  await backfill(w.deps, w.connection, { local: 'summary', remote: 'title' });
  expect(during).toMatchObject({ linked: 0, scanned: { local: 0, remote: 0 } });
  expect(during).not.toHaveProperty('finishedAt');
  expect((await w.store.getConnectionState('c1')).backfill).toMatchObject({ linked: 1 });
});
