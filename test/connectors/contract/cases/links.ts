/**
 * Issue links and partner links, as declared: links are listed on both issues (outward on the source,
 * inward on the target), adding one twice adds one, deleting removes it from both; without the capability
 * issues are read without links. A partner link written twice is one link, updated.
 */
import type { SubjectRef } from '../tracker-contract';
import { readIssue, unique } from './helpers';

export function linkCases(subject: SubjectRef): void {
  describe('links', () => {
    it('links two issues once, listed on both, and unlinks them, when it declares issue links; else reads none', async () => {
      const s = subject();
      const [from = '', to = ''] = await s.personCreates(['blocks', 'is blocked']);
      const { tracker } = s;
      if (!tracker.capabilities.issueLinks) {
        expect((await readIssue(tracker, from)).links ?? []).toEqual([]);
        return;
      }
      if (!tracker.addIssueLink || !tracker.deleteIssueLink || !s.linkType)
        throw new Error('a tracker declaring issue links needs addIssueLink, deleteIssueLink and a linkType');
      await tracker.addIssueLink(s.linkType, from, to);
      await tracker.addIssueLink(s.linkType, from, to);
      const outward = (await readIssue(tracker, from)).links ?? [];
      const inward = (await readIssue(tracker, to)).links ?? [];
      expect(outward.map((l) => ({ type: l.type, direction: l.direction, issueId: l.issueId }))).toEqual([
        { type: s.linkType, direction: 'outward', issueId: to },
      ]);
      expect(inward.map((l) => ({ direction: l.direction, issueId: l.issueId, id: l.id }))).toEqual([
        { direction: 'inward', issueId: from, id: outward[0]?.id },
      ]);
      await tracker.deleteIssueLink(outward[0]?.id ?? '');
      expect((await readIssue(tracker, from)).links ?? []).toEqual([]);
      expect((await readIssue(tracker, to)).links ?? []).toEqual([]);
    });

    it('writes a partner link idempotently when it declares partner links', async () => {
      const s = subject();
      const [id = ''] = await s.personCreates(['has a partner']);
      const { tracker } = s;
      if (!tracker.capabilities.partnerLinks) {
        expect(typeof tracker.linkToPartner).toBe('undefined');
        return;
      }
      if (!tracker.linkToPartner) throw new Error('declares partner links without linkToPartner');
      const globalId = unique('tandem:pair');
      const partner = { key: 'GH-1', url: 'https://example.com/issues/1', title: 'PARTNER on example.com' };
      await tracker.linkToPartner(id, partner, globalId);
      await tracker.linkToPartner(id, { ...partner, title: 'renamed' }, globalId);
      if (!s.partnerLinksOf) throw new Error('a subject declaring partner links needs partnerLinksOf');
      expect(await s.partnerLinksOf(id)).toEqual([{ globalId, title: 'renamed' }]);
    });
  });
}
