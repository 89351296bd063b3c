/**
 * The `hierarchy` capability (src/core/capabilities.ts): with it, issues are read with `hierarchy` (listings
 * too), and the `parent` path (PARENT_PATH) of `createIssue` and `updateIssue` sets the parent by its issue
 * id on this tracker, moves it, and removes it with null, answering what a read then finds. Without it,
 * issues come without `hierarchy` and `parent` is refused, naming why, with nothing written.
 *
 * Trackers whose levels depend on a type (Jira: an epic above a story) give the fields that make a parent
 * and a child in `subject.hierarchy`; the cases run where it is given or the capability is not declared.
 */
import { PARENT_PATH } from '../../../../src/core/model';
import type { SubjectRef } from '../tracker-contract';
import { listAll, readIssue, trackerErrorOf, unique } from './helpers';

export function hierarchyCases(subject: SubjectRef): void {
  describe('hierarchy', () => {
    it('sets, moves and removes a parent by issue id, as reads and listings then find', async () => {
      const s = subject();
      if (!s.tracker.capabilities.hierarchy || !s.hierarchy) return;
      const { parent: parentFields, child: childFields } = s.hierarchy;
      const first = await s.tracker.createIssue(
        { ...parentFields, [s.paths.title]: 'parent one' },
        unique('h'),
      );
      const second = await s.tracker.createIssue(
        { ...parentFields, [s.paths.title]: 'parent two' },
        unique('h'),
      );
      const since = new Date(Date.parse(first.updated) - 1000).toISOString();
      const child = await s.tracker.createIssue(
        { ...childFields, [s.paths.title]: 'child', [PARENT_PATH]: first.id },
        unique('h'),
      );
      expect(child.unwritten ?? []).toEqual([]);
      expect(child.hierarchy?.parent?.id).toBe(first.id);
      expect((await readIssue(s.tracker, child.id)).hierarchy).toEqual({
        parent: { id: first.id, key: first.key },
        level: expect.any(Number) as unknown,
      });
      expect((await readIssue(s.tracker, first.id)).hierarchy?.parent).toBeNull();

      await s.advance();
      expect(await s.tracker.updateIssue(child.id, { [PARENT_PATH]: second.id })).toEqual({
        [PARENT_PATH]: second.id,
      });
      expect((await readIssue(s.tracker, child.id)).hierarchy?.parent?.id).toBe(second.id);
      // Setting the parent it already has changes nothing and is no error.
      await s.tracker.updateIssue(child.id, { [PARENT_PATH]: second.id });
      const listed = (await listAll(s.tracker, since)).items.find((i) => i.id === child.id);
      expect(listed?.hierarchy?.parent?.id).toBe(second.id);

      await s.advance();
      expect(await s.tracker.updateIssue(child.id, { [PARENT_PATH]: null })).toEqual({ [PARENT_PATH]: null });
      expect((await readIssue(s.tracker, child.id)).hierarchy?.parent).toBeNull();
    });

    it('without the capability, reads no hierarchy and refuses a parent, writing nothing', async () => {
      const s = subject();
      if (s.tracker.capabilities.hierarchy) return;
      const [a = '', b = ''] = await s.personCreates(['no tree a', 'no tree b']);
      const before = await readIssue(s.tracker, b);
      expect(before.hierarchy).toBeUndefined();
      await trackerErrorOf(
        s.tracker.updateIssue(b, { [s.paths.title]: 'renamed?', [PARENT_PATH]: a }),
        'invalid_request',
      );
      expect((await readIssue(s.tracker, b)).fields[s.paths.title]).toBe(before.fields[s.paths.title]);
    });
  });
}
