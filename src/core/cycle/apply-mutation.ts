/**
 * One mutation against one tracker, with the pair state updated in the same step. See execute-plan.ts for
 * the idempotence rules this follows.
 */
import { PartialWriteError, TrackerError, type UnwrittenField } from '../errors';
import type { CanonicalIssue, Json, Side } from '../model';
import { otherSide } from '../model';
import { getPath } from '../paths';
import type { Mutation } from '../plan';
import type { Connection } from '../schema/connection';
import type { Base, LinkedPair } from '../state';
import { localToRemote, remoteToLocal } from '../value-map';
import { hashValue, isEmpty, sameValue } from '../values';
import type { BulkCreateItem, CreatedIssue, TrackerPort, WriteOptions } from '../ports';
import type { EngineDeps } from './engine-deps';
import { isTabled, runTabled } from './executors';
import { journalFor } from './journal';
import { ignoreMissing, targetId } from './write-helpers';
import { issueOrigin, originPrefix } from '../identity';
import { commentOrigin } from '../rules/plan-comments';

/**
 * Applies one mutation. Answers the fields it could not write (a status no transition reaches): the rest of
 * the mutation landed, the pair goes on with its other writes, and the caller records the error on the pair.
 */
export async function applyMutation(
  deps: EngineDeps,
  connection: Connection,
  pair: LinkedPair,
  m: Mutation,
): Promise<UnwrittenField[]> {
  const tracker = m.side === 'local' ? deps.local : deps.remote;
  const entry = journalFor(deps, pair, m.key);
  const { run: journal, done } = entry;
  if (isTabled(m)) return runTabled({ deps, connection, pair, tracker, journal: entry }, m.kind, m);

  switch (m.kind) {
    case 'create-issue': {
      if (pair[m.side]) return []; // created by an earlier run of this plan
      const request = createRequest(connection, m);
      // A bulk create of this run made it (bulk-create.ts): as fresh as a create's own answer.
      const attempted = pair.inflight[m.key];
      const fresh = attempted ? deps.bulkCreated?.get(m.key) : undefined;
      const {
        value: created,
        sent,
        found,
      } = fresh && attempted
        ? { value: fresh, sent: attempted, found: false }
        : await journal<CreatedIssue>(
            (since) => findCreated(tracker, pair.inflight[m.key]?.created?.id, request.origin, since),
            () => tracker.createIssue(request.fields, request.origin, request.opts),
            { base: m.base },
          );
      const ref = { id: created.id, key: created.key, url: created.url };
      // The remote links go first, while the pair still lacks this side: if writing one fails (a 503) or
      // the run is killed, the pair is stored without it and the create stays journalled, so the next run
      // finds the copy by its origin and writes the links again. Recorded first, a lost link was never redone.
      await linkPartners(deps, connection, { ...pair, [m.side]: ref });
      pair[m.side] = ref;
      mergeBase(pair, sent.base ?? m.base);
      const unwritten = found ? [] : (created.unwritten ?? []);
      const stepwise = new Set(tracker.stepwisePaths ?? []);
      for (const path of Object.keys(m.base[m.side] ?? {})) {
        const held = getPath(created.fields, path) ?? null;
        const wanted = m.fields[path];
        // A base is only for a value written and read back. Not written: what the tracker said it could not
        // set, a value sent that the issue does not hold at all, or a stepwise value (a status) a found copy
        // does not hold, since the walk may have been killed before it got there. The side written keeps
        // what it holds, as ours; the partner's value keeps no base, so the next plan sends it again.
        const notWritten =
          unwritten.some((u) => u.path === path) ||
          (!isEmpty(wanted) && isEmpty(held)) ||
          (stepwise.has(path) && wanted !== undefined && !sameValue(held, wanted));
        // A fresh create may hold more than we sent (a default status): remember what it holds now. A found
        // one may since have been edited by people; those edits must still look like changes.
        if (!found || notWritten) pair.base[m.side][path] = held;
        if (notWritten) forgetSources(pair, m, path);
      }
      done();
      await deps.store.putPair(pair);
      if (m.side === 'remote') await runAfterCreate(deps, connection, pair, created);
      return unwritten;
    }
    case 'update-issue': {
      const id = targetId(pair, m.side);
      const stepwise = (tracker.stepwisePaths ?? []).filter((p) => p in m.patch);
      if (stepwise.length > 0) {
        // Journalled first: a kill between two transitions leaves a status of our making on this side.
        pair.inflight[m.key] = { at: deps.clock.now().toISOString(), paths: stepwise };
        await deps.store.putPair(pair);
      }
      try {
        const held = await tracker.updateIssue(id, m.patch, screenOf(m));
        mergeBase(pair, { ...m.base, [m.side]: asHeld(m.base[m.side], held) });
        done();
        return [];
      } catch (err) {
        if (!(err instanceof PartialWriteError)) throw err;
        // What landed is the base; what did not keeps its partner's old base, so it is sent again. The
        // side written keeps what it holds now (a status halfway along the chain is ours, not an edit).
        const before = structuredClone(pair.base);
        mergeBase(pair, { ...m.base, [m.side]: asHeld(m.base[m.side], err.held) });
        for (const u of err.unwritten) {
          // Only a stepwise value (a status walked partway) holds something of ours. A value refused
          // outright (an option or version the side lacks) landed nothing: taking what the side holds as
          // its base made a merge's refused half look settled, so a later edit on the source side that
          // undid the merge was never sent (found by test/core/convergence.property.test.ts).
          if (u.path in err.held && stepwise.includes(u.path))
            pair.base[m.side][u.path] = err.held[u.path] ?? null;
          else if (u.path in before[m.side]) pair.base[m.side][u.path] = before[m.side][u.path] ?? null;
          else pair.base[m.side] = without(pair.base[m.side], u.path);
          forgetSources(pair, m, u.path, before);
        }
        done();
        return err.unwritten;
      }
    }
    case 'add-comment': {
      if (pair.comments.some((l) => l[otherSide(m.side)] === m.sourceCommentId)) return [];
      const issueId = targetId(pair, m.side);
      const origin = commentOrigin(originPrefix(connection.id), otherSide(m.side), m.sourceCommentId);
      const { value: copy, sent } = await journal(
        async () => (await tracker.listComments(issueId)).find((c) => c.origin === origin),
        () => tracker.addComment(issueId, m.body, origin, m.attribution),
        { sourceHash: m.sourceHash },
      );
      const copyHash = hashValue(copy.body);
      const sourceHash = sent.sourceHash ?? m.sourceHash;
      pair.comments.push(
        m.side === 'local'
          ? {
              local: copy.id,
              remote: m.sourceCommentId,
              localHash: copyHash,
              remoteHash: sourceHash,
              origin: 'remote',
            }
          : {
              local: m.sourceCommentId,
              remote: copy.id,
              localHash: sourceHash,
              remoteHash: copyHash,
              origin: 'local',
            },
      );
      done();
      return [];
    }
    case 'update-comment': {
      await tracker.updateComment(targetId(pair, m.side), m.commentId, m.body, m.attribution);
      const link = pair.comments.find((l) => l[m.side] === m.commentId);
      if (link) {
        const sourceSide = otherSide(m.side);
        if (sourceSide === 'local') link.localHash = m.sourceHash;
        else link.remoteHash = m.sourceHash;
      }
      return [];
    }
    case 'delete-comment': {
      await ignoreMissing(() => tracker.deleteComment(targetId(pair, m.side), m.commentId));
      pair.comments = pair.comments.filter((l) => l[m.side] !== m.commentId);
      // An orphan copy (its add's answer was lost, then its original deleted) ends its journal entry here.
      const addKey = `${pair.pairId}:add-comment:${m.side}:${m.sourceCommentId}`;
      pair.inflight = Object.fromEntries(Object.entries(pair.inflight).filter(([key]) => key !== addKey));
      return [];
    }
    case 'add-message': {
      const issueId = targetId(pair, m.side);
      const origin = `${originPrefix(connection.id)}m:${m.key}`;
      const { sent } = await journal(
        async () => (await tracker.listComments(issueId)).find((c) => c.origin === origin),
        () => tracker.addComment(issueId, m.body, origin),
        { base: m.base },
      );
      mergeBase(pair, sent.base ?? m.base);
      done();
      return [];
    }
    case 'upload-attachment': {
      const sourceSide = otherSide(m.side);
      if (pair.attachments.some((a) => a[sourceSide] === m.sourceAttachmentId)) return [];
      const issueId = targetId(pair, m.side);
      const linkedHere = new Set(pair.attachments.map((a) => a[m.side]));
      const sourceTracker = sourceSide === 'local' ? deps.local : deps.remote;
      const { value: uploaded } = await journal(
        async () =>
          (await tracker.listAttachments(issueId)).find(
            (a) => a.filename === m.filename && a.size === m.size && !linkedHere.has(a.id),
          ),
        () => {
          const copy = async () => {
            const data = await sourceTracker.downloadAttachment(
              targetId(pair, sourceSide),
              m.sourceAttachmentId,
            );
            return tracker.uploadAttachment(issueId, { filename: m.filename, mimeType: m.mimeType, data });
          };
          // Downloaded whole, then sent again: twice the file's size is held until the upload ends.
          return deps.transfers ? deps.transfers.run(2 * m.size, copy) : copy();
        },
        {},
      );
      pair.attachments.push(
        m.side === 'local'
          ? { local: uploaded.id, remote: m.sourceAttachmentId, filename: m.filename }
          : { local: m.sourceAttachmentId, remote: uploaded.id, filename: m.filename },
      );
      done();
      return [];
    }
    case 'delete-attachment':
      await ignoreMissing(() => tracker.deleteAttachment(targetId(pair, m.side), m.attachmentId));
      pair.attachments = pair.attachments.filter((a) => a[m.side] !== m.attachmentId);
      return [];
    case 'add-issue-link': {
      const { add } = issueLinksOf(tracker, m.side);
      if (await refusedBy(pair, m, () => add(m.type, targetId(pair, m.side), m.targetIssueId))) return [];
      pair.issueLinks = [...new Set([...(pair.issueLinks ?? []), m.linkKey])];
      return [];
    }
    case 'delete-issue-link': {
      const { remove } = issueLinksOf(tracker, m.side);
      if (await refusedBy(pair, m, () => ignoreMissing(() => remove(m.linkId)))) return [];
      pair.issueLinks = (pair.issueLinks ?? []).filter((k) => k !== m.linkKey);
      return [];
    }
    default:
      return unreachable(m);
  }
}

/**
 * A link on each issue pointing at the other. A tracker that cannot, or refuses, costs the pair nothing:
 * the link is a convenience for people, the sync does not depend on it.
 */
async function linkPartners(deps: EngineDeps, connection: Connection, pair: LinkedPair): Promise<void> {
  const { local, remote } = pair;
  if (!local || !remote) return;
  const names = {
    local: connection.localProject,
    remote: `${connection.remote.project} (${connection.name})`,
  };
  const attempts: [TrackerPortLike, string, { key: string; url: string }, string][] = [
    [deps.local, local.id, remote, names.remote],
    [deps.remote, remote.id, local, names.local],
  ];
  // The two sites are independent: both links are written at once.
  const results = await Promise.allSettled(
    attempts.map(async ([tracker, issueId, partner, where]) =>
      tracker.linkToPartner?.(
        issueId,
        { key: partner.key, url: partner.url, title: where },
        `${originPrefix(connection.id)}link:${partner.key}`,
      ),
    ),
  );
  for (const r of results)
    if (r.status === 'rejected' && (!(r.reason instanceof TrackerError) || r.reason.isRetryable))
      throw r.reason;
}

type TrackerPortLike = EngineDeps['local'];

/** The tracker's issue-link methods; a tracker without them was never given a link to write. */
function issueLinksOf(tracker: TrackerPortLike, side: Side) {
  const add = tracker.addIssueLink?.bind(tracker);
  const remove = tracker.deleteIssueLink?.bind(tracker);
  if (!add || !remove)
    throw new TrackerError('invalid_request', `the ${side} tracker (${tracker.kind}) has no issue links`);
  return { add, remove };
}

/**
 * Runs a link write; a refusal that a retry cannot change (a link type the site lacks, a far end it hides,
 * linking switched off) is recorded on the pair and costs it nothing else: the rest of the pair syncs.
 */
async function refusedBy(
  pair: LinkedPair,
  m: Extract<Mutation, { kind: 'add-issue-link' | 'delete-issue-link' }>,
  write: () => Promise<void>,
): Promise<boolean> {
  try {
    await write();
    return false;
  } catch (err) {
    if (!(err instanceof TrackerError) || err.isRetryable) throw err;
    const others = (pair.refusedLinks ?? []).filter((r) => r.key !== m.linkKey);
    pair.refusedLinks = [...others, { key: m.linkKey, side: m.side, reason: err.message }];
    return true;
  }
}

const without = (record: Record<string, Json>, key: string): Record<string, Json> =>
  Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

const screenOf = (m: { screen?: Record<string, Json> }) => (m.screen ? { screen: m.screen } : {});

/**
 * What a create sends, single or bulk: the fields, the origin marker a retry finds it by, and the paths the
 * engine reads from the answer (the base of the side written, and what afterCreate rules bring back), so a
 * connector that knows them from the create itself need not read the issue back.
 */
export function createRequest(
  connection: Connection,
  m: Extract<Mutation, { kind: 'create-issue' }>,
): BulkCreateItem & { opts: WriteOptions } {
  const read = new Set(Object.keys(m.base[m.side] ?? {}));
  if (m.side === 'remote')
    for (const rule of connection.rules)
      if ('afterCreate' in rule && rule.afterCreate && 'remote' in rule && typeof rule.remote === 'string')
        read.add(rule.remote);
  return {
    fields: m.fields,
    origin: issueOrigin(connection.id, otherSide(m.side), m.sourceId),
    opts: { ...screenOf(m), answerPaths: [...read] },
  };
}

/** A create begun before: by the id a bulk create answered, when it did; otherwise by its origin marker. */
async function findCreated(
  tracker: TrackerPort,
  id: string | undefined,
  origin: string,
  since: string,
): Promise<CanonicalIssue | undefined> {
  if (id !== undefined) {
    const [issue] = await tracker.getIssues([id]);
    if (issue) return issue;
  }
  return tracker.findIssueByOrigin(origin, since);
}

/**
 * The partner values that a field not written came from lose the base this mutation gave them: back to
 * what the pair held before (`previous`, for an update), or to none (a create: the pair held nothing).
 */
function forgetSources(
  pair: LinkedPair,
  m: Extract<Mutation, { kind: 'create-issue' | 'update-issue' }>,
  path: string,
  previous?: Base,
): void {
  const other = otherSide(m.side);
  for (const source of m.sources?.[path] ?? []) {
    const old = previous?.[other];
    if (old && source in old) pair.base[other][source] = old[source] ?? null;
    else pair.base[other] = without(pair.base[other], source);
  }
}

function unreachable(m: never): never {
  throw new Error(`unknown mutation ${JSON.stringify(m)}`);
}

/**
 * The base of the side just written is what that side holds, not what was sent: a Markdown body written
 * to Jira is held as ADF, and ADF written to GitHub as Markdown. Conversion is lossy (ADF → Markdown →
 * ADF is not the identity), so comparing the next read with what was sent would see an edit every cycle.
 */
export function asHeld(
  sent: Record<string, Json> | undefined,
  held: Record<string, Json>,
): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [path, value] of Object.entries(sent ?? {}))
    out[path] = path in held ? (held[path] ?? null) : value;
  return out;
}

function mergeBase(pair: LinkedPair, base: Partial<Base>): void {
  pair.base = {
    local: { ...pair.base.local, ...(base.local ?? {}) },
    remote: { ...pair.base.remote, ...(base.remote ?? {}) },
  };
}

/** trackersync's after_create: bring values that exist only once the remote issue does (its key) back. */
async function runAfterCreate(
  deps: EngineDeps,
  connection: Connection,
  pair: LinkedPair,
  created: CanonicalIssue,
) {
  const patch: Record<string, Json> = {};
  for (const rule of connection.rules) {
    if (!rule.afterCreate || (rule.kind !== 'one-way' && rule.kind !== 'default' && rule.kind !== 'two-way'))
      continue;
    if (rule.remote === undefined) continue;
    const value = remoteToLocal(
      rule.map,
      getPath(created.fields, rule.remote) ?? (rule.remote === 'key' ? created.key : null),
    );
    if (value === undefined || value === null) continue;
    patch[rule.local] = value;
    pair.base.local[rule.local] = value;
    pair.base.remote[rule.remote] = localToRemote(rule.map, value) ?? null;
  }
  if (Object.keys(patch).length === 0 || !pair.local) return;
  await deps.local.updateIssue(pair.local.id, patch);
}
