/**
 * Everything one pair needs this cycle, as mutations: create the missing side, patch fields, copy comments
 * and attachments, add messages. Pure: the issues and comments are read by the caller.
 */
import { originPrefix } from '../identity';
import type { CanonicalAttachment, CanonicalComment, CanonicalIssue, Side } from '../model';
import type { Bookkeeping, Mutation } from '../plan';
import { fileKey, planAttachments } from '../rules/plan-attachments';
import { planAttributes } from '../rules/plan-attributes';
import { planComments } from '../rules/plan-comments';
import type { ResolvedLink } from '../rules/plan-links';
import { planPairHierarchy, type PairTree } from '../rules/plan-hierarchy';
import { planPairLinks } from '../rules/plan-pair-links';
import { planPairWorklogs, type PairWorklogs } from '../rules/plan-pair-worklogs';
import { ruleApplies } from '../rules/rule-applies';
import type { Connection } from '../schema/connection';
import type { RuleOf } from '../schema/rules';
import type { Base, LinkedPair } from '../state';
import { getPath } from '../paths';
import { hashValue, isEmpty, sameValue } from '../values';

export interface PairView {
  pair: LinkedPair;
  local: CanonicalIssue | undefined;
  remote: CanonicalIssue | undefined;
  comments: { local: CanonicalComment[]; remote: CanonicalComment[] };
  attachments: { local: CanonicalAttachment[]; remote: CanonicalAttachment[] };
  worklogs?: PairWorklogs;
  /**
   * Outward issue links on each side, resolved to pairs, and the synced links that vanished only because
   * their far end's copy is gone; absent when a side's tracker has no links.
   */
  links?: { local: ResolvedLink[]; remote: ResolvedLink[]; farEndGone: ReadonlySet<string> };
  /** Each side's parent resolved to a pair; absent without a hierarchy rule or a tracker without parents. */
  hierarchy?: PairTree;
}

export interface PairPlan {
  mutations: Mutation[];
  bookkeeping: Bookkeeping[];
  /** Something waits on another pair's create in this cycle: look at this pair again right after. */
  followUp?: boolean;
}

/** `readFrom`: when the reads behind `view` began (default `now`); see updatedOf. */
export function planPair(connection: Connection, view: PairView, now: string, readFrom = now): PairPlan {
  const { pair, local, remote } = view;
  const creating: Side | undefined = !local ? 'local' : !remote ? 'remote' : undefined;
  const mutations: Mutation[] = [];
  const bookkeeping: Bookkeeping[] = [];
  const pairId = pair.pairId;

  if (creating === 'remote' && (!connection.create.toRemote || !connection.outgoing.enabled))
    return { mutations, bookkeeping };
  if (creating === 'local' && !connection.create.toLocal) return { mutations, bookkeeping };

  // A child whose parent's copy is not there yet waits whole (a sub-task cannot exist without its parent).
  const tree = planPairHierarchy(connection, view, { creating, remote });
  if (tree.wait) return tree.wait;

  const base = withStepsOfOurs(pair, local, remote);
  const attrs = planAttributes({ connection, local, remote, base, creating, now });
  const extras = (side: Side) => ({
    sources: attrs.sources[side],
    ...(Object.keys(attrs.screen[side]).length > 0 ? { screen: attrs.screen[side] } : {}),
  });

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
      fields: {
        ...Object.fromEntries(Object.entries(attrs.patch[creating]).filter(([, v]) => !isEmpty(v))),
        ...tree.createFields,
      },
      base: attrs.baseOnWrite[creating],
      ...extras(creating),
    });
    // afterCreate rules read the new remote issue; the executor runs them once it exists.
  } else {
    for (const side of ['local', 'remote'] as const) {
      if (Object.keys(attrs.patch[side]).length === 0) continue;
      const key = `${pairId}:update:${side}`;
      mutations.push({
        kind: 'update-issue',
        key,
        pairId,
        side,
        patch: attrs.patch[side],
        base: attrs.baseOnWrite[side],
        ...extras(side),
      });
    }
  }
  if (attrs.conflicts.length > 0)
    bookkeeping.push({ kind: 'record-conflicts', pairId, conflicts: attrs.conflicts });

  let messagesAdded = attrs.messages.length > 0;
  attrs.messages.forEach(({ text, base }, i) => {
    const key = `${pairId}:message:${hashValue(text)}:${i}`;
    mutations.push({ kind: 'add-message', key, pairId, side: 'local', body: text, base });
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
      if (a.kind === 'forget-comment') {
        bookkeeping.push({ kind: 'forget-link', pairId, what: 'comment', local: a.local, remote: a.remote });
        continue;
      }
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
      presumedCopies: uploadsInFlight(pair, view),
    });
    for (const a of actions) {
      if (a.kind === 'forget-attachment') {
        bookkeeping.push({
          kind: 'forget-link',
          pairId,
          what: 'attachment',
          local: a.local,
          remote: a.remote,
        });
        continue;
      }
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
  planPairWorklogs(connection, view, { creating, remote }, { mutations, bookkeeping });
  let followUp = planPairLinks(connection, view, { creating, remote }, { mutations, bookkeeping });
  mutations.push(...tree.mutations);
  bookkeeping.push(...tree.bookkeeping);
  followUp ||= tree.followUp;

  // The issues' `updated` times let the next cycle skip a pair without reading it, which is only true
  // when this plan writes nothing there: a write (or a retry that finds an older write) changes the picture.
  // A stepwise write of ours that no update repeats now has ended where it is: its journal entry goes,
  // and the value it left becomes the base (through `base` above, which holds it).
  const endedSteps = Object.keys(pair.inflight).filter(
    (k) => /:update:(local|remote)$/.test(k) && !mutations.some((m) => m.key === k),
  );
  if (endedSteps.length > 0) bookkeeping.push({ kind: 'end-inflight', pairId, keys: endedSteps });
  const settled = changedEntries(pair.base, attrs.baseNow);
  const seen = mutations.length === 0 && !followUp ? updatedOf(local, remote, readFrom) : {};
  if (settled || seen.local !== pair.lastLocalUpdated || seen.remote !== pair.lastRemoteUpdated) {
    bookkeeping.push({ kind: 'record-base', pairId, base: settled ?? {}, updated: seen });
  }
  return { mutations, bookkeeping, ...(followUp ? { followUp } : {}) };
}

/**
 * The base the planner sees: for a stepwise write (a status walked along its workflow) that began and was
 * not confirmed, the side written holds a value of our making, maybe halfway along the chain. It counts as
 * that side's base, so the partner's value, not the halfway one, is what the plan goes on to write.
 */
function withStepsOfOurs(
  pair: LinkedPair,
  local: CanonicalIssue | undefined,
  remote: CanonicalIssue | undefined,
): Base {
  const base: Base = { local: { ...pair.base.local }, remote: { ...pair.base.remote } };
  for (const [key, entry] of Object.entries(pair.inflight)) {
    const side = /:update:(local|remote)$/.exec(key)?.[1];
    const issue = side === 'local' ? local : side === 'remote' ? remote : undefined;
    if (!issue || !entry.paths || (side !== 'local' && side !== 'remote')) continue;
    for (const path of entry.paths) base[side][path] = getPath(issue.fields, path) ?? null;
  }
  return base;
}

/**
 * Files whose upload began and was not confirmed, by the side they were going to: `filename\u0000size`.
 * Attachments carry no origin marker, so an unlinked file there that matches is presumed to be our copy
 * (the executor links it) rather than a new file to copy back.
 */
function uploadsInFlight(pair: LinkedPair, view: PairView): Record<Side, Set<string>> {
  const out: Record<Side, Set<string>> = { local: new Set(), remote: new Set() };
  for (const key of Object.keys(pair.inflight)) {
    const m = /:upload-attachment:(local|remote):(.+)$/.exec(key);
    if (!m) continue;
    const into: Side = m[1] === 'local' ? 'local' : 'remote';
    const source = view.attachments[into === 'local' ? 'remote' : 'local'].find((a) => a.id === m[2]);
    if (source) out[into].add(fileKey(source));
  }
  return out;
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

/** The entries of `next` that the stored base does not already hold, or undefined when there are none. */
function changedEntries(base: Base, next: Base): Partial<Base> | undefined {
  const diff = (side: Side) =>
    Object.fromEntries(
      Object.entries(next[side]).filter(([k, v]) => !(k in base[side]) || !sameValue(base[side][k], v)),
    );
  const local = diff('local');
  const remote = diff('remote');
  return Object.keys(local).length + Object.keys(remote).length === 0 ? undefined : { local, remote };
}

/**
 * Some trackers keep `updated` to the whole second (Redmine, GitHub): an edit later in the second this
 * cycle read the issue leaves the same time. A time less than 2 s before the cycle began reading (or after
 * it) is not remembered, so the next cycle compares values instead of skipping the pair on an equal time.
 * Measured from the start of the reads, not from planning: a long listing would otherwise hide the gap.
 */
const SETTLED_AFTER_MS = 2_000;

function updatedOf(
  local: CanonicalIssue | undefined,
  remote: CanonicalIssue | undefined,
  readFrom: string,
): { local?: string; remote?: string } {
  const settled = (i: CanonicalIssue | undefined): i is CanonicalIssue =>
    i !== undefined && Date.parse(readFrom) - Date.parse(i.updated) >= SETTLED_AFTER_MS;
  return {
    ...(settled(local) ? { local: local.updated } : {}),
    ...(settled(remote) ? { remote: remote.updated } : {}),
  };
}
