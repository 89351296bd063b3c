/**
 * The `hierarchy` capability (src/core/capabilities.ts): with it, issues are read with `hierarchy` (listings
 * too), and the `parent` path (PARENT_PATH) of `createIssue` and `updateIssue` sets the parent by its issue
 * id on this tracker, moves it, and removes it with null, answering what a read then finds. Without it,
 * issues come without `hierarchy` and `parent` is refused, naming why, with nothing written.
 *
 * A tracker that declares it gives, in `subject.hierarchy`, the fields that make a parent and a child (Jira:
 * an epic above a task; trackers without issue types: none). A new instance reads what an earlier one set.
 */
import { PARENT_PATH, type FieldPatch } from '../../../../src/core/model';
import type { SubjectRef } from '../tracker-contract';
import { listAll, readIssue, trackerErrorOf, unique } from './helpers';

export function hierarchyCases(subject: SubjectRef): void {
  describe('hierarchy', () => {
    it('sets, moves and removes a parent by issue id, as reads and listings then find', async () => {
      const s = subject();
      if (!s.tracker.capabilities.hierarchy) return; // the case below
      if (!s.hierarchy)
        throw new Error('declares hierarchy, but the subject names no fields for a parent and a child');
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

    it('a new instance reads the parent it was given, in reads and listings, and a create takes a parent', async () => {
      const s = subject();
      if (!s.tracker.capabilities.hierarchy) return; // the case below
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
