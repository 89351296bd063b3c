/**
 * Idempotence of the sync cycle: a second run writes nothing, and a fault at any single point, a duplicate
 * delivery or a rate limit never leads to a duplicate issue, comment, attachment or worklog, and the world ends
 * where a clean run ends.
 *
 * Fault models, each tried at every point k of a clean run (every write, or every putPair):
 * - lost response: the fake's failAfter(k, 'after'): the write landed, the engine sees a crash;
 * - crash before the write: failAfter(k, 'before'): nothing landed, the engine sees a crash;
 * - gateway timeout after the write: a retryable TrackerError once the write landed; rerun 5 min later;
 * - rejected before the write: a 400 (not retryable) instead of the write; rerun 5 min later;
 * - process killed after / before the write: nothing after it runs or persists (store writes and tracker
 *   calls fail, locks are not released); the rerun comes once the connection lock has expired;
 * - the state store's k-th putPair throws once.
 * Each is followed by two reruns; the second must write nothing.
 *
 * A run is a cycle and the follow-ups it asks for (a child waits for its parent's copy), as the work queue
 * runs them (run-work-item.ts): a work item that crashes stays at the head of the queue and is delivered
 * again on the rerun. The new kinds (a tree of epics, tasks and sub-tasks, worklogs, a select and a version
 * list) have scenarios of their own, so every one of their writes is crashed and killed too. */
import type { CycleResult } from '../../src/core/cycle/run-cycle';
import { runCycle } from '../../src/core/cycle/run-cycle';
import { LEASE_MS } from '../../src/core/cycle/with-lease';
import type { ConnectionInput } from '../../src/core/schema/connection';
import { MAX_FOLLOW_UP_CHAIN } from '../../src/core/work/work-items';
import { issueOrigin, originPrefix, worklogOrigin } from '../../src/core/identity';
import { TrackerError } from '../../src/core/errors';
import type { CanonicalIssue, Side } from '../../src/core/model';
import { getPath } from '../../src/core/paths';
import type { Lease } from '../../src/core/ports';
import { commentOrigin } from '../../src/core/rules/plan-comments';
import type { ConnectionState, LinkedPair } from '../../src/core/state';
import { plainText, stableStringify } from '../../src/core/values';
import { CrashError, type FakeTracker, type Phase, type WriteOp } from '../fakes/fake-tracker';
import { MemoryStateStore } from '../fakes/memory-state-store';
import { DEFAULT_RULES, makeWorld } from './harness';

const SIDES = ['local', 'remote'] as const;
const other = (side: Side): Side => (side === 'local' ? 'remote' : 'local');
const bytes = (...values: number[]) => new Uint8Array(values);
const FIVE_MINUTES = 5 * 60_000;
const STARTED = '2026-11-23T09:30:00.000Z';

// ---- A world whose store can fail ------------------------------------------------------------------------

/** MemoryStateStore that can throw once at the k-th putPair, or play dead after a simulated kill. */
class FaultyStore extends MemoryStateStore {
  putPairCalls = 0;
  /** 0-based index of the putPair call that throws (once). */
  failPutPairAt: number | undefined;
  putPairFailed = false;
  /** After a kill nothing the dead process does reaches the store, and its locks stay until they expire. */
  killed = false;

  override putPair(pair: LinkedPair): Promise<void> {
    if (this.killed) return Promise.reject(new CrashError('process killed'));
    const call = this.putPairCalls++;
    if (call === this.failPutPairAt) {
      this.failPutPairAt = undefined;
      this.putPairFailed = true;
      return Promise.reject(new Error(`store unavailable (putPair #${call})`));
    }
    return super.putPair(pair);
  }

  override putConnectionState(state: ConnectionState): Promise<void> {
    if (this.killed) return Promise.reject(new CrashError('process killed'));
    return super.putConnectionState(state);
  }

  override async tryLock(connectionId: string, pairId: string, ttlMs: number): Promise<Lease | undefined> {
    if (this.killed) throw new CrashError('process killed');
    const lease = await super.tryLock(connectionId, pairId, ttlMs);
    if (!lease) return undefined;
    // A killed process neither releases nor renews: its leases run out.
    return {
      release: () => (this.killed ? Promise.resolve() : lease.release()),
      renew: () => (this.killed ? Promise.reject(new CrashError('process killed')) : lease.renew()),
    };
  }
}

const LEVELS = { Epic: 1, Task: 0, 'Sub-task': -1 };
const TYPED = {
  Severity: { kind: 'select', options: ['Low', 'High'] },
  fixVersions: { kind: 'versions', names: ['1.0', '2.0'] },
} as const;

/** The new kinds on top: both sides keep parents by type, a select and a version list. */
const KINDS_RULES: ConnectionInput['rules'] = [
  { kind: 'two-way', local: 'issuetype.name', remote: 'type' },
  { kind: 'hierarchy' },
  { kind: 'two-way', local: 'Severity', remote: 'Severity' },
  { kind: 'two-way', local: 'fixVersions', remote: 'fixVersions', mergeSets: true },
];

function makeTestWorld(kinds = false) {
  const w = makeWorld(
    { rules: [...DEFAULT_RULES, { kind: 'worklogs' }, ...(kinds ? KINDS_RULES : [])] },
    kinds
      ? {
          local: { hierarchy: { typePath: 'issuetype.name', levels: LEVELS }, typedFields: TYPED },
          remote: { hierarchy: { typePath: 'type', levels: LEVELS }, typedFields: TYPED },
        }
      : {},
  );
  const store = new FaultyStore(w.clock.ms);
  w.deps.store = store;
  /** Work items not yet done: a cycle, or a follow-up for named issues (run-work-item.ts). */
  const queue: { issues?: { local: string[]; remote: string[] }; depth: number }[] = [];
  return { ...w, store, queue };
}
type TestWorld = ReturnType<typeof makeTestWorld>;

/**
 * Runs the queued work (a cycle when none is queued) to its end, follow-ups included, as the queue would:
 * an item that throws stays queued for the rerun, an incomplete one comes back as itself, a finished one
 * queues its follow-up while the chain allows. Answers the first run that was not clean, else the last.
 */
async function runWork(w: TestWorld): Promise<CycleResult> {
  if (w.queue.length === 0) w.queue.push({ depth: 0 });
  let answer: CycleResult | undefined;
  for (let n = 0; w.queue.length > 0; n++) {
    if (n > 20) throw new Error('the work queue does not drain');
    const item = w.queue[0]!;
    let r: CycleResult;
    if (item.issues) {
      w.clock.advance(1000);
      r = await runCycle(w.deps, w.connection, { scope: { kind: 'issues', ...item.issues } });
      w.clock.advance(1000);
    } else r = await w.cycle();
    if (!answer || isClean(answer)) answer = r;
    if (r.outcome === 'executed' && !r.report.complete) return answer;
    w.queue.shift();
    const next = r.outcome === 'executed' ? r.plan.followUp : undefined;
    if (next && item.depth < MAX_FOLLOW_UP_CHAIN)
      w.queue.push({ issues: { local: [...next.local], remote: [...next.remote] }, depth: item.depth + 1 });
  }
  return answer!;
}

const isClean = (r: CycleResult) =>
  r.outcome === 'executed' && r.report.complete && r.report.errors.length === 0;

const trackerOf = (w: TestWorld, side: Side): FakeTracker => (side === 'local' ? w.local : w.remote);

async function settle(p: Promise<CycleResult>): Promise<CycleResult | Error> {
  try {
    return await p;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

function totalWrites(w: TestWorld): number {
  return w.local.writes + w.remote.writes;
}

function resetCalls(w: TestWorld): void {
  w.local.resetCalls();
  w.remote.resetCalls();
}

function cursorsOf(w: TestWorld): ConnectionState['cursors'] | undefined {
  return w.store.states.get(w.connection.id)?.cursors;
}

// ---- Scenarios ---------------------------------------------------------------------------------------------

const find = (t: FakeTracker, field: string, value: string): CanonicalIssue => {
  const found = t.snapshot().find((i) => i.fields[field] === value);
  if (!found) throw new Error(`no issue with ${field} = ${value}`);
  return found;
};

function partnerIdOf(w: TestWorld, side: Side, id: string): string {
  const pair = w.store.all(w.connection.id).find((p) => p[side]?.id === id);
  const partner = pair?.[other(side)];
  if (!partner) throw new Error(`${side} issue ${id} has no partner`);
  return partner.id;
}

/** Issues on both sides, with comments and attachments, none linked yet. */
function seedInitial(w: TestWorld): void {
  const l1 = w.local.userCreate({
    summary: 'Login fails',
    description: 'Steps to reproduce',
    'status.name': 'In Progress',
    labels: ['bug', 'ui'],
  });
  w.local.userComment(l1.id, 'first local comment');
  w.local.userComment(l1.id, 'second local comment');
  w.local.userAttach(l1.id, 'trace.log', bytes(1, 2, 3), 'text/plain');
  w.local.userLogWork(l1.id, { started: STARTED, timeSpentSeconds: 1800, comment: 'debugging' });
  w.local.userLogWork(l1.id, { started: STARTED, timeSpentSeconds: 600 });
  w.local.userCreate({ summary: 'Write the docs', 'status.name': 'Done' });
  const r1 = w.remote.userCreate({
    title: 'Crash on start',
    body: 'stack trace',
    state: 'closed',
    labels: ['crash'],
  });
  w.remote.userComment(r1.id, 'remote comment');
  w.remote.userAttach(r1.id, 'screen.png', bytes(9, 9, 9, 9, 9), 'image/png');
  w.remote.userLogWork(r1.id, { started: STARTED, timeSpentSeconds: 3600, comment: 'triage' });
  const r2 = w.remote.userCreate({ title: 'Dark mode', state: 'open' });
  w.remote.userComment(r2.id, 'remote comment on dark mode');
}

/** After a first sync: edits on both sides of one pair, comment edits and deletes, new files, new issues. */
function seedEdits(w: TestWorld): void {
  const l1 = find(w.local, 'summary', 'Login fails');
  const l1Copy = partnerIdOf(w, 'local', l1.id);
  w.local.userEdit(l1.id, { summary: 'Login fails on Safari' });
  w.remote.userEdit(l1Copy, { labels: ['bug', 'ui', 'p1'] });
  const [first, second] = (l1.comments ?? []).filter((c) => c.origin === undefined);
  w.local.userEditComment(l1.id, first!.id, 'first local comment (edited)');
  w.local.userDeleteComment(l1.id, second!.id);
  w.local.userComment(l1.id, 'third local comment');
  const [debugging, short] = (l1.worklogs ?? []).filter((x) => x.origin === undefined);
  w.local.userEditWorklog(l1.id, debugging!.id, { timeSpentSeconds: 2400, comment: 'debugging, longer' });
  w.local.userDeleteWorklog(l1.id, short!.id);
  w.local.userLogWork(l1.id, { started: STARTED, timeSpentSeconds: 300, comment: 'review' });

  const r1 = find(w.remote, 'title', 'Crash on start');
  w.remote.userEdit(r1.id, { state: 'open' });
  w.remote.userEditComment(r1.id, r1.comments![0]!.id, 'remote comment (edited)');
  w.remote.userAttach(r1.id, 'more.txt', bytes(4, 5, 6, 7), 'text/plain');
  w.remote.userEditWorklog(r1.id, r1.worklogs![0]!.id, { timeSpentSeconds: 4200 });

  const r2Copy = partnerIdOf(w, 'remote', find(w.remote, 'title', 'Dark mode').id);
  w.local.userComment(r2Copy, 'comment on the local copy');
  w.local.userAttach(r2Copy, 'design.pdf', bytes(8, 8), 'application/pdf');

  const l3 = w.local.userCreate({ summary: 'New local issue', 'status.name': 'To Do', labels: ['new'] });
  w.local.userComment(l3.id, 'comment on the new local issue');
  w.remote.userCreate({ title: 'New remote issue', state: 'open' });
}

/** A tree on each side, with time booked and typed values, none linked yet. */
function seedKinds(w: TestWorld): void {
  const task = (fields: Record<string, unknown>) => ({ 'status.name': 'To Do', ...fields });
  const e1 = w.local.userCreate(
    task({ summary: 'Epic one', 'issuetype.name': 'Epic', Severity: 'High', fixVersions: ['1.0'] }),
  );
  w.local.userCreate(task({ summary: 'Epic two', 'issuetype.name': 'Epic' }));
  const t1 = w.local.userCreate(task({ summary: 'Task one', 'issuetype.name': 'Task', parent: e1.id }));
  w.local.userLogWork(t1.id, { started: STARTED, timeSpentSeconds: 1800, comment: 'planning' });
  w.local.userCreate(
    task({ summary: 'Sub one', 'issuetype.name': 'Sub-task', parent: t1.id, fixVersions: ['2.0', '1.0'] }),
  );
  const re = w.remote.userCreate({ title: 'Remote epic', state: 'open', type: 'Epic', Severity: 'Low' });
  const rt = w.remote.userCreate({ title: 'Remote task', state: 'open', type: 'Task', parent: re.id });
  w.remote.userLogWork(rt.id, { started: STARTED, timeSpentSeconds: 3600, comment: 'triage' });
}

/** After the trees are synced: moves on both sides, a new task with a sub-task, time, typed values. */
function seedKindEdits(w: TestWorld): void {
  const e2 = find(w.local, 'summary', 'Epic two');
  const t1 = find(w.local, 'summary', 'Task one');
  w.local.userSetParent(t1.id, e2.id);
  w.local.userEditWorklog(t1.id, t1.worklogs![0]!.id, { timeSpentSeconds: 2400 });
  const t2 = w.local.userCreate({
    summary: 'Task two',
    'status.name': 'To Do',
    'issuetype.name': 'Task',
    parent: e2.id,
    Severity: 'Low',
  });
  w.local.userCreate({
    summary: 'Sub two',
    'status.name': 'To Do',
    'issuetype.name': 'Sub-task',
    parent: t2.id,
  });
  const s1 = find(w.local, 'summary', 'Sub one');
  w.local.userLogWork(s1.id, { started: STARTED, timeSpentSeconds: 900, comment: 'fix' });
  w.local.userEdit(find(w.local, 'summary', 'Epic one').id, { Severity: 'Low' });

  const rt = find(w.remote, 'title', 'Remote task');
  w.remote.userSetParent(rt.id, null);
  w.remote.userDeleteWorklog(rt.id, rt.worklogs![0]!.id);
  w.remote.userEdit(find(w.remote, 'title', 'Remote epic').id, { fixVersions: ['2.0'] });
}

interface Scenario {
  name: string;
  /** A world with the new kinds' rules and trackers. */
  kinds?: boolean;
  /** Brings a fresh world to the moment before the cycle under test. */
  prepare: (w: TestWorld) => Promise<void>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'first sync (creates both ways, comments, attachments)',
    prepare: (w) => {
      seedInitial(w);
      return Promise.resolve();
    },
  },
  {
    name: 'edits after a first sync (updates both ways, comment edit and delete, new issues)',
    prepare: async (w) => {
      seedInitial(w);
      expectClean(await w.cycle());
      seedEdits(w);
    },
  },
  {
    name: 'new kinds, first sync (trees created parent first over follow-ups, worklogs, select and versions)',
    kinds: true,
    prepare: (w) => {
      seedKinds(w);
      return Promise.resolve();
    },
  },
  {
    name: 'new kinds, edits (moves both ways, a new task and sub-task, worklog add/edit/delete, typed edits)',
    kinds: true,
    prepare: async (w) => {
      seedKinds(w);
      expectClean(await runWork(w));
      seedKindEdits(w);
    },
  },
];

function expectClean(result: CycleResult): void {
  expect(result.outcome).toBe('executed');
  if (result.outcome !== 'executed') return;
  expect(result.report.errors).toEqual([]);
  expect(result.report.complete).toBe(true);
}

// ---- What the world must look like -------------------------------------------------------------------------

/** Duplicates, missing partners, missing or extra copies: everything that must never happen. */
function duplicateProblems(w: TestWorld): string[] {
  const out: string[] = [];
  const conn = w.connection.id;
  const prefix = originPrefix(conn);
  const issues = { local: w.local.snapshot(), remote: w.remote.snapshot() };
  const pairs = w.store.all(conn);

  for (const side of SIDES) {
    const o = other(side);
    for (const issue of issues[side]) {
      const mine = pairs.filter((p) => p[side]?.id === issue.id);
      if (mine.length !== 1) out.push(`${side} ${issue.key} is in ${mine.length} pairs`);
      const ref = mine[0]?.[o];
      if (mine.length === 1 && !issues[o].some((i) => i.id === ref?.id))
        out.push(`${side} ${issue.key} has no partner`);
      if (issue.origin === undefined) {
        const copies = issues[o].filter((i) => i.origin === issueOrigin(conn, side, issue.id));
        if (copies.length !== 1)
          out.push(`${side} ${issue.key} has ${copies.length} copies on the ${o} side`);
      }
    }
  }
  for (const p of pairs) if (!p.local || !p.remote) out.push(`pair ${p.pairId} is half linked`);

  // The tree: each issue's parent is its partner's parent's partner.
  const partnerOf = (side: Side, id: string) => pairs.find((p) => p[side]?.id === id)?.[other(side)]?.id;
  for (const issue of issues.local) {
    if (!issue.hierarchy) continue;
    const copy = issues.remote.find((i) => i.id === partnerOf('local', issue.id));
    const parent = issue.hierarchy.parent;
    const want = parent ? partnerOf('local', parent.id) : null;
    if (copy && (copy.hierarchy?.parent?.id ?? null) !== want)
      out.push(
        `${issue.key}'s parent is ${parent?.key ?? 'none'}, its copy ${copy.key}'s is ${copy.hierarchy?.parent?.key ?? 'none'}`,
      );
  }

  const origins = new Set<string>();
  for (const side of SIDES) {
    for (const issue of issues[side]) {
      for (const c of issue.comments ?? []) {
        if (c.origin === undefined) continue;
        if (origins.has(c.origin)) out.push(`comment origin ${c.origin} appears twice`);
        origins.add(c.origin);
      }
    }
  }

  for (const p of pairs) {
    const byId = {
      local: issues.local.find((i) => i.id === p.local?.id),
      remote: issues.remote.find((i) => i.id === p.remote?.id),
    };
    for (const side of SIDES) {
      const src = byId[side];
      const dst = byId[other(side)];
      if (!src || !dst) continue;
      const originals = (src.comments ?? []).filter((c) => !c.origin?.startsWith(prefix));
      for (const c of originals) {
        const copies = (dst.comments ?? []).filter((x) => x.origin === commentOrigin(prefix, side, c.id));
        if (copies.length !== 1)
          out.push(`${side} comment "${plainText(c.body)}" on ${src.key} has ${copies.length} copies`);
        else if (stableStringify(copies[0]!.body) !== stableStringify(c.body))
          out.push(`copy of ${side} comment "${plainText(c.body)}" reads "${plainText(copies[0]!.body)}"`);
      }
      const expected = new Set(originals.map((c) => commentOrigin(prefix, side, c.id)));
      for (const x of dst.comments ?? []) {
        if (x.origin?.startsWith(`${prefix}${side === 'local' ? 'lc' : 'rc'}:`) && !expected.has(x.origin))
          out.push(`${dst.key} keeps a copy "${plainText(x.body)}" whose original is gone`);
      }
      const booked = (src.worklogs ?? []).filter((x) => !x.origin?.startsWith(prefix));
      for (const x of booked) {
        const copies = (dst.worklogs ?? []).filter((y) => y.origin === worklogOrigin(conn, side, x.id));
        if (copies.length !== 1)
          out.push(`${side} worklog ${x.id} on ${src.key} has ${copies.length} copies`);
        else if (copies[0]!.timeSpentSeconds !== x.timeSpentSeconds)
          out.push(
            `copy of ${side} worklog ${x.id} books ${copies[0]!.timeSpentSeconds} s, not ${x.timeSpentSeconds}`,
          );
      }
      const bookedOrigins = new Set(booked.map((x) => worklogOrigin(conn, side, x.id)));
      for (const y of dst.worklogs ?? []) {
        if (
          y.origin?.startsWith(`${prefix}${side === 'local' ? 'lw' : 'rw'}:`) &&
          !bookedOrigins.has(y.origin)
        )
          out.push(`${dst.key} keeps a worklog copy ${y.id} whose original is gone`);
      }
      const names = (i: CanonicalIssue) => (i.attachments ?? []).map((a) => a.filename);
      if (side === 'remote') continue; // files are checked once per pair
      for (const name of new Set([...names(src), ...names(dst)])) {
        const here = names(src).filter((n) => n === name).length;
        const there = names(dst).filter((n) => n === name).length;
        if (here !== 1 || there !== 1)
          out.push(`attachment ${name}: ${here} on ${src.key}, ${there} on ${dst.key}`);
      }
    }
  }
  return out;
}

/** Pair records after recovery: settled, nothing in flight, no link to a comment that no longer exists. */
function stateProblems(w: TestWorld): string[] {
  const out: string[] = [];
  const comments = {
    local: new Set(w.local.snapshot().flatMap((i) => (i.comments ?? []).map((c) => c.id))),
    remote: new Set(w.remote.snapshot().flatMap((i) => (i.comments ?? []).map((c) => c.id))),
  };
  const worklogs = {
    local: new Set(w.local.snapshot().flatMap((i) => (i.worklogs ?? []).map((x) => x.id))),
    remote: new Set(w.remote.snapshot().flatMap((i) => (i.worklogs ?? []).map((x) => x.id))),
  };
  for (const p of w.store.all(w.connection.id)) {
    if (p.status.state !== 'ok')
      out.push(`pair ${p.pairId} is ${p.status.state}: ${JSON.stringify(p.status)}`);
    const inflight = Object.keys(p.inflight);
    if (inflight.length > 0) out.push(`pair ${p.pairId} has writes in flight: ${inflight.join(', ')}`);
    for (const l of p.comments) {
      if (!comments.local.has(l.local) || !comments.remote.has(l.remote))
        out.push(`pair ${p.pairId} links comment ${l.local} ↔ ${l.remote}, which no longer exist`);
    }
    for (const l of p.worklogs ?? []) {
      if (!worklogs.local.has(l.local) || !worklogs.remote.has(l.remote))
        out.push(`pair ${p.pairId} links worklog ${l.local} ↔ ${l.remote}, which no longer exist`);
    }
  }
  return out;
}

/** Per pair, what a person sees on both sides: title, description, status, labels, comments, files. */
function viewOf(w: TestWorld): Record<string, unknown> {
  const titleOf = (side: Side, id: string) => {
    const f = trackerOf(w, side)
      .snapshot()
      .find((i) => i.id === id)?.fields;
    return f && getPath(f, side === 'local' ? 'summary' : 'title');
  };
  const describe = (side: Side, id: string | undefined) => {
    const issue = trackerOf(w, side)
      .snapshot()
      .find((i) => i.id === id);
    if (!issue) return undefined;
    const f = issue.fields;
    const labels = getPath(f, 'labels');
    return {
      title: getPath(f, side === 'local' ? 'summary' : 'title') ?? null,
      description: getPath(f, side === 'local' ? 'description' : 'body') ?? null,
      status: getPath(f, side === 'local' ? 'status.name' : 'state') ?? null,
      labels: Array.isArray(labels)
        ? labels.map((l) => (typeof l === 'string' ? l : stableStringify(l))).sort()
        : [],
      comments: (issue.comments ?? []).map((c) => stableStringify(c.body)).sort(),
      files: (issue.attachments ?? []).map((a) => `${a.filename}:${a.size}`).sort(),
      worklogs: (issue.worklogs ?? [])
        .map((x) => `${x.started} ${x.timeSpentSeconds} ${stableStringify(x.comment)}`)
        .sort(),
      type: getPath(f, side === 'local' ? 'issuetype.name' : 'type'),
      parent: issue.hierarchy?.parent ? titleOf(side, issue.hierarchy.parent.id) : undefined,
      severity: getPath(f, 'Severity'),
      versions: getPath(f, 'fixVersions'),
    };
  };
  const view: Record<string, unknown> = {};
  for (const p of w.store.all(w.connection.id).sort((a, b) => a.pairId.localeCompare(b.pairId))) {
    view[p.pairId] = { local: describe('local', p.local?.id), remote: describe('remote', p.remote?.id) };
  }
  return view;
}

function viewDiff(expected: Record<string, unknown>, actual: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const id of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const e = JSON.stringify(expected[id]);
    const a = JSON.stringify(actual[id]);
    if (e !== a) out.push(`pair ${id} differs from the clean run:\n      expected ${e}\n      actual   ${a}`);
  }
  return out;
}

// ---- The clean reference run -------------------------------------------------------------------------------

interface WriteCall {
  side: Side;
  op: WriteOp;
  /** Index of the call among this tracker's writes. */
  index: number;
  /** The paths a create or an update wrote. */
  paths?: string[];
}

interface Reference {
  writes: WriteCall[];
  putPairCalls: number;
  view: Record<string, unknown>;
}

async function cleanRun(scenario: Scenario): Promise<Reference> {
  const w = makeTestWorld(scenario.kinds);
  await scenario.prepare(w);
  const writes: WriteCall[] = [];
  const counts = { local: 0, remote: 0 };
  for (const side of SIDES) {
    const t = trackerOf(w, side);
    // The paths of the create or update under way, for naming what each write was.
    let paths: string[] | undefined;
    const createIssue = t.createIssue.bind(t);
    const updateIssue = t.updateIssue.bind(t);
    t.createIssue = (fields, ...rest) => {
      paths = Object.keys(fields);
      return createIssue(fields, ...rest);
    };
    t.updateIssue = (id, patch, ...rest) => {
      paths = Object.keys(patch);
      return updateIssue(id, patch, ...rest);
    };
    t.onCall = (e) => {
      if (!e.write || e.phase !== 'before') return;
      const named = e.op === 'createIssue' || e.op === 'updateIssue' ? { paths: paths ?? [] } : {};
      writes.push({ side, op: e.op as WriteOp, index: counts[side]++, ...named });
    };
  }
  w.store.putPairCalls = 0;
  expectClean(await runWork(w));
  const putPairCalls = w.store.putPairCalls;
  for (const side of SIDES) {
    const t = trackerOf(w, side);
    t.onCall = undefined;
    // Back to the class's own methods.
    delete (t as { createIssue?: unknown }).createIssue;
    delete (t as { updateIssue?: unknown }).updateIssue;
  }

  expect(duplicateProblems(w)).toEqual([]);
  expect(stateProblems(w)).toEqual([]);
  const view = viewOf(w);
  resetCalls(w);
  expectClean(await runWork(w));
  expect(totalWrites(w)).toBe(0);
  return { writes, putPairCalls, view };
}

// ---- Crash models ------------------------------------------------------------------------------------------

interface CrashModel {
  name: string;
  /** How many fault points a clean run offers. */
  points: (ref: Reference) => number;
  /** Arms the fault at point k; returns whether it fired, asked after the first run. */
  arm: (w: TestWorld, ref: Reference, k: number) => () => boolean;
  /** Between the faulty run and the rerun: time passes, a killed process's locks expire. */
  beforeRerun?: (w: TestWorld) => void;
  label: (ref: Reference, k: number) => string;
}

const writeLabel = (ref: Reference, k: number) => {
  const c = ref.writes[k]!;
  return `write #${k}: ${c.side}.${c.op}${c.paths ? `(${c.paths.join(', ')})` : ''}`;
};

/** The fake's own crash: failAfter(k, when) on the tracker that makes the k-th write. */
function fakeCrash(when: Phase): CrashModel {
  return {
    name:
      when === 'after'
        ? "lost response: failAfter(k, 'after')"
        : "crash before the write: failAfter(k, 'before')",
    points: (ref) => ref.writes.length,
    arm: (w, ref, k) => {
      const call = ref.writes[k]!;
      trackerOf(w, call.side).failAfter(call.index, when);
      // A clean run reports no error, so an error in the first run is the crash.
      return () => true;
    },
    label: writeLabel,
  };
}

/** A tracker error on the k-th write, before or after its effect. */
function trackerFailure(
  name: string,
  when: Phase,
  error: () => TrackerError,
  rerunAfterMs: number,
): CrashModel {
  return {
    name,
    points: (ref) => ref.writes.length,
    arm: (w, _ref, k) => {
      let seen = 0;
      let pending = false;
      let fired = false;
      for (const side of SIDES) {
        trackerOf(w, side).onCall = (e) => {
          if (!e.write) return;
          if (e.phase === 'before') {
            if (seen++ !== k) return;
            if (when === 'after') {
              pending = true;
              return;
            }
          } else if (!pending) return;
          pending = false;
          fired = true;
          throw error();
        };
      }
      return () => fired;
    },
    beforeRerun: (w) => {
      w.clock.advance(rerunAfterMs);
    },
    label: writeLabel,
  };
}

function kill(when: Phase): CrashModel {
  return {
    name: `process killed ${when} the write`,
    points: (ref) => ref.writes.length,
    arm: (w, _ref, k) => {
      let seen = 0;
      let dying = false;
      for (const side of SIDES) {
        trackerOf(w, side).onCall = (e) => {
          if (w.store.killed) throw new CrashError('process killed');
          if (!e.write) return;
          if (e.phase === 'before') {
            if (seen++ !== k) return;
            if (when === 'after') {
              dying = true;
              return;
            }
          } else if (!dying) return;
          w.store.killed = true;
          throw new CrashError(`process killed ${when} write #${k}`);
        };
      }
      return () => w.store.killed;
    },
    beforeRerun: (w) => {
      w.store.killed = false;
      w.local.onCall = undefined;
      w.remote.onCall = undefined;
      w.clock.advance(LEASE_MS + 1000);
    },
    label: writeLabel,
  };
}

const storeFailure: CrashModel = {
  name: 'state store putPair throws once',
  points: (ref) => ref.putPairCalls,
  arm: (w, _ref, k) => {
    w.store.putPairCalls = 0;
    w.store.failPutPairAt = k;
    return () => w.store.putPairFailed;
  },
  label: (_ref, k) => `putPair #${k}`,
};

const MODELS: CrashModel[] = [
  fakeCrash('after'),
  fakeCrash('before'),
  trackerFailure(
    'gateway timeout after the write (retryable), rerun 5 min later',
    'after',
    () => new TrackerError('timeout', 'injected 504 after the write', { status: 504 }),
    FIVE_MINUTES,
  ),
  trackerFailure(
    'rejected before the write (400, not retryable), rerun 5 min later',
    'before',
    () => new TrackerError('invalid_request', 'injected 400 before the write', { status: 400 }),
    FIVE_MINUTES,
  ),
  kill('after'),
  kill('before'),
  storeFailure,
];

/** Runs the scenario with one fault at point k, then twice more; returns what went wrong. */
async function crashAt(scenario: Scenario, model: CrashModel, ref: Reference, k: number): Promise<string[]> {
  const w = makeTestWorld(scenario.kinds);
  await scenario.prepare(w);
  const fired = model.arm(w, ref, k);
  const first = await settle(runWork(w));
  const problems: string[] = [];
  const firstFailed =
    first instanceof Error ||
    (first.outcome === 'executed' && (first.report.errors.length > 0 || !first.report.complete));
  if (!fired() || !firstFailed) problems.push(`the fault did not fire (first run: ${describeResult(first)})`);
  model.beforeRerun?.(w);

  const second = await settle(runWork(w));
  if (
    second instanceof Error ||
    second.outcome !== 'executed' ||
    !second.report.complete ||
    second.report.errors.length > 0
  )
    problems.push(`the rerun did not finish cleanly: ${describeResult(second)}`);
  resetCalls(w);
  const third = await settle(runWork(w));
  if (third instanceof Error || third.outcome !== 'executed')
    problems.push(`the third run failed: ${describeResult(third)}`);
  if (totalWrites(w) > 0) problems.push(`the third run still wrote ${totalWrites(w)} times`);

  problems.push(
    ...duplicateProblems(w),
    ...viewDiff(ref.view, viewOf(w)),
    ...stateProblems(w).map((p) => `[state] ${p}`),
  );
  return problems;
}

function describeResult(r: CycleResult | Error): string {
  if (r instanceof Error) return `threw ${r.name}: ${r.message}`;
  if (r.outcome !== 'executed') return r.outcome;
  const { complete, written, errors } = r.report;
  return `executed, complete=${complete}, written=${written}, errors=${JSON.stringify(errors.map((e) => e.message))}`;
}

// ---- Tests -------------------------------------------------------------------------------------------------

describe('idempotence', () => {
  it('running the same cycle twice writes nothing the second time', async () => {
    const w = makeTestWorld();
    seedInitial(w);
    expectClean(await w.cycle());
    // The first run did real work both ways.
    expect(w.local.snapshot()).toHaveLength(4);
    expect(w.remote.snapshot()).toHaveLength(4);
    expect(w.remote.calls.addComment).toBe(2);
    expect(w.local.calls.addComment).toBe(2);
    expect(w.remote.calls.uploadAttachment).toBe(1);
    expect(w.local.calls.uploadAttachment).toBe(1);
    expect(duplicateProblems(w)).toEqual([]);

    const before = { local: w.local.snapshot(), remote: w.remote.snapshot() };
    resetCalls(w);
    expectClean(await w.cycle());
    expect({ local: w.local.writes, remote: w.remote.writes }).toEqual({ local: 0, remote: 0 });
    expect({ local: w.local.snapshot(), remote: w.remote.snapshot() }).toEqual(before);

    // Also after a pause longer than the cursor overlap, when only the echoes' cursors are left.
    w.clock.advance(FIVE_MINUTES);
    expectClean(await w.cycle());
    expect(totalWrites(w)).toBe(0);
    expect({ local: w.local.snapshot(), remote: w.remote.snapshot() }).toEqual(before);
  });

  it('running the cycle after edits twice writes nothing the second time', async () => {
    const w = makeTestWorld();
    seedInitial(w);
    expectClean(await w.cycle());
    seedEdits(w);
    resetCalls(w);
    expectClean(await w.cycle());
    expect(totalWrites(w)).toBeGreaterThan(10);
    const before = { local: w.local.snapshot(), remote: w.remote.snapshot() };
    resetCalls(w);
    expectClean(await w.cycle());
    expect(totalWrites(w)).toBe(0);
    expect({ local: w.local.snapshot(), remote: w.remote.snapshot() }).toEqual(before);
    expect(duplicateProblems(w)).toEqual([]);
    expect(stateProblems(w)).toEqual([]);
  });

  describe.each(SCENARIOS)('a fault at any single point, then reruns: $name', (scenario) => {
    let ref: Reference;
    beforeAll(async () => {
      ref = await cleanRun(scenario);
    });

    it('the clean run has writes to crash', () => {
      expect(ref.writes.length).toBeGreaterThan(5);
      expect(ref.putPairCalls).toBeGreaterThan(5);
    });

    if (scenario.kinds)
      it('the clean run has a write of every new kind, so every one is crashed and killed', () => {
        const labels = ref.writes.map((_c, k) => writeLabel(ref, k).replace(/^write #\d+: /, ''));
        const count = (pattern: RegExp) => labels.filter((l) => pattern.test(l)).length;
        const edits = scenario.name.includes('edits');
        expect({
          // First sync: the copies of Task one, Sub one and Remote task; edits: Task two, then Sub two.
          'creates under a parent': count(/createIssue\(.*\bparent\b/),
          moves: count(/updateIssue\(parent\)/),
          'worklogs added': count(/addWorklog/) > 0,
          'worklogs edited and deleted': [count(/updateWorklog/), count(/deleteWorklog/)],
          'a select written': count(/\bSeverity\b/) > 0,
          'a version list written': count(/\bfixVersions\b/) > 0,
        }).toEqual({
          'creates under a parent': edits ? 2 : 3,
          moves: edits ? 2 : 0,
          'worklogs added': true,
          'worklogs edited and deleted': edits ? [1, 1] : [0, 0],
          'a select written': true,
          'a version list written': true,
        });
      });

    it.each(MODELS.map((m) => [m.name, m] as const))(
      '%s: no duplicate, same end state',
      async (_name, model) => {
        const failures: string[] = [];
        const points = model.points(ref);
        for (let k = 0; k < points; k++) {
          const problems = await crashAt(scenario, model, ref, k);
          if (problems.length > 0) failures.push(`${model.label(ref, k)}\n    ${problems.join('\n    ')}`);
        }
        expect(failures).toEqual([]);
      },
    );
  });

  describe('the crash matrix, in its smallest cases', () => {
    it('an uploaded file whose response was lost is not copied back, nor uploaded again', async () => {
      const w = makeTestWorld();
      const l = w.local.userCreate({ summary: 'A', 'status.name': 'To Do' });
      w.local.userAttach(l.id, 'trace.log', bytes(1, 2, 3), 'text/plain');
      w.remote.failAfter(1, 'after'); // write 0 creates the remote issue, write 1 uploads the file
      await expect(w.cycle()).rejects.toThrow(CrashError);
      expectClean(await w.cycle());
      const [local] = w.local.snapshot();
      const [remote] = w.remote.snapshot();
      expect(local!.attachments!.map((a) => a.filename)).toEqual(['trace.log']);
      expect(remote!.attachments!.map((a) => a.filename)).toEqual(['trace.log']);
    });

    it('a pair whose final state write was lost is settled by the next run', async () => {
      const clean = makeTestWorld();
      clean.local.userCreate({ summary: 'A', 'status.name': 'To Do' });
      expectClean(await clean.cycle());
      const w = makeTestWorld();
      w.local.userCreate({ summary: 'A', 'status.name': 'To Do' });
      // The last putPair of the run is the one that marks the pair ok; the remote issue exists by then.
      w.store.failPutPairAt = clean.store.putPairCalls - 1;
      await expect(w.cycle()).rejects.toThrow('store unavailable');
      expect(w.remote.snapshot()).toHaveLength(1);
      expectClean(await w.cycle());
      expectClean(await w.cycle());
      const [pair] = w.store.all(w.connection.id);
      expect(pair!.status).toEqual({ state: 'ok' });
      expect(pair!.lastSyncedAt).toBeDefined();
    });

    it('a deleted copy whose delete response was lost leaves no link behind', async () => {
      const w = makeTestWorld();
      const l = w.local.userCreate({ summary: 'A', 'status.name': 'To Do' });
      const c = w.local.userComment(l.id, 'hello');
      expectClean(await w.cycle());
      w.local.userDeleteComment(l.id, c.id);
      w.remote.failAfter(0, 'after'); // the copy is deleted, the answer is lost
      await expect(w.cycle()).rejects.toThrow(CrashError);
      expectClean(await w.cycle());
      expect(w.remote.snapshot()[0]!.comments).toEqual([]);
      expect(w.store.all(w.connection.id)[0]!.comments).toEqual([]);
    });
  });

  describe('a crash, then people keep working before the retry', () => {
    it('the source edited between a lost create response and the retry reaches the copy', async () => {
      const w = makeTestWorld();
      const l = w.local.userCreate({ summary: 'Login fails', 'status.name': 'To Do' });
      w.remote.failAfter(0, 'after'); // the remote copy is created, the answer is lost
      await expect(w.cycle()).rejects.toThrow(CrashError);
      w.local.userEdit(l.id, { summary: 'Login fails on Safari' });
      expectClean(await w.cycle());
      expectClean(await w.cycle());
      expect(w.remote.snapshot().map((i) => i.fields.title)).toEqual(['Login fails on Safari']);
    });

    it('the copy edited between a lost create response and the retry sends its edit back', async () => {
      const w = makeTestWorld();
      w.remote.userCreate({ title: 'Login fails', state: 'open' });
      w.local.failAfter(0, 'after'); // the local copy is created, the answer is lost
      await expect(w.cycle()).rejects.toThrow(CrashError);
      const copy = w.local.snapshot()[0]!;
      w.local.userEdit(copy.id, { summary: 'Login fails on Safari' }); // someone triages the new issue
      expectClean(await w.cycle());
      expectClean(await w.cycle());
      expect(w.remote.snapshot().map((i) => i.fields.title)).toEqual(['Login fails on Safari']);
      expect(w.local.snapshot().map((i) => i.fields.summary)).toEqual(['Login fails on Safari']);
    });

    it('a comment edited between a lost add response and the retry reaches its copy', async () => {
      const w = makeTestWorld();
      const l = w.local.userCreate({ summary: 'A', 'status.name': 'To Do' });
      const c = w.local.userComment(l.id, 'first words');
      w.remote.failAfter(1, 'after'); // write 0 creates the remote issue, write 1 copies the comment
      await expect(w.cycle()).rejects.toThrow(CrashError);
      w.local.userEditComment(l.id, c.id, 'better words');
      expectClean(await w.cycle());
      expectClean(await w.cycle());
      expect(w.remote.snapshot()[0]!.comments!.map((x) => x.body)).toEqual(['better words']);
    });

    it('a comment deleted between a lost add response and the retry leaves no copy', async () => {
      const w = makeTestWorld();
      const l = w.local.userCreate({ summary: 'A', 'status.name': 'To Do' });
      expectClean(await w.cycle());
      const c = w.local.userComment(l.id, 'oops, wrong issue');
      w.remote.failAfter(0, 'after'); // the copy is added, the answer is lost
      await expect(w.cycle()).rejects.toThrow(CrashError);
      w.local.userDeleteComment(l.id, c.id);
      expectClean(await w.cycle());
      expectClean(await w.cycle());
      expect(w.remote.snapshot()[0]!.comments).toEqual([]);
      expect(stateProblems(w)).toEqual([]);
    });
  });

  describe('duplicate delivery', () => {
    it('two cycles started at once: one runs, the other is busy, nothing is duplicated', async () => {
      const w = makeTestWorld();
      seedInitial(w);
      const outcomes = (await Promise.all([w.cycle(), w.cycle()])).map((r) => r.outcome).sort();
      expect(outcomes).toEqual(['busy', 'executed']);
      expect(duplicateProblems(w)).toEqual([]);

      seedEdits(w);
      const again = await Promise.all([w.cycle(), w.cycle(), w.cycle()]);
      expect(again.map((r) => r.outcome).sort()).toEqual(['busy', 'busy', 'executed']);
      expect(duplicateProblems(w)).toEqual([]);
      resetCalls(w);
      expectClean(await w.cycle());
      expect(totalWrites(w)).toBe(0);
      expect(stateProblems(w)).toEqual([]);
    });

    it('a cycle delivered again while the first is halfway through its writes is busy', async () => {
      const w = makeTestWorld();
      seedInitial(w);
      const late: Promise<CycleResult>[] = [];
      let writes = 0;
      w.remote.onCall = (e) => {
        if (e.write && e.phase === 'after' && writes++ === 1) late.push(w.cycle());
      };
      expectClean(await w.cycle());
      expect(late).toHaveLength(1);
      expect((await late[0]!).outcome).toBe('busy');
      w.remote.onCall = undefined;
      expect(duplicateProblems(w)).toEqual([]);
      resetCalls(w);
      expectClean(await w.cycle());
      expect(totalWrites(w)).toBe(0);
    });
  });

  describe('rate limits', () => {
    /** Arms `target.rateLimitNext(1)` as the executor starts writing: the next call on `target` is a write. */
    function rateLimitFirstWrite(w: TestWorld, target: FakeTracker, retryAfterMs: number): void {
      let armed = false;
      const arm = () => {
        if (armed) return;
        armed = true;
        target.rateLimitNext(1, retryAfterMs);
      };
      // The plan is complete once the first write starts; writes to local come first.
      w.local.onCall = (e) => {
        if (e.write && e.phase === 'before') arm();
      };
    }

    it('a rate-limited write stops the run, keeps the cursors, and the next cycle finishes', async () => {
      const w = makeTestWorld();
      w.local.userCreate({ summary: 'A', 'status.name': 'To Do' });
      w.local.userCreate({ summary: 'B', 'status.name': 'Done', labels: ['x'] });
      w.local.userCreate({ summary: 'C', 'status.name': 'In Progress' });
      // Rate limit the second remote create as it is sent; pairs run concurrently, so others may land.
      let creates = 0;
      w.remote.onCall = (e) => {
        if (e.op === 'createIssue' && e.phase === 'before' && creates++ === 1)
          throw new TrackerError('rate_limited', 'slow down', { status: 429, retryAfterMs: 30_000 });
      };
      const result = await w.cycle();
      w.remote.onCall = undefined;
      expect(result.outcome).toBe('executed');
      if (result.outcome !== 'executed') return;
      expect(result.report.complete).toBe(false);
      expect(result.report.retryAfterMs).toBe(30_000);
      expect(result.report.errors).toEqual([]);
      expect(w.remote.snapshot().length).toBeLessThan(3);
      expect(cursorsOf(w) ?? {}).toEqual({});
      const pending = w.store.all(w.connection.id).filter((p) => p.status.state === 'pending');
      expect(pending.length).toBeGreaterThanOrEqual(1);

      w.clock.advance(30_000);
      expectClean(await w.cycle());
      expect(w.remote.snapshot()).toHaveLength(3);
      expect(cursorsOf(w)?.local).toBeDefined();
      expect(duplicateProblems(w)).toEqual([]);
      expect(stateProblems(w)).toEqual([]);
      resetCalls(w);
      expectClean(await w.cycle());
      expect(totalWrites(w)).toBe(0);
    });

    it('a rate-limited remote write after the local half of the same pair was written loses no edit', async () => {
      // Reference: the same edits without a rate limit.
      const prepare = async (w: TestWorld) => {
        w.local.userCreate({ summary: 'Login fails', 'status.name': 'To Do', labels: ['bug'] });
        expectClean(await w.cycle());
        const l1 = find(w.local, 'summary', 'Login fails');
        w.local.userEdit(l1.id, { summary: 'Login fails on Safari' });
        w.remote.userEdit(partnerIdOf(w, 'local', l1.id), { labels: ['bug', 'p1'] });
      };
      const clean = makeTestWorld();
      await prepare(clean);
      expectClean(await clean.cycle());
      const expected = viewOf(clean);

      const w = makeTestWorld();
      await prepare(w);
      const cursors = cursorsOf(w);
      resetCalls(w);
      rateLimitFirstWrite(w, w.remote, 20_000);
      const result = await w.cycle();
      w.local.onCall = undefined;
      expect(result.outcome).toBe('executed');
      if (result.outcome !== 'executed') return;
      expect(result.report.complete).toBe(false);
      expect(result.report.retryAfterMs).toBe(20_000);
      expect(w.remote.writes).toBe(1); // the rate-limited update, which did nothing
      expect(cursorsOf(w)).toEqual(cursors);

      w.clock.advance(20_000);
      expectClean(await w.cycle());
      expect(viewDiff(expected, viewOf(w))).toEqual([]);
      expect(find(w.local, 'summary', 'Login fails on Safari')).toBeDefined();
      expect(duplicateProblems(w)).toEqual([]);
      expect(stateProblems(w)).toEqual([]);
    });

    it('a rate-limited read while planning writes nothing, keeps the cursors and releases the lock', async () => {
      const w = makeTestWorld();
      seedInitial(w);
      w.remote.rateLimitNext(1, 5_000);
      const result = await settle(w.cycle());
      if (result instanceof Error) {
        expect(result).toBeInstanceOf(TrackerError);
        expect((result as TrackerError).isRetryable).toBe(true);
        expect((result as TrackerError).retryAfterMs).toBe(5_000);
      } else {
        expect(result.outcome).toBe('executed');
        if (result.outcome === 'executed') expect(result.report.complete).toBe(false);
      }
      expect(totalWrites(w)).toBe(0);
      expect(cursorsOf(w)?.local).toBeUndefined();

      w.clock.advance(5_000);
      expectClean(await w.cycle());
      expect(duplicateProblems(w)).toEqual([]);
      expect(w.remote.snapshot()).toHaveLength(4);
    });
  });
});
