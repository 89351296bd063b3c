/**
 * `createIssues`, for a tracker that declares `bulkCreate`: one outcome per item, in order; each created issue
 * as `createIssue` answers it (which a read then finds) and found by its origin from a new instance; an item
 * the tracker refuses is `failed`, names why and creates nothing, while the others are created. And for
 * `createIssue` and `createIssues` alike: asked to answer only some paths (`answerPaths`), the answer holds
 * at each of them what a read finds, whether or not the connector read the issue back.
 */
import { getPath } from '../../../../src/core/paths';
import type { BulkCreateOutcome, CreatedIssue } from '../../../../src/core/ports';
import type { SubjectRef } from '../tracker-contract';
import { readIssue, unique } from './helpers';

const createdOf = (o: BulkCreateOutcome | undefined): CreatedIssue => {
  if (o?.outcome !== 'created') throw new Error(`expected a created issue, got ${JSON.stringify(o)}`);
  return o.issue;
};

export function bulkCreateCases(subject: SubjectRef): void {
  describe('createIssues', () => {
    it('exists exactly when the tracker declares bulk create', () => {
      const { tracker } = subject();
      expect(typeof tracker.createIssues === 'function').toBe(tracker.capabilities.bulkCreate);
    });

    it('creates each item once, answering in order, each found by its origin after a restart', async () => {
      const s = subject();
      if (!s.tracker.createIssues) return;
      const titles = ['Bulk one', 'Bulk two', 'Bulk three'];
      const origins = titles.map(() => unique('c1:r'));
      const outcomes = await s.tracker.createIssues(
        titles.map((title, i) => ({
          fields: { [s.paths.title]: title, [s.paths.body]: `Body of **${title}**` },
          origin: origins[i] ?? '',
        })),
      );
      const created = outcomes.map(createdOf);
      expect(created.map((c) => c.fields[s.paths.title])).toEqual(titles);
      expect(new Set(created.map((c) => c.id)).size).toBe(3);
      const again = await s.restart();
      for (const [i, c] of created.entries()) {
        const read = await readIssue(s.tracker, c.id);
        expect(getPath(read.fields, s.paths.body)).toEqual(s.heldBody(`Body of **${titles[i] ?? ''}**`));
        expect(getPath(c.fields, s.paths.body)).toEqual(getPath(read.fields, s.paths.body));
        expect((await again.findIssueByOrigin(origins[i] ?? ''))?.id).toBe(c.id);
      }
    });

    it('answers an item it refuses as failed, naming why, and creates the others', async () => {
      const s = subject();
      if (!s.tracker.createIssues) return;
      if (!s.refusedCreate) throw new Error('a subject declaring bulk create needs refusedCreate');
      const refusedOrigin = unique('c1:r');
      const outcomes = await s.tracker.createIssues([
        { fields: { [s.paths.title]: 'Before the refused one' }, origin: unique('c1:r') },
        { fields: { [s.paths.title]: 'Refused', ...s.refusedCreate.fields }, origin: refusedOrigin },
        { fields: { [s.paths.title]: 'After the refused one' }, origin: unique('c1:r') },
      ]);
      expect(outcomes.map((o) => o.outcome)).toEqual(['created', 'failed', 'created']);
      const failed = outcomes[1];
      if (failed?.outcome !== 'failed') throw new Error('unreachable');
      expect(failed.error.isRetryable).toBe(false);
      expect(failed.error.message).toMatch(s.refusedCreate.reason);
      expect(await (await s.restart()).findIssueByOrigin(refusedOrigin)).toBeUndefined();
      expect(createdOf(outcomes[2]).fields[s.paths.title]).toBe('After the refused one');
    });
  });

  describe('answerPaths', () => {
    it('answers at each path asked what a read finds, for one create and in bulk', async () => {
      const s = subject();
      const paths = [s.paths.title, ...(s.paths.labels ? [s.paths.labels] : [])];
      const fields = {
        [s.paths.title]: 'Answered without a read, perhaps',
        ...(s.paths.labels ? { [s.paths.labels]: ['b', 'a', 'b'] } : {}),
      };
      const one = await s.tracker.createIssue(fields, unique('c1:r'), { answerPaths: paths });
      const many = s.tracker.createIssues
        ? (
            await s.tracker.createIssues([{ fields, origin: unique('c1:r'), opts: { answerPaths: paths } }])
          ).map(createdOf)
        : [];
      for (const created of [one, ...many]) {
        const read = await readIssue(s.tracker, created.id);
        expect({ id: read.id, key: read.key, url: read.url }).toEqual({
          id: created.id,
          key: created.key,
          url: created.url,
        });
        for (const path of paths) {
          const held = getPath(read.fields, path);
          const answered = getPath(created.fields, path);
          // Labels are a set: Jira keeps them once each, in an order of its own.
          if (Array.isArray(held) && Array.isArray(answered))
            expect({ path, answered: [...answered].sort() }).toEqual({ path, answered: [...held].sort() });
          else expect({ path, answered }).toEqual({ path, answered: held });
        }
      }
    });
  });
}
