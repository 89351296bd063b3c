/**
 * Comments: a copy carries its origin (so a retry finds it) through edits; people's comments carry none;
 * what the port lists is what is there, and comments read with the issue agree with it.
 */
import type { SubjectRef } from '../tracker-contract';
import { listAll, textOf, trackerErrorOf, unique } from './helpers';

export function commentCases(subject: SubjectRef): void {
  describe('comments', () => {
    it('adds a copy with its origin and attribution, edits it keeping the origin, and deletes it', async () => {
      const s = subject();
      const [id = ''] = await s.personCreates(['discussed']);
      const origin = unique('c1:lc');
      const added = await s.tracker.addComment(id, 'Looks **fine** to me', origin, 'Ana Lima wrote in DEMO:');
      expect(added.origin).toBe(origin);
      let listed = await s.tracker.listComments(id);
      expect(listed.map((c) => c.id)).toEqual([added.id]);
      expect(listed[0]?.origin).toBe(origin);
      expect(textOf(listed[0]?.body)).toContain('fine');
      expect(textOf(listed[0]?.body)).toContain('Ana Lima wrote in DEMO:');

      await s.tracker.updateComment(id, added.id, 'Changed my mind', 'Ana Lima wrote in DEMO:');
      listed = await s.tracker.listComments(id);
      expect(listed.map((c) => ({ id: c.id, origin: c.origin }))).toEqual([{ id: added.id, origin }]);
      expect(textOf(listed[0]?.body)).toContain('Changed my mind');
      expect(textOf(listed[0]?.body)).not.toContain('fine');

      await s.tracker.deleteComment(id, added.id);
      expect(await s.tracker.listComments(id)).toEqual([]);
    });

    it("lists a person's comment without an origin, oldest first with the copies", async () => {
      const s = subject();
      const [id = ''] = await s.personCreates(['discussed by people']);
      const theirs = await s.personComments(id, 'written by a person');
      await s.advance();
      const ours = await s.tracker.addComment(id, 'a copy', unique('c1:lc'));
      const listed = await s.tracker.listComments(id);
      expect(listed.map((c) => c.id)).toEqual([theirs, ours.id]);
      expect(listed[0]?.origin).toBeUndefined();
      expect(textOf(listed[0]?.body)).toContain('written by a person');
    });

    it('reads the same comments with the issue as listComments does, when it reads them there', async () => {
      const s = subject();
      const [id = ''] = await s.personCreates(['comments with the issue']);
      await s.personComments(id, 'one');
      const copy = await s.tracker.addComment(id, 'two', unique('c1:lc'));
      const listed = await s.tracker.listComments(id);
      const withIssue = [
        ...(await s.tracker.getIssues([id])),
        ...(await listAll(s.tracker, undefined)).items,
      ].filter((i) => i.id === id);
      for (const issue of withIssue) {
        if (issue.comments === undefined) continue;
        expect(issue.comments.map((c) => c.id)).toEqual(listed.map((c) => c.id));
        if (!issue.commentsLackOrigin)
          expect(issue.comments.find((c) => c.id === copy.id)?.origin).toBe(copy.origin);
      }
    });

    it('fails not_found when commenting on an issue that does not exist', async () => {
      const s = subject();
      await trackerErrorOf(s.tracker.addComment(s.missingId, 'lost', unique('c1:lc')), 'not_found');
    });
  });
}
