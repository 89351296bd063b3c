/**
 * Attachments for one pair, matched through the pair's id map. Remote files all come in; local files go
 * out when their name starts with the rule's prefix (all of them when it has none), as trackersync's
 * files rule. Files over the size cap are skipped, and the skip is recorded with its reason.
 */
import type { CanonicalAttachment, Side } from '../model';
import { otherSide } from '../model';
import type { RuleOf } from '../schema/rules';
import type { AttachmentLink, SkippedAttachment } from '../state';

export type AttachmentAction =
  | {
      kind: 'upload-attachment';
      side: Side;
      sourceAttachmentId: string;
      filename: string;
      mimeType: string;
      size: number;
    }
  | { kind: 'delete-attachment'; side: Side; attachmentId: string; sourceAttachmentId: string }
  | { kind: 'skip-attachment'; side: Side; id: string; filename: string; reason: string }
  | { kind: 'forget-attachment'; local: string; remote: string };

export interface AttachmentInput {
  rule: RuleOf<'files'>;
  local: CanonicalAttachment[];
  remote: CanonicalAttachment[];
  links: AttachmentLink[];
  skipped: SkippedAttachment[];
  outgoingAllowed: boolean;
  /** Unlinked files presumed to be our own uploads whose answer was lost (see plan-pair.ts). */
  presumedCopies: Record<Side, Set<string>>;
}

export const fileKey = (a: { filename: string; size: number }) => `${a.filename}\u0000${a.size}`;

const formatBytes = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

export function planAttachments(input: AttachmentInput): AttachmentAction[] {
  const actions: AttachmentAction[] = [];
  const linked = {
    local: new Set(input.links.map((l) => l.local)),
    remote: new Set(input.links.map((l) => l.remote)),
  };
  const present = {
    local: new Set(input.local.map((a) => a.id)),
    remote: new Set(input.remote.map((a) => a.id)),
  };
  const alreadySkipped = new Set(input.skipped.map((s) => `${s.side}:${s.id}`));

  for (const side of ['remote', 'local'] as const) {
    if (side === 'local' && !input.outgoingAllowed) continue;
    for (const a of input[side]) {
      if (linked[side].has(a.id) || input.presumedCopies[side].has(fileKey(a))) continue;
      if (side === 'local' && input.rule.prefix !== undefined && !a.filename.startsWith(input.rule.prefix))
        continue;
      if (a.size > input.rule.maxBytes) {
        if (!alreadySkipped.has(`${side}:${a.id}`)) {
          const reason = `${formatBytes(a.size)} is over the ${formatBytes(input.rule.maxBytes)} limit`;
          actions.push({ kind: 'skip-attachment', side, id: a.id, filename: a.filename, reason });
        }
        continue;
      }
      actions.push({
        kind: 'upload-attachment',
        side: otherSide(side),
        sourceAttachmentId: a.id,
        filename: a.filename,
        mimeType: a.mimeType,
        size: a.size,
      });
    }
  }

  for (const link of input.links) {
    if (!present.local.has(link.local) && !present.remote.has(link.remote)) {
      actions.push({ kind: 'forget-attachment', local: link.local, remote: link.remote });
    }
  }
  if (input.rule.deletions === 'propagate') {
    for (const link of input.links) {
      for (const side of ['local', 'remote'] as const) {
        const other = otherSide(side);
        if (present[side].has(link[side]) || !present[other].has(link[other])) continue;
        if (other === 'remote' && !input.outgoingAllowed) continue;
        actions.push({
          kind: 'delete-attachment',
          side: other,
          attachmentId: link[other],
          sourceAttachmentId: link[side],
        });
      }
    }
  }
  return actions;
}
