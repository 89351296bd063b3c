/**
 * Reads by id and by origin: `getIssues` answers what exists and leaves out the rest; `findIssue` takes only
 * the tracker's own forms and says nothing about what lies outside the scope; `findIssueByOrigin` finds a copy
 * made just before a crash, from a fresh instance that never saw the create's answer.
 */
import type { SubjectRef } from '../tracker-contract';
import { readIssue, unique } from './helpers';

/** Refs no tracker takes: words, paths, URLs, SQL and JQL fragments, empty and padded text. */
const INVALID_REFS = [
  '',
  'not an issue',
  '../../1',
  'https://example.com/issues/1',
  '1 OR 1=1',
  ' 1 ',
  '1/2',
];

export function lookupCases(subject: SubjectRef): void {
  describe('getIssues', () => {
    it('answers the issues asked for, each once, and leaves out ids that do not exist', async () => {
      const s = subject();
      const [a = '', b = ''] = await s.personCreates(['read a', 'read b']);
      const read = await s.tracker.getIssues([a, s.missingId, b, a]);
      expect(read.map((i) => i.id).sort()).toEqual([a, b].sort());
      expect(read.find((i) => i.id === a)?.fields[s.paths.title]).toBe('read a');
      expect(await s.tracker.getIssues([])).toEqual([]);
    });
  });

  describe('findIssue', () => {
    it('finds an issue in scope by its id', async () => {
      const s = subject();
      const [id = ''] = await s.personCreates(['named by a person']);
      const found = await s.tracker.findIssue(id);
      expect(found.outcome).toBe('found');
      if (found.outcome === 'found') expect(found.issue.id).toBe(id);
    });

    it('answers not-in-connection alike for a missing issue and one outside the scope', async () => {
      const s = subject();
      await s.personCreates(['so the scope is not empty']);
      for (const ref of [s.missingId, ...s.outOfScopeRefs])
        expect({ ref, lookup: await s.tracker.findIssue(ref) }).toEqual({
          ref,
          lookup: { outcome: 'not-in-connection' },
        });
    });

    it('refuses a ref in none of its forms, with a message', async () => {
      const s = subject();
      for (const ref of INVALID_REFS) {
        const lookup = await s.tracker.findIssue(ref);
        expect({ ref, outcome: lookup.outcome }).toEqual({ ref, outcome: 'invalid' });
        if (lookup.outcome === 'invalid') expect(lookup.message.length).toBeGreaterThan(10);
      }
    });
  });

  describe('findIssueByOrigin', () => {
    it('finds a copy whose create answer was lost (a crash), from a fresh instance', async () => {
      const s = subject();
      await s.personCreates(['someone else', 'and another']);
      const origin = unique('c1:l');
      // The engine journals the attempt's time by its own clock; the tracker's clock stands in for it here.
      const [justBefore = ''] = await s.personCreates(['made just before the attempt']);
      const attempted = (await readIssue(s.tracker, justBefore)).updated;
      const created = await s.tracker.createIssue({ [s.paths.title]: 'copied before a crash' }, origin);
      const after = await s.restart();
      const found = await after.findIssueByOrigin(origin, attempted);
      expect(found?.id).toBe(created.id);
      expect(found?.origin).toBe(origin);
      expect((await after.findIssueByOrigin(origin))?.id).toBe(created.id);
    });

    it('finds nothing for an origin it never wrote, nor for a prefix of one', async () => {
      const s = subject();
      const origin = unique('c1:l');
      await s.tracker.createIssue({ [s.paths.title]: 'a copy' }, `${origin}0`);
      expect(await s.tracker.findIssueByOrigin(origin)).toBeUndefined();
    });

    it('still finds the copy after its body and title were rewritten, through the port or by a person', async () => {
      const s = subject();
      const origin = unique('c1:l');
      const created = await s.tracker.createIssue(
        { [s.paths.title]: 'a copy', [s.paths.body]: 'first' },
        origin,
      );
      await s.tracker.updateIssue(created.id, { [s.paths.body]: 'rewritten whole' });
      await s.personEditsTitle(created.id, 'renamed by a person');
      const found = await (await s.restart()).findIssueByOrigin(origin);
      expect(found?.id).toBe(created.id);
      expect((await readIssue(s.tracker, created.id)).origin).toBe(origin);
    });

    it('reads the origin with the issue, in listings and by id; issues people made have none', async () => {
      const s = subject();
      const origin = unique('c1:l');
      const [theirs = ''] = await s.personCreates(['made by a person']);
      const created = await s.tracker.createIssue({ [s.paths.title]: 'a copy' }, origin);
      expect(created.origin).toBe(origin);
      expect((await readIssue(s.tracker, created.id)).origin).toBe(origin);
      expect((await readIssue(s.tracker, theirs)).origin).toBeUndefined();
      const page = await s.tracker.listUpdatedSince(undefined);
      expect(page.items.find((i) => i.id === created.id)?.origin).toBe(origin);
    });
  });
}
