/**
 * Comments for one pair, matched through the pair's id map and compared by content hash.
 *
 * - Remote comments all come in; local ones go out only when they carry the rule's keyword (trackersync's
 *   messages rule) or when the rule sends all.
 * - An edit travels from the side the comment was first written on; edits to a copy stay where they are.
 * - A deleted original deletes its copy when the rule says `propagate`.
 * - Our own copies carry an origin marker, so they are never mistaken for new comments.
 */
import type { CanonicalComment, Side } from '../model';
import { otherSide } from '../model';
import type { RuleOf } from '../schema/rules';
import type { CommentLink } from '../state';
import { hashValue, plainText } from '../values';

export type CommentAction =
  | {
      kind: 'add-comment';
      side: Side;
      sourceCommentId: string;
      body: CanonicalComment['body'];
      sourceHash: string;
      attribution: string;
    }
  | {
      kind: 'update-comment';
      side: Side;
      commentId: string;
      sourceCommentId: string;
      body: CanonicalComment['body'];
      sourceHash: string;
      attribution: string;
    }
  | { kind: 'delete-comment'; side: Side; commentId: string; sourceCommentId: string }
  | { kind: 'forget-comment'; local: string; remote: string };

export interface CommentInput {
  rule: RuleOf<'messages'>;
  /** Prefix of origin markers this connection writes; comments carrying it are our copies. */
  originPrefix: string;
  local: CanonicalComment[];
  remote: CanonicalComment[];
  links: CommentLink[];
  outgoingAllowed: boolean;
  /** How each side is named in an attribution line: "DEMO", "PARTNER". */
  sideNames: Record<Side, string>;
}

/** The line above a copied comment that says who wrote it, and where. */
export const attributionFor = (c: CanonicalComment, where: string) =>
  `${c.author?.displayName ?? 'Someone'} wrote in ${where}:`;

export const commentOrigin = (originPrefix: string, side: Side, commentId: string) =>
  `${originPrefix}${side === 'local' ? 'lc' : 'rc'}:${commentId}`;

export function planComments(input: CommentInput): CommentAction[] {
  const actions: CommentAction[] = [];
  const byId = {
    local: new Map(input.local.map((c) => [c.id, c])),
    remote: new Map(input.remote.map((c) => [c.id, c])),
  };
  const linked = { local: new Set<string>(), remote: new Set<string>() };

  for (const link of input.links) {
    linked.local.add(link.local);
    linked.remote.add(link.remote);
    const action = planLinked(input, link, byId.local.get(link.local), byId.remote.get(link.remote));
    if (action) actions.push(action);
  }

  const sends = (side: Side, c: CanonicalComment): boolean => {
    if (linked[side].has(c.id) || c.origin?.startsWith(input.originPrefix)) return false;
    if (side === 'remote') return true;
    if (!input.outgoingAllowed) return false;
    if (input.rule.allOutgoing) return true;
    const keyword = input.rule.keyword;
    return keyword !== undefined && plainText(c.body).includes(keyword);
  };
  for (const side of ['remote', 'local'] as const) {
    for (const c of input[side]) {
      const orphan = orphanCopy(input, side, c, linked[side], byId);
      if (orphan) actions.push(orphan);
      if (!sends(side, c)) continue;
      actions.push({
        kind: 'add-comment',
        side: otherSide(side),
        sourceCommentId: c.id,
        body: c.body,
        sourceHash: hashValue(c.body),
        attribution: attributionFor(c, input.sideNames[side]),
      });
    }
  }
  return actions;
}

/**
 * Our copy that no link knows (its add's answer was lost) and whose original has since been deleted:
 * nothing else would ever remove it.
 */
function orphanCopy(
  input: CommentInput,
  side: Side,
  c: CanonicalComment,
  linked: Set<string>,
  byId: Record<Side, Map<string, CanonicalComment>>,
): CommentAction | undefined {
  if (linked.has(c.id) || !c.origin?.startsWith(input.originPrefix)) return undefined;
  const m = /^(lc|rc):(.+)$/.exec(c.origin.slice(input.originPrefix.length));
  if (!m?.[2]) return undefined;
  const originalSide: Side = m[1] === 'lc' ? 'local' : 'remote';
  if (originalSide === side || byId[originalSide].has(m[2])) return undefined;
  if (side === 'remote' && !input.outgoingAllowed) return undefined;
  return { kind: 'delete-comment', side, commentId: c.id, sourceCommentId: m[2] };
}

function planLinked(
  input: CommentInput,
  link: CommentLink,
  local: CanonicalComment | undefined,
  remote: CanonicalComment | undefined,
): CommentAction | undefined {
  const origin = link.origin;
  const copySide = otherSide(origin);
  const original = origin === 'local' ? local : remote;
  const copy = origin === 'local' ? remote : local;
  const copyId = link[copySide];
  const originalId = link[origin];
  if (!original && !copy) return { kind: 'forget-comment', local: link.local, remote: link.remote };
  if (copySide === 'remote' && !input.outgoingAllowed) return undefined;
  if (!original) {
    if (!copy || input.rule.deletions !== 'propagate') return undefined;
    return { kind: 'delete-comment', side: copySide, commentId: copyId, sourceCommentId: originalId };
  }
  if (!copy) return undefined; // the copy was deleted by hand: respect that, do not re-add it
  const hash = hashValue(original.body);
  const known = origin === 'local' ? link.localHash : link.remoteHash;
  if (hash === known) return undefined;
  return {
    kind: 'update-comment',
    side: copySide,
    commentId: copyId,
    sourceCommentId: originalId,
    body: original.body,
    sourceHash: hash,
    attribution: attributionFor(original, input.sideNames[origin]),
  };
}
