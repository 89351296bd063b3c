/**
 * Attachments, as declared: a tracker with them keeps the bytes, name and type it was given and lists,
 * serves and deletes them; one without lists none and refuses an upload with a reason, writing nothing.
 */
import type { SubjectRef } from '../tracker-contract';
import { trackerErrorOf } from './helpers';

const BYTES = new Uint8Array([0, 1, 2, 250, 255, 10, 13, 37, 80, 68, 70]);

export function attachmentCases(subject: SubjectRef): void {
  describe('attachments', () => {
    it('uploads, lists, downloads and deletes a file when it declares attachments; else lists none and refuses', async () => {
      const s = subject();
      const [id = ''] = await s.personCreates(['with a file']);
      const file = { filename: 'report 1.bin', mimeType: 'application/octet-stream', data: BYTES };
      if (!s.tracker.capabilities.attachments) {
        expect(await s.tracker.listAttachments(id)).toEqual([]);
        const refused = await trackerErrorOf(s.tracker.uploadAttachment(id, file), 'invalid_request');
        expect(refused.message).toContain('report 1.bin');
        expect(refused.isRetryable).toBe(false);
        expect(await s.tracker.listAttachments(id)).toEqual([]);
        await trackerErrorOf(s.tracker.downloadAttachment(id, '1'), 'not_found');
        await trackerErrorOf(s.tracker.deleteAttachment(id, '1'), 'not_found');
        return;
      }
      const uploaded = await s.tracker.uploadAttachment(id, file);
      expect(uploaded).toMatchObject({ filename: 'report 1.bin', size: BYTES.byteLength });
      const listed = await s.tracker.listAttachments(id);
      expect(listed.map((a) => ({ id: a.id, filename: a.filename, size: a.size }))).toEqual([
        { id: uploaded.id, filename: 'report 1.bin', size: BYTES.byteLength },
      ]);
      expect([...(await s.tracker.downloadAttachment(id, uploaded.id))]).toEqual([...BYTES]);
      const [issue] = await s.tracker.getIssues([id]);
      if (issue?.attachments) expect(issue.attachments.map((a) => a.id)).toEqual([uploaded.id]);
      await s.tracker.deleteAttachment(id, uploaded.id);
      expect(await s.tracker.listAttachments(id)).toEqual([]);
    });
  });
}
