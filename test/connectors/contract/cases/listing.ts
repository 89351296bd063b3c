/**
 * `listUpdatedSince`: every issue in scope, across pages, each once, oldest first by `updated`, inclusive
 * of `since`; a person's edit or comment counts as an update, so the engine's next scan sees it.
 */
import type { CanonicalIssue } from '../../../../src/core/model';
import type { SubjectRef } from '../tracker-contract';
import { listAll, readIssue, unique } from './helpers';

const ms = (iso: string) => Date.parse(iso);

function expectOldestFirst(items: readonly CanonicalIssue[]): void {
  const out = items.map((i) => `${i.id}@${i.updated}`);
  const sorted = [...items].sort((a, b) => ms(a.updated) - ms(b.updated)).map((i) => `${i.id}@${i.updated}`);
  // Ties keep any order; only a later `updated` before an earlier one breaks the promise.
  for (let k = 1; k < items.length; k++)
    if (ms(items[k]?.updated ?? '') < ms(items[k - 1]?.updated ?? '')) expect(out).toEqual(sorted);
}

function expectEachOnce(items: readonly CanonicalIssue[]): void {
  const ids = items.map((i) => i.id);
  expect(ids.filter((id, k) => ids.indexOf(id) !== k)).toEqual([]);
}

export function listingCases(subject: SubjectRef): void {
  describe('listUpdatedSince', () => {
    it('with no since answers every issue in scope across its pages, each once, oldest first', async () => {
      const s = subject();
      const titles = Array.from({ length: s.pageSize + 1 }, (_, k) => `listed ${k}`);
      const made = await s.personCreates(titles);
      const viaPort = await s.tracker.createIssue({ [s.paths.title]: 'listed via the port' }, unique('o'));
      const { items, pages } = await listAll(s.tracker, undefined);
      expect(pages).toBeGreaterThan(1);
      expectEachOnce(items);
      expect(items.map((i) => i.id).sort()).toEqual([...made, viaPort.id].sort());
      expectOldestFirst(items);
      for (const issue of items) {
        expect(issue.key).not.toBe('');
        expect(issue.url).toMatch(/^https?:\/\//);
        expect(Number.isNaN(ms(issue.updated))).toBe(false);
        expect(Number.isNaN(ms(issue.created))).toBe(false);
      }
    });

    it('loses no issue when one is edited while a reader pages, and shows the edited one again later', async () => {
      const s = subject();
      const made = await s.personCreates(Array.from({ length: s.pageSize + 2 }, (_, k) => `paged ${k}`));
      await s.advance();
      const first = await s.tracker.listUpdatedSince(undefined);
      expect(first.next).toBeDefined();
      const edited = first.items[0]?.id ?? '';
      await s.personEditsTitle(edited, 'edited while paging');
      const seen = first.items.map((i) => i.id);
      let token = first.next;
      while (token !== undefined) {
        const page = await s.tracker.listUpdatedSince(undefined, token);
        seen.push(...page.items.map((i) => i.id));
        token = page.next;
      }
      expect([...new Set(seen)].sort()).toEqual([...made].sort());
      // Seen again after the edit, within this listing or from the next scan's cursor.
      const since = (await readIssue(s.tracker, edited)).updated;
      expect((await listAll(s.tracker, since)).items.map((i) => i.id)).toContain(edited);
    });

    it('pages through more than a page of issues in each of two periods of its resolution, each once', async () => {
      // Found by the 1,000-issue bench: Jira's window reaches a minute or two before the page cursor, so a page
      // full of issues from the minute before the cursor moved it back, and the next page forward again: the
      // listing looped until the invocation's time ran out, and each loop spent a full page of points.
      const s = subject();
      const half = Math.ceil(s.pageSize / 2);
      const earlier = await s.personCreates(Array.from({ length: s.pageSize + half }, (_, k) => `early ${k}`));
      await s.advance();
      const later = await s.personCreates(Array.from({ length: s.pageSize + half }, (_, k) => `late ${k}`));
      // The listing runs a while after the last change, as a cycle does: the window reaches back further.
      await s.advance();
      const { items, pages } = await listAll(s.tracker, undefined);
      expectEachOnce(items);
      expect(items.map((i) => i.id).sort()).toEqual([...earlier, ...later].sort());
      expect(pages).toBeLessThanOrEqual(Math.ceil(items.length / s.pageSize) + 1);
      expectOldestFirst(items);
    });

    it('is inclusive of since, and leaves out issues not updated since', async () => {
      const s = subject();
      const [old = ''] = await s.personCreates(['not updated since']);
      await s.advance();
      const [fresh = ''] = await s.personCreates(['updated at since']);
      const since = (await readIssue(s.tracker, fresh)).updated;
      const oldUpdated = (await readIssue(s.tracker, old)).updated;
      const { items } = await listAll(s.tracker, since);
      expect(items.map((i) => i.id)).toContain(fresh);
      // A coarse filter (Jira's minutes) may answer a little more, never what is older than its resolution.
      // advance() must have moved the clock past the listing's resolution, or this case proves nothing.
      expect(ms(oldUpdated)).toBeLessThan(ms(since) - (s.sinceResolutionMs ?? 0));
      expect(items.map((i) => i.id)).not.toContain(old);
      for (const i of items)
        expect(ms(i.updated)).toBeGreaterThanOrEqual(ms(since) - (s.sinceResolutionMs ?? 0));
    });

    it('a person editing an older issue brings it back, after the issues updated before the edit', async () => {
      const s = subject();
      const [first = '', second = ''] = await s.personCreates(['first', 'second']);
      await s.advance();
      await s.personEditsTitle(first, 'first, edited');
      const since = (await readIssue(s.tracker, second)).updated;
      const { items } = await listAll(s.tracker, since);
      expectEachOnce(items);
      const ids = items.map((i) => i.id);
      expect(ids).toContain(first);
      expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
      expect(items.find((i) => i.id === first)?.fields[s.paths.title]).toBe('first, edited');
      expectOldestFirst(items);
    });

    it('a person commenting counts as an update of the issue', async () => {
      const s = subject();
      const [id = ''] = await s.personCreates(['commented later']);
      const before = (await readIssue(s.tracker, id)).updated;
      await s.advance();
      await s.personComments(id, 'a new comment');
      const after = (await readIssue(s.tracker, id)).updated;
      expect(ms(after)).toBeGreaterThan(ms(before));
      const { items } = await listAll(s.tracker, after);
      expect(items.map((i) => i.id)).toContain(id);
    });
  });
}
