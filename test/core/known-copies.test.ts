/**
 * The copies a listing may leave out (plan-cycle.ts nextKnownCopies): grouped by quarter minute, each group
 * timed at its latest copy (never before one of our writes, or the copy would be listed as changed by us),
 * and dropped once the cursor has passed them.
 */
import { nextKnownCopies } from '../../src/core/cycle/plan-cycle';
import { emptyConnectionState } from '../../src/core/state';

it('groups copies by quarter minute, timed at the latest, and drops groups the cursor passed', () => {
  const state = {
    ...emptyConnectionState('c'),
    knownCopies: { local: [{ ids: ['1'], until: '2026-12-05T10:00:00.000Z' }] },
  };
  const created = [
    { side: 'local' as const, id: '7', at: '2026-12-05T12:00:01.000Z' },
    { side: 'local' as const, id: '8', at: '2026-12-05T12:00:14.000Z' },
    { side: 'local' as const, id: '9', at: '2026-12-05T12:00:16.000Z' },
    { side: 'remote' as const, id: '50', at: '2026-12-05T12:00:02.000Z' },
  ];
  const next = nextKnownCopies(state, { local: '2026-12-05T12:00:00.000Z' }, created);
  expect(next.local).toEqual([
    { ids: ['7', '8'], until: '2026-12-05T12:00:14.000Z' },
    { ids: ['9'], until: '2026-12-05T12:00:16.000Z' },
  ]);
  // No remote cursor yet: nothing is dropped there.
  expect(next.remote).toEqual([{ ids: ['50'], until: '2026-12-05T12:00:02.000Z' }]);
});
