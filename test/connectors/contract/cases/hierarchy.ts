/**
 * Parents, as declared (capabilities.hierarchy): a tracker with parents sets one by issue id through the
 * `parent` path (PARENT_PATH), answers it as held, reads it with the issue by id and in listings from a new
 * instance, moves it to another parent and removes it with null; a create takes a parent too. A tracker
 * without parents reads issues without `hierarchy`.
 */
import { PARENT_PATH, type FieldPatch } from '../../../../src/core/model';
import type { SubjectRef } from '../tracker-contract';
import { listAll, readIssue, unique } from './helpers';

export function hierarchyCases(subject: SubjectRef): void {
  describe('hierarchy', () => {
    it('reads issues without a hierarchy when it does not declare one', async () => {
      const s = subject();
      if (s.tracker.capabilities.hierarchy) return; // the case below
      const [id = ''] = await s.personCreates(['no tree']);
      expect((await readIssue(s.tracker, id)).hierarchy).toBeUndefined();
    });

    it('sets, answers, reads, moves and removes a parent by issue id, and creates under one, when it declares parents', async () => {
      const s = subject();
      if (!s.tracker.capabilities.hierarchy) return; // the case above
      const tree = s.hierarchy;
      if (!tree)
        throw new Error('declares hierarchy, but the subject names no fields for a parent and a child');
      const make = async (title: string, fields: FieldPatch) =>
        (await s.tracker.createIssue({ [s.paths.title]: title, ...fields }, unique('c1:l'))).id;
      const first = await make('first parent', tree.parent);
      const second = await make('second parent', tree.parent);
      const child = await make('child', tree.child);

      expect(await s.tracker.updateIssue(child, { [PARENT_PATH]: first })).toMatchObject({
        [PARENT_PATH]: first,
      });
      const fresh = await s.restart();
      expect((await readIssue(fresh, child)).hierarchy?.parent?.id).toBe(first);
      expect((await readIssue(fresh, first)).hierarchy?.parent).toBeNull();
      const listed = (await listAll(fresh, undefined)).items.find((i) => i.id === child);
      expect(listed?.hierarchy?.parent?.id).toBe(first);

      await s.tracker.updateIssue(child, { [PARENT_PATH]: second });
      expect((await readIssue(fresh, child)).hierarchy?.parent?.id).toBe(second);
      expect(await s.tracker.updateIssue(child, { [PARENT_PATH]: null })).toMatchObject({
        [PARENT_PATH]: null,
      });
      expect((await readIssue(fresh, child)).hierarchy?.parent).toBeNull();

      const born = await s.tracker.createIssue(
        { [s.paths.title]: 'born under a parent', ...tree.child, [PARENT_PATH]: first },
        unique('c1:l'),
      );
      expect(born.hierarchy?.parent?.id).toBe(first);
      expect((await readIssue(fresh, born.id)).hierarchy?.parent?.id).toBe(first);
    });
  });
}
