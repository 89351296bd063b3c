/* eslint-disable @typescript-eslint/unbound-method -- optional port methods are taken apart to check they exist, then called with .call(tracker) */
/**
 * Worklogs, as declared: a tracker that books time keeps a copy's time, start and comment (with its
 * attribution), lists it with its origin from a new instance, keeps the origin through an edit and
 * deletes it; a tracker that does not has none of the methods.
 */
import type { WorklogInput } from '../../../../src/core/model';
import type { SubjectRef } from '../tracker-contract';
import { textOf, trackerErrorOf, unique } from './helpers';

const STARTED = '2026-11-23T09:30:00.000Z';

export function worklogCases(subject: SubjectRef): void {
  describe('worklogs', () => {
    it('has the worklog methods exactly when it declares worklogs', () => {
      const { tracker } = subject();
      for (const method of ['listWorklogs', 'addWorklog', 'updateWorklog', 'deleteWorklog'] as const)
        expect(typeof tracker[method] === 'function').toBe(tracker.capabilities.worklogs);
    });

    it('books a copy with its origin, time, start and attribution, edits it keeping the origin, deletes it', async () => {
      const s = subject();
      const { listWorklogs, addWorklog, updateWorklog, deleteWorklog } = s.tracker;
      if (!s.tracker.capabilities.worklogs) return; // checked by the case above
      if (!listWorklogs || !addWorklog || !updateWorklog || !deleteWorklog)
        throw new Error('declared, missing');
      const [id = ''] = await s.personCreates(['time booked']);
      const held = s.heldWorklogStart?.(STARTED) ?? STARTED;
      const origin = unique('c1:rw');
      const booked: WorklogInput = {
        started: STARTED,
        timeSpentSeconds: 5400,
        comment: 'Wrote the **CSV** writer',
        author: { id: 'ana', displayName: 'Ana Lima' },
      };
      const added = await addWorklog.call(s.tracker, id, booked, origin, 'Ana Lima logged this in PARTNER:');
      expect(added).toMatchObject({ origin, started: held, timeSpentSeconds: 5400 });

      // A new instance, which never saw the add's answer, finds the copy by its origin.
      const fresh = await s.restart();
      let listed = (await fresh.listWorklogs?.(id)) ?? [];
      expect(listed.map((w) => ({ id: w.id, origin: w.origin }))).toEqual([{ id: added.id, origin }]);
      expect(listed[0]).toMatchObject({ started: held, timeSpentSeconds: 5400 });
      expect(textOf(listed[0]?.comment)).toContain('CSV');
      expect(textOf(listed[0]?.comment)).toContain('Ana Lima logged this in PARTNER:');

      const edited = { ...booked, timeSpentSeconds: 7200, comment: 'Took longer' };
      await updateWorklog.call(s.tracker, id, added.id, edited, 'Ana Lima logged this in PARTNER:');
      listed = await listWorklogs.call(s.tracker, id);
      expect(listed.map((w) => ({ id: w.id, origin: w.origin, seconds: w.timeSpentSeconds }))).toEqual([
        { id: added.id, origin, seconds: 7200 },
      ]);
      expect(textOf(listed[0]?.comment)).toContain('Took longer');
      expect(textOf(listed[0]?.comment)).not.toContain('CSV');

      await deleteWorklog.call(s.tracker, id, added.id);
      expect(await listWorklogs.call(s.tracker, id)).toEqual([]);
      await trackerErrorOf(deleteWorklog.call(s.tracker, id, added.id), 'not_found');
      await trackerErrorOf(addWorklog.call(s.tracker, s.missingId, booked, unique('c1:rw')), 'not_found');
    });
  });
}
