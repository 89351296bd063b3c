/**
 * The attachment half of TrackerPort for trackers whose issues have no attachment list (GitHub, GitLab):
 * nothing to list, fetch or delete, and an upload refused with what to do instead. Their default rules
 * leave the files rule out, so only a hand-written rule meets the refusal.
 */
import { TrackerError } from '../../core/errors';
import type { TrackerPort } from '../../core/ports';

export type AttachmentMethods = Pick<
  TrackerPort,
  'listAttachments' | 'downloadAttachment' | 'uploadAttachment' | 'deleteAttachment'
>;

/** `label` names the tracker ("GitHub (acme/shop)"); `why` says what it lacks ("GitHub issues have no attachments"). */
export function noAttachments(label: string, why: string, tracker: string): AttachmentMethods {
  const missing = (attachmentId: string) =>
    Promise.reject(new TrackerError('not_found', `${label} has no attachment ${attachmentId}`));
  return {
    listAttachments: () => Promise.resolve([]),
    downloadAttachment: (_issueId, attachmentId) => missing(attachmentId),
    deleteAttachment: (_issueId, attachmentId) => missing(attachmentId),
    uploadAttachment: (issueId, file) =>
      Promise.reject(
        new TrackerError(
          'invalid_request',
          `${label}: ${why}, so ${file.filename} cannot be copied to #${issueId}; leave the files rule out of ${tracker} connections`,
        ),
      ),
  };
}
