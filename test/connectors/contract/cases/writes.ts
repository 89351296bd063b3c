/**
 * `createIssue` and `updateIssue`: a create answers the issue as the tracker holds it; an update answers,
 * at each patched path it answers, exactly what a read then finds (the engine stores it as the base), and a
 * path left out of the answer holds what was sent. Writes to an issue that does not exist fail `not_found`.
 */
import type { FieldPatch } from '../../../../src/core/model';
import { getPath } from '../../../../src/core/paths';
import type { CanonicalIssue } from '../../../../src/core/model';
import type { ContractSubject, SubjectRef } from '../tracker-contract';
import { readIssue, trackerErrorOf, unique } from './helpers';

/** Every answered path equals what a read finds; every path not answered holds what was sent. */
function expectHeld(s: ContractSubject, patch: FieldPatch, answered: FieldPatch, read: CanonicalIssue): void {
  for (const path of Object.keys(answered)) expect(Object.keys(patch)).toContain(path);
  for (const [path, sent] of Object.entries(patch)) {
    const held = getPath(read.fields, path) ?? null;
    if (path in answered) expect({ path, answered: answered[path] }).toEqual({ path, answered: held });
    else
      expect({ path, held }).toEqual({
        path,
        held: path === s.paths.body && typeof sent === 'string' ? s.heldBody(sent) : sent,
      });
  }
}

export function writeCases(subject: SubjectRef): void {
  describe('createIssue', () => {
    it('answers the issue as the tracker holds it, which a read then finds', async () => {
      const s = subject();
      const origin = unique('c1:l');
      const fields = {
        [s.paths.title]: 'Created through the port',
        [s.paths.body]: 'Steps: **bold** and `code`',
      };
      const created = await s.tracker.createIssue(fields, origin);
      expect(created.fields[s.paths.title]).toBe('Created through the port');
      expect(getPath(created.fields, s.paths.body)).toEqual(s.heldBody('Steps: **bold** and `code`'));
      expect(created.unwritten ?? []).toEqual([]);
      const read = await readIssue(s.tracker, created.id);
      for (const path of [s.paths.title, s.paths.body])
        expect({ path, read: getPath(read.fields, path) }).toEqual({
          path,
          read: getPath(created.fields, path),
        });
      expect({ id: read.id, key: read.key, url: read.url }).toEqual({
        id: created.id,
        key: created.key,
        url: created.url,
      });
    });
  });

  describe('updateIssue', () => {
    it('answers what the tracker now holds at each patched path', async () => {
      const s = subject();
      const created = await s.tracker.createIssue(
        { [s.paths.title]: 'Before', [s.paths.body]: 'old' },
        unique('c1:l'),
      );
      const patch: FieldPatch = {
        [s.paths.title]: 'After',
        [s.paths.body]: 'Now **bold**, a [link](https://example.com) and\n\n- a list',
        ...(s.paths.labels ? { [s.paths.labels]: ['contract', 'suite'] } : {}),
      };
      const answered = await s.tracker.updateIssue(created.id, patch);
      expectHeld(s, patch, answered, await readIssue(s.tracker, created.id));
    });

    it('clears the body with null, and answers what it holds then', async () => {
      const s = subject();
      const created = await s.tracker.createIssue(
        { [s.paths.title]: 'Has a body', [s.paths.body]: 'text' },
        unique('c1:l'),
      );
      const answered = await s.tracker.updateIssue(created.id, { [s.paths.body]: null });
      const read = await readIssue(s.tracker, created.id);
      const held = getPath(read.fields, s.paths.body) ?? null;
      expect(held === null || held === '' || JSON.stringify(held) === JSON.stringify(s.heldBody(''))).toBe(
        true,
      );
      if (s.paths.body in answered) expect(answered[s.paths.body]).toEqual(held);
    });

    it('moves the status both ways and answers the status it reached', async () => {
      const s = subject();
      const { status } = s;
      if (!status) {
        expect(s.tracker.stepwisePaths ?? []).toEqual([]);
        return;
      }
      const created = await s.tracker.createIssue({ [s.paths.title]: 'Moves' }, unique('c1:l'));
      for (const to of [status.to, status.from]) {
        const answered = await s.tracker.updateIssue(created.id, { [status.path]: to });
        const read = await readIssue(s.tracker, created.id);
        expect(getPath(read.fields, status.path)).toBe(to);
        if (status.path in answered) expect(answered[status.path]).toBe(to);
      }
    });

    it('fails not_found for an issue that does not exist', async () => {
      const s = subject();
      await trackerErrorOf(s.tracker.updateIssue(s.missingId, { [s.paths.title]: 'nobody' }), 'not_found');
    });
  });
}
