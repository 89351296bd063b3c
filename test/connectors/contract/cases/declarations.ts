/** The port's declarations: a kind, capabilities, and the optional methods that match them. */
import { getPath } from '../../../../src/core/paths';
import type { SubjectRef } from '../tracker-contract';
import { readIssue } from './helpers';

export function declarationCases(subject: SubjectRef): void {
  describe('declarations', () => {
    it('names its kind and declares every capability as a boolean', () => {
      const { tracker } = subject();
      expect(tracker.kind).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(Object.keys(tracker.capabilities).sort()).toEqual([
        'attachments',
        'bulkCreate',
        'hierarchy',
        'issueLinks',
        'partnerLinks',
        'worklogs',
      ]);
      for (const value of Object.values(tracker.capabilities)) expect(typeof value).toBe('boolean');
    });

    it('has linkToPartner exactly when it declares partner links, and the link methods when it declares issue links', () => {
      const { tracker } = subject();
      expect(typeof tracker.linkToPartner === 'function').toBe(tracker.capabilities.partnerLinks);
      if (tracker.capabilities.issueLinks) {
        expect(typeof tracker.addIssueLink).toBe('function');
        expect(typeof tracker.deleteIssueLink).toBe('function');
      }
    });

    it('walks stepwise only at paths it reads', async () => {
      const s = subject();
      const [id = ''] = await s.personCreates(['stepwise paths']);
      const issue = await readIssue(s.tracker, id);
      for (const path of s.tracker.stepwisePaths ?? [])
        expect({ path, held: getPath(issue.fields, path) }).not.toEqual({ path, held: undefined });
    });
  });
}
