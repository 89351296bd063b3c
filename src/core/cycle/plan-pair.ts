/**
 * Everything one pair needs this cycle, as mutations: create the missing side, patch fields, copy comments
 * and attachments, add messages. Pure: the issues and comments are read by the caller.
 */
import type { CanonicalAttachment, CanonicalComment, CanonicalIssue, Side } from '../model';
import type { Bookkeeping, Mutation } from '../plan';
import { planAttachments } from '../rules/plan-attachments';
import { planAttributes } from '../rules/plan-attributes';
import { planComments } from '../rules/plan-comments';
import { ruleApplies } from '../rules/rule-applies';
import type { Connection } from '../schema/connection';
import type { RuleOf } from '../schema/rules';
import type { LinkedPair } from '../state';
import { hashValue, isEmpty } from '../values';

export interface PairView {
  pair: LinkedPair;
  local: CanonicalIssue | undefined;
  remote: CanonicalIssue | undefined;
  comments: { local: CanonicalComment[]; remote: CanonicalComment[] };
  attachments: { local: CanonicalAttachment[]; remote: CanonicalAttachment[] };
}

export interface PairPlan {
  mutations: Mutation[];
  bookkeeping: Bookkeeping[];
}

export const originPrefix = (connectionId: string) => `tandem:${connectionId}:`;
export const issueOrigin = (connectionId: string, side: Side, issueId: string) =>
  `${originPrefix(connectionId)}${side === 'local' ? 'l' : 'r'}:${issueId}`;

export function planPair(connection: Connection, view: PairView, now: string): PairPlan {
  const { pair, local, remote } = view;
  const creating: Side | undefined = !local ? 'local' : !remote ? 'remote' : undefined;
  const mutations: Mutation[] = [];
  const bookkeeping: Bookkeeping[] = [];
  const pairId = pair.pairId;

  if (creating === 'remote' && (!connection.create.toRemote || !connection.outgoing.enabled))
    return { mutations, bookkeeping };
  if (creating === 'local' && !connection.create.toLocal) return { mutations, bookkeeping };

  const attrs = planAttributes({ connection, local, remote, base: pair.base, creating, now });
  const baseChange = { local: attrs.base.local, remote: attrs.base.remote };

  if (creating) {
    const source = creating === 'local' ? remote : local;
    if (!source) return { mutations, bookkeeping };
    mutations.push({
      kind: 'create-issue',
      key: `${pairId}:create:${creating}`,
      pairId,
      side: creating,
      sourceId: source.id,
      // Empty values are left to the tracker's defaults rather than written as explicit nulls.
      fields: Object.fromEntries(Object.entries(attrs.patch[creating]).filter(([, v]) => !isEmpty(v))),
      base: baseChange,
    });
    // afterCreate rules read the new remote issue; the executor runs them once it exists.
  } else {
    for (const side of ['local', 'remote'] as const) {
      if (Object.keys(attrs.patch[side]).length === 0) continue;
      mutations.push({
        kind: 'update-issue',
        key: `${pairId}:update:${side}`,
        pairId,
        side,
        patch: attrs.patch[side],
        base: baseChange,
      });
    }
    if (mutations.length === 0 && baseDiffers(pair, attrs.base)) {
      bookkeeping.push({ kind: 'record-base', pairId, base: baseChange, updated: updatedOf(local, remote) });
    }
  }
  if (attrs.conflicts.length > 0)
    bookkeeping.push({ kind: 'record-conflicts', pairId, conflicts: attrs.conflicts });

  let messagesAdded = attrs.messages.length > 0;
  attrs.messages.forEach((text, i) => {
    mutations.push({
      kind: 'add-message',
      key: `${pairId}:message:${hashValue(text)}:${i}`,
      pairId,
      side: 'local',
      body: text,
      base: {},
    });
  });

  const outgoingComments = connection.outgoing.enabled && connection.outgoing.comments;
  for (const rule of rulesOf(connection, 'messages', creating, remote)) {
    const actions = planComments({
      rule,
      originPrefix: originPrefix(connection.id),
      local: view.comments.local,
      remote: view.comments.remote,
      links: pair.comments,
      outgoingAllowed: outgoingComments,
      sideNames: { local: connection.localProject, remote: connection.remote.project },
    });
    for (const a of actions) {
      const id = a.kind === 'add-comment' ? a.sourceCommentId : a.commentId;
      mutations.push({ ...a, key: `${pairId}:${a.kind}:${a.side}:${id}`, pairId });
      if (a.kind === 'add-comment' && a.side === 'local') messagesAdded = true;
    }
  }

  if (creating === 'local' && !messagesAdded) {
    const rule = rulesOf(connection, 'default-message', creating, remote)[0];
    if (rule)
      mutations.push({
        kind: 'add-message',
        key: `${pairId}:default-message`,
        pairId,
        side: 'local',
        body: rule.text,
        base: {},
      });
  }

  const outgoingFiles = connection.outgoing.enabled && connection.outgoing.attachments;
  for (const rule of rulesOf(connection, 'files', creating, remote)) {
    const actions = planAttachments({
      rule,
      local: view.attachments.local,
      remote: view.attachments.remote,
      links: pair.attachments,
      skipped: pair.skippedAttachments,
      outgoingAllowed: outgoingFiles,
    });
    for (const a of actions) {
      if (a.kind === 'skip-attachment') {
        bookkeeping.push({
          kind: 'record-skip',
          pairId,
          side: a.side,
          id: a.id,
          filename: a.filename,
          reason: a.reason,
        });
        continue;
      }
      const id = a.kind === 'upload-attachment' ? a.sourceAttachmentId : a.attachmentId;
      mutations.push({ ...a, key: `${pairId}:${a.kind}:${a.side}:${id}`, pairId });
    }
  }
  return { mutations, bookkeeping };
}

function rulesOf<K extends 'messages' | 'files' | 'default-message'>(
  connection: Connection,
  kind: K,
  creating: Side | undefined,
  remote: CanonicalIssue | undefined,
): RuleOf<K>[] {
  return connection.rules.filter(
    (r): r is RuleOf<K> => r.kind === kind && ruleApplies(r, connection, { creating, remote }),
  );
}

function baseDiffers(
  pair: LinkedPair,
  next: { local: Record<string, unknown>; remote: Record<string, unknown> },
): boolean {
  return JSON.stringify(pair.base) !== JSON.stringify({ local: next.local, remote: next.remote });
}

const updatedOf = (local: CanonicalIssue | undefined, remote: CanonicalIssue | undefined) => ({
  ...(local ? { local: local.updated } : {}),
  ...(remote ? { remote: remote.updated } : {}),
});
