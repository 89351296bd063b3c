/**
 * Planning a cycle: read what changed on both sides since the cursors (minus an overlap, deduplicated),
 * read the partner issues that need it, and turn every pair into mutations. Nothing is written here, so
 * the same function serves the dry run, damage control and the real cycle.
 */
import type { CanonicalIssue, CanonicalWorklog, Side } from '../model';
import type { Bookkeeping, PairRefs, SyncPlan } from '../plan';
import { describeDrift, findDrift } from '../rules/find-drift';
import type { KnownUnchanged, TrackerPort } from '../ports';
import type { Connection } from '../schema/connection';
import type { ConnectionState, KnownCopyGroup, LinkedPair } from '../state';
import { newPair, pairIdFor } from '../state';
import type { EngineDeps } from './engine-deps';
import { originPrefix } from '../identity';
import { planPair, type PairView } from './plan-pair';
import type { PairWorklogs } from '../rules/plan-pair-worklogs';
import { resolveHierarchy } from './resolve-hierarchy';
import { resolveLinks } from './resolve-links';
import { sideChanged } from './side-changed';

/** Trackers' `updated` filters are coarse (Jira: minutes) and clocks drift; re-read this much and dedupe. */
export const CURSOR_OVERLAP_MS = 60_000;

/**
 * How far behind the start of a listing its cursor may be set when the newest issue listed is older: the
 * listing saw every change made before it started, so the cursor need not stay at the newest `updated`
 * (an old one made every cycle re-read whatever was changed in the minute before it, such as a whole
 * import). The margin covers a tracker whose clock is behind ours; Jira's relative JQL needs none.
 */
export const CURSOR_CLOCK_MARGIN_MS = 5 * 60_000;

interface Candidate {
  pair: LinkedPair;
  local?: CanonicalIssue;
  remote?: CanonicalIssue;
}

/**
 * What a cycle looks at: what changed since the cursors (the usual), everything in scope (the self-healing
 * full scan, which also retries pairs in error), or a few issues by id ("Sync now", "Retry").
 */
export type CycleScope =
  | { kind: 'changes' }
  | { kind: 'full' }
  | { kind: 'issues'; local: readonly string[]; remote: readonly string[] };

export async function planCycle(
  deps: EngineDeps,
  connection: Connection,
  state: ConnectionState,
  scope: CycleScope = { kind: 'changes' },
): Promise<SyncPlan> {
  const trackers = { local: deps.local, remote: deps.remote };
  // Every read below happens after this: an issue time this close to it may still be shared by an edit.
  const readFrom = deps.clock.now().toISOString();
  const known = knownCopiesPlan(state, scope, readFrom);
  const listed = await listScope(trackers, state, scope, known.offer);
  // Cursors from the listing alone; the copies read by id below say nothing about what else changed.
  const listedCursors = {
    ...cursorAfter('local', listed.local, readFrom),
    ...cursorAfter('remote', listed.remote, readFrom),
  };
  if (scope.kind === 'changes') await readRetired(trackers, known.retire, listed);
  const pairsBy = {
    local: await deps.store.findPairsBySide(connection.id, 'local', [...listed.local.keys()]),
    remote: await deps.store.findPairsBySide(connection.id, 'remote', [...listed.remote.keys()]),
  };

  const candidates = new Map<string, Candidate>();
  /** Linked pairs unchanged on the side listed; in the self-healing pass they are checked for drift. */
  const unchanged = new Map<string, LinkedPair>();
  const prefix = originPrefix(connection.id);
  for (const side of ['local', 'remote'] as const) {
    for (const issue of listed[side].values()) {
      const existing = pairsBy[side].get(issue.id);
      if (!existing && issue.origin?.startsWith(prefix)) continue; // our copy whose pair record is gone: never copy it back
      const pair = existing ?? newPair(connection.id, pairIdFor(side, issue.id));
      if (existing && !sideChanged(connection, side, issue, existing)) {
        unchanged.set(existing.pairId, existing);
        continue;
      }
      const c = candidates.get(pair.pairId) ?? { pair };
      c[side] = issue;
      candidates.set(pair.pairId, c);
    }
  }

  const gone = await fetchPartners(trackers, candidates, listed);
  if (scope.kind === 'full')
    gone.push(...(await unlistedPartnersGone(trackers, unchanged, candidates, listed)));
  if (scope.kind === 'issues') gone.push(...(await askedForAndGone(deps, connection, scope, listed)));
  // Before links: with createParents, parents outside the sync join the candidates here.
  const trees = await resolveHierarchy(deps, connection, candidates);
  const links = connection.rules.some((r) => r.kind === 'links')
    ? await resolveLinks(deps, connection, candidates)
    : new Map<string, NonNullable<PairView['links']>>();
  const now = deps.clock.now().toISOString();
  const plan: SyncPlan = {
    id: deps.newId(),
    connectionId: connection.id,
    createdAt: now,
    mutations: [],
    bookkeeping: [],
    pairs: [],
    // Only a listing by time moves the cursors; a few issues by id say nothing about the rest.
    cursors: scope.kind === 'issues' ? state.cursors : { ...state.cursors, ...listedCursors },
  };
  if (scope.kind !== 'issues') {
    const keysOf = (groups: Record<Side, readonly KnownCopyGroup[]>) =>
      [...groups.local, ...groups.remote].map(knownGroupKey);
    plan.knownCopies = { offered: keysOf(known.offer), retired: keysOf(known.retire) };
  }
  for (const g of gone) {
    const message = partnerGoneMessage(g.side, g.key);
    // Already shown: nothing to write again.
    if (g.pair.status.state === 'error' && g.pair.status.message === message) continue;
    plan.bookkeeping.push({
      kind: 'record-partner-gone',
      pairId: g.pair.pairId,
      side: g.side,
      key: g.key,
      message,
    });
    plan.pairs.push(refsOf({ pair: g.pair }));
  }
  for (const c of candidates.values()) {
    const resolved = links.get(c.pair.pairId);
    const tree = trees.get(c.pair.pairId);
    const view: PairView = {
      ...(await readPairView(trackers, connection, c)),
      ...(resolved ? { links: resolved } : {}),
      ...(tree ? { hierarchy: tree } : {}),
    };
    const { mutations, bookkeeping, followUp } = planPair(connection, view, now, readFrom);
    if (followUp) {
      plan.followUp ??= { local: [], remote: [] };
      if (c.local) plan.followUp.local.push(c.local.id);
      if (c.remote) plan.followUp.remote.push(c.remote.id);
    }
    // Both issues are in hand: a pair with nothing to write is compared, so it is never called in sync wrongly.
    if (mutations.length === 0) bookkeeping.push(...driftOf(connection, c, conflictedIn(bookkeeping)));
    if (mutations.length === 0 && bookkeeping.length === 0) continue;
    plan.mutations.push(...mutations);
    plan.bookkeeping.push(...bookkeeping);
    plan.pairs.push(refsOf(c));
  }
  if (scope.kind === 'full') {
    // Pairs no side of which changed: the listing read both issues already, so comparing costs no call.
    for (const pair of unchanged.values()) {
      if (candidates.has(pair.pairId) || !pair.local || !pair.remote) continue;
      const local = listed.local.get(pair.local.id);
      const remote = listed.remote.get(pair.remote.id);
      if (!local || !remote) continue;
      const c: Candidate = { pair, local, remote };
      const found = driftOf(connection, c);
      if (found.length === 0) continue;
      plan.bookkeeping.push(...found);
      plan.pairs.push(refsOf(c));
    }
  }
  // Incoming before outgoing, as in Gropius: the local side is settled first.
  plan.mutations.sort((a, b) => (a.side === b.side ? 0 : a.side === 'local' ? -1 : 1));
  return plan;
}

async function listScope(
  trackers: Record<Side, TrackerPort>,
  state: ConnectionState,
  scope: CycleScope,
  offer: Record<Side, readonly KnownUnchanged[]>,
): Promise<Record<Side, Map<string, CanonicalIssue>>> {
  if (scope.kind === 'issues') {
    // In scope only: an event names any issue of the project, and a listing would skip one the filter leaves out.
    const byId = async (t: TrackerPort, ids: readonly string[]) =>
      new Map((ids.length === 0 ? [] : await t.getIssues(ids, { inScope: true })).map((i) => [i.id, i]));
    return {
      local: await byId(trackers.local, scope.local),
      remote: await byId(trackers.remote, scope.remote),
    };
  }
  // The self-healing pass reads everything, our own copies included: it is there to catch what we missed.
  const full = scope.kind === 'full';
  const list = (side: Side) =>
    full
      ? listSince(trackers[side], undefined, [])
      : listSince(
          trackers[side],
          state.cursors[side],
          offer[side].map((g) => ({ ids: g.ids, until: g.until })),
        );
  return { local: await list('local'), remote: await list('remote') };
}

/**
 * A filter that names whole minutes back from its now (Jira's relative dates) cannot leave out anything
 * younger than this; a group offered earlier would be listed all the same and then read again for nothing.
 */
export const KNOWN_COPY_MIN_AGE_MS = 60_000;

/** The identity of a known-copy group in a plan: its time and its copies. */
export const knownGroupKey = (g: KnownUnchanged): string => `${g.until}|${g.ids.join(',')}`;

/**
 * Which known-copy groups this listing may leave out (`offer`), and which it must read by id (`retire`).
 * Jira's filter names a time up to a minute after a group's `until`, so the first listing that leaves a
 * group out may also leave out a person's edit made in that minute. So the listing after it reads the group
 * by id, which shows any such edit; from then on (`checked`) no edit can hide there, since the minute after
 * `until` is over, and every listing leaves the group out until the cursor has passed it. A group read by
 * a run that stopped halfway stays unchecked, and the next run reads it again (run-cycle.ts rememberCopies).
 * The cursor is not held back at the group's time: that, and dropping the group once read, made the
 * listings after it read every copy again for the cursor's margin (the 1,000-issue bench's changed cycle
 * listed 1,045 copies for 20 changes).
 */
function knownCopiesPlan(state: ConnectionState, scope: CycleScope, readFrom: string) {
  const none = { local: [] as KnownCopyGroup[], remote: [] as KnownCopyGroup[] };
  if (scope.kind === 'issues') return { offer: none, retire: none };
  const offer = { local: [] as KnownCopyGroup[], remote: [] as KnownCopyGroup[] };
  const retire = { local: [] as KnownCopyGroup[], remote: [] as KnownCopyGroup[] };
  const oldEnough = new Date(Date.parse(readFrom) - KNOWN_COPY_MIN_AGE_MS).toISOString();
  for (const side of ['local', 'remote'] as const) {
    const cursor = state.cursors[side];
    for (const g of state.knownCopies?.[side] ?? []) {
      if (g.offered && !g.checked) retire[side].push(g);
      // The self-healing pass lists everything; the cursor's overlap brings back only the recent ones.
      if (
        scope.kind === 'changes' &&
        cursor !== undefined &&
        g.until >= pruneBefore(cursor) &&
        g.until <= oldEnough
      )
        offer[side].push(g);
    }
  }
  return { offer, retire };
}

/** The copies of groups offered to an earlier listing, read by id where this listing did not show them. */
async function readRetired(
  trackers: Record<Side, TrackerPort>,
  retire: Record<Side, readonly KnownCopyGroup[]>,
  listed: Record<Side, Map<string, CanonicalIssue>>,
): Promise<void> {
  for (const side of ['local', 'remote'] as const) {
    const ids = [...new Set(retire[side].flatMap((g) => g.ids))].filter((id) => !listed[side].has(id));
    if (ids.length === 0) continue;
    // In scope, as a listing would: a copy moved out of the connection's filter is not the listing's.
    for (const issue of await trackers[side].getIssues(ids, { inScope: true }))
      listed[side].set(issue.id, issue);
  }
}

/** Older groups cannot come back: the listing starts at most a few minutes before the cursor. */
function pruneBefore(cursor: string): string {
  return new Date(Date.parse(cursor) - CURSOR_OVERLAP_MS - CURSOR_CLOCK_MARGIN_MS).toISOString();
}

/**
 * The state's known copies after a run: the copies it created join, grouped by the quarter minute their
 * writing ended, each group's time the latest in it (so the time is after every copy's last write of
 * ours; finer groups would lengthen the query for less than the minute a Jira query can tell apart), and
 * groups the new cursors have passed are dropped, so the list stays as short as the cursor overlap.
 */
export function nextKnownCopies(
  state: ConnectionState,
  cursors: ConnectionState['cursors'],
  created: readonly { side: Side; id: string; at: string }[],
  listing: SyncPlan['knownCopies'] = { offered: [], retired: [] },
): NonNullable<ConnectionState['knownCopies']> {
  const out: NonNullable<ConnectionState['knownCopies']> = {};
  const offered = new Set(listing.offered);
  const retired = new Set(listing.retired);
  for (const side of ['local', 'remote'] as const) {
    const kept: KnownCopyGroup[] = (state.knownCopies?.[side] ?? []).map((g) => {
      const key = knownGroupKey(g);
      if (retired.has(key)) return { ...g, offered: true, checked: true };
      return offered.has(key) ? { ...g, offered: true } : g;
    });
    const fresh = new Map<number, KnownUnchanged>();
    for (const c of created) {
      if (c.side !== side) continue;
      const bucket = Math.floor(Date.parse(c.at) / 15_000);
      const g = fresh.get(bucket) ?? { ids: [], until: c.at };
      g.ids.push(c.id);
      if (c.at > g.until) g.until = c.at;
      fresh.set(bucket, g);
    }
    kept.push(...fresh.values());
    const cursor = cursors[side];
    kept.splice(
      0,
      kept.length,
      ...kept
        // An offered group stays until a listing has read it by id, then until the cursor has passed it.
        .filter(
          (g) =>
            (g.offered === true && g.checked !== true) ||
            cursor === undefined ||
            g.until >= pruneBefore(cursor),
        )
        .sort((a, b) => a.until.localeCompare(b.until)),
    );
    if (kept.length > 0) out[side] = kept;
  }
  return out;
}

async function listSince(
  tracker: TrackerPort,
  cursor: string | undefined,
  known: readonly KnownUnchanged[],
): Promise<Map<string, CanonicalIssue>> {
  const since =
    cursor === undefined ? undefined : new Date(Date.parse(cursor) - CURSOR_OVERLAP_MS).toISOString();
  const out = new Map<string, CanonicalIssue>();
  let token: string | undefined;
  do {
    const page = await tracker.listUpdatedSince(since, token, known);
    for (const issue of page.items) out.set(issue.id, issue);
    token = page.next;
  } while (token !== undefined);
  return out;
}

/**
 * The newest `updated` listed, or the listing's start less a clock margin when that is later: the listing
 * saw every change made before it began, so an old newest issue need not pin the cursor.
 */
function cursorAfter(
  side: Side,
  issues: Map<string, CanonicalIssue>,
  readFrom: string,
): Partial<Record<Side, string>> {
  let newest = Date.parse(readFrom) - CURSOR_CLOCK_MARGIN_MS;
  for (const i of issues.values()) newest = Math.max(newest, Date.parse(i.updated));
  // Not past the listing's start: an issue edited while the listing paged may be left out of its later pages
  // (Jira's pages leave out by id what they answered before, jira-listing.ts), so the next listing covers it.
  newest = Math.min(newest, Date.parse(readFrom));
  return { [side]: new Date(newest).toISOString() };
}

/** A pair one of whose issues no longer exists. */
interface GonePartner {
  pair: LinkedPair;
  side: Side;
  key: string;
}

const partnerGoneMessage = (side: Side, key: string): string =>
  `${key} no longer exists on the ${side} side (deleted, or out of the app's reach); Tandem does not recreate it`;

/**
 * Reads, in one batched call per side, the partner issues of pairs that changed on one side only. A
 * partner that no longer exists is not recreated: its pair leaves the plan's writes and is returned, so
 * the pair shows the error instead of claiming it is in sync.
 */
async function fetchPartners(
  trackers: Record<Side, TrackerPort>,
  candidates: Map<string, Candidate>,
  listed: Record<Side, Map<string, CanonicalIssue>>,
): Promise<GonePartner[]> {
  const gone: GonePartner[] = [];
  for (const side of ['local', 'remote'] as const) {
    const wanted = new Map<string, Candidate>();
    for (const c of candidates.values()) {
      const ref = c.pair[side];
      if (c[side] || !ref) continue;
      const already = listed[side].get(ref.id);
      if (already) c[side] = already;
      else wanted.set(ref.id, c);
    }
    if (wanted.size === 0) continue;
    for (const issue of await trackers[side].getIssues([...wanted.keys()])) {
      const c = wanted.get(issue.id);
      if (c) c[side] = issue;
    }
    for (const c of wanted.values()) {
      const ref = c.pair[side];
      if (c[side] || !ref) continue;
      candidates.delete(c.pair.pairId);
      gone.push({ pair: c.pair, side, key: ref.key });
    }
  }
  return gone;
}

/**
 * A cycle for named issues (a deletion event, a tracker's webhook, "Sync now") whose issue is no longer
 * there: its pair, if it has one, lost that side.
 */
async function askedForAndGone(
  deps: EngineDeps,
  connection: Connection,
  scope: Extract<CycleScope, { kind: 'issues' }>,
  listed: Record<Side, Map<string, CanonicalIssue>>,
): Promise<GonePartner[]> {
  const gone: GonePartner[] = [];
  for (const side of ['local', 'remote'] as const) {
    const missing = scope[side].filter((id) => !listed[side].has(id));
    if (missing.length === 0) continue;
    for (const pair of (await deps.store.findPairsBySide(connection.id, side, missing)).values()) {
      const ref = pair[side];
      if (ref && pair.local && pair.remote) gone.push({ pair, side, key: ref.key });
    }
  }
  return gone;
}

/**
 * The self-healing pass lists everything in scope: a linked pair with one side listed and the other not
 * may have lost that side without the listed one changing (Jira deletes an issue without touching its
 * partner). One batched read per side, of those only, tells deleted apart from merely out of the listing.
 */
async function unlistedPartnersGone(
  trackers: Record<Side, TrackerPort>,
  unchanged: Map<string, LinkedPair>,
  candidates: Map<string, Candidate>,
  listed: Record<Side, Map<string, CanonicalIssue>>,
): Promise<GonePartner[]> {
  const gone: GonePartner[] = [];
  for (const side of ['local', 'remote'] as const) {
    const other = side === 'local' ? 'remote' : 'local';
    const missing = new Map<string, LinkedPair>();
    for (const pair of unchanged.values()) {
      const ref = pair[side];
      const there = pair[other];
      if (candidates.has(pair.pairId) || !ref || !there) continue;
      if (listed[other].has(there.id) && !listed[side].has(ref.id)) missing.set(ref.id, pair);
    }
    if (missing.size === 0) continue;
    const found = new Set((await trackers[side].getIssues([...missing.keys()])).map((i) => i.id));
    for (const [id, pair] of missing)
      if (!found.has(id)) gone.push({ pair, side, key: pair[side]?.key ?? id });
  }
  return gone;
}

async function readPairView(trackers: Record<Side, TrackerPort>, connection: Connection, c: Candidate) {
  const needsComments = connection.rules.some((r) => r.kind === 'messages');
  const needsFiles = connection.rules.some((r) => r.kind === 'files');
  const comments = {
    local: [] as NonNullable<CanonicalIssue['comments']>,
    remote: [] as NonNullable<CanonicalIssue['comments']>,
  };
  const attachments = {
    local: [] as NonNullable<CanonicalIssue['attachments']>,
    remote: [] as NonNullable<CanonicalIssue['attachments']>,
  };
  // Worklogs only where both trackers book time: with one side unable to, there is nothing to pair them with.
  const bookTime = [trackers.local, trackers.remote].every((t) => t.capabilities.worklogs);
  const worklogs: PairWorklogs | undefined =
    connection.rules.some((r) => r.kind === 'worklogs') && bookTime ? { local: [], remote: [] } : undefined;
  for (const side of ['local', 'remote'] as const) {
    const issue = c[side];
    if (!issue) continue;
    if (needsComments) comments[side] = await commentsOf(trackers[side], issue, c.pair, side);
    if (needsFiles) attachments[side] = issue.attachments ?? (await trackers[side].listAttachments(issue.id));
    if (worklogs) worklogs[side] = await worklogsOf(trackers[side], issue);
  }
  return {
    pair: c.pair,
    local: c.local,
    remote: c.remote,
    comments,
    attachments,
    ...(worklogs ? { worklogs } : {}),
  };
}

/** The issue's worklogs with their origin markers: as read with the issue, else asked for. */
async function worklogsOf(tracker: TrackerPort, issue: CanonicalIssue): Promise<CanonicalWorklog[]> {
  return issue.worklogs ?? (await tracker.listWorklogs?.(issue.id)) ?? [];
}

/**
 * The issue's comments, with origin markers where an unlinked comment needs one: without it, our own copy
 * whose link was lost in a crash would look like a new comment and be copied back.
 */
async function commentsOf(tracker: TrackerPort, issue: CanonicalIssue, pair: LinkedPair, side: Side) {
  const listed = issue.comments;
  if (!listed) return tracker.listComments(issue.id);
  if (!issue.commentsLackOrigin) return listed;
  // Only a comment add that began and was not confirmed can have left a copy of ours unlinked here.
  const pending = Object.keys(pair.inflight).some(
    (k) => k.includes(`:add-comment:${side}:`) || k.includes(':message'),
  );
  if (!pending) return listed;
  const linked = new Set(pair.comments.map((l) => l[side]));
  return listed.every((c) => linked.has(c.id)) ? listed : tracker.listComments(issue.id);
}

/**
 * The self-healing pass's comparison for a pair that is ok (or was in drift) and has nothing to write:
 * drift found is recorded; drift gone is recorded as none, which makes the pair ok again.
 */
function driftOf(connection: Connection, c: Candidate, conflicted: string[] = []): Bookkeeping[] {
  const { pair, local, remote } = c;
  if (!local || !remote || (pair.status.state !== 'ok' && pair.status.state !== 'drift')) return [];
  // A difference recorded as a conflict waits for a person: it is shown as the conflict, not as drift.
  const known = new Set([...conflicted, ...pair.conflicts.map((x) => x.localPath)]);
  const fields = findDrift(connection, local, remote).filter((f) => !known.has(f.local));
  if (fields.length === 0 && pair.status.state === 'ok') return [];
  return [{ kind: 'record-drift', pairId: pair.pairId, fields, message: describeDrift(fields, remote.key) }];
}

const conflictedIn = (bookkeeping: readonly Bookkeeping[]): string[] =>
  bookkeeping.flatMap((b) => (b.kind === 'record-conflicts' ? b.conflicts.map((x) => x.localPath) : []));

function refsOf(c: Candidate): PairRefs {
  const ref = (i: CanonicalIssue | undefined) => (i ? { id: i.id, key: i.key, url: i.url } : undefined);
  const local = ref(c.local) ?? c.pair.local;
  const remote = ref(c.remote) ?? c.pair.remote;
  return { pairId: c.pair.pairId, ...(local ? { local } : {}), ...(remote ? { remote } : {}) };
}
