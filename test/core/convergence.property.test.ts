/**
 * Convergence, as a property: whatever people do on either side, interleaved with cycles at any pace, the
 * two trackers end up where DEFAULT_RULES say they should, with no duplicate, and a quiet cycle writes
 * nothing.
 *
 * After every cycle the world is checked twice:
 * - structurally: every issue has exactly one partner; summary = title, description = body, mapped status
 *   and label sets agree; every human comment has exactly one copy with the same body, and no copy outlives
 *   its original; every file is on both sides exactly once;
 * - against the rules' three-way semantics, from the values before the cycle and the values both sides
 *   agreed on after the previous one: the side that changed wins, both changed → remote wins (title,
 *   status) or the label sets merge; a new issue is copied as it is.
 *
 * A second property mixes in crashed cycles (the fake's failAfter, before or after the write lands) while
 * people keep working: the cycle after a crash only has to finish, the one after that must be converged.
 *
 * A third and a fourth property add the new kinds (a world whose trackers keep parents and typed fields as
 * Jira does, with worklogs, issue types, the hierarchy, a select and a version list in the rules): people
 * create epics, tasks and sub-tasks under parents, move them on either side, book, edit and delete time, and
 * pick options and versions, some of which only one side has. A cycle there is a cycle and the follow-ups it
 * asks for, as the work queue runs them. After every cycle each pair's tree, select, versions and worklogs
 * agree, or the pair shows why (a value the other side lacks is named in its error).
 *
 * A failure prints fast-check's seed, path and shrunk commands (verbose); replay one with
 * FC_SEED=<seed> FC_PATH=<path> npx jest test/core/convergence.property.test.ts -t '<test name>'.
 * FC_RUNS=<n> runs each property n times instead of 100, for a longer hunt.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { FULL_SCAN_EVERY_MS, runCycle, type CycleResult } from '../../src/core/cycle/run-cycle';
import { TrackerError } from '../../src/core/errors';
import { MAX_FOLLOW_UP_CHAIN } from '../../src/core/work/work-items';
import type { ConnectionInput } from '../../src/core/schema/connection';
import type { LinkedPair } from '../../src/core/state';
import { issueOrigin, originPrefix, worklogOrigin } from '../../src/core/identity';
import type { CanonicalIssue, Json, Side } from '../../src/core/model';
import { getPath } from '../../src/core/paths';
import { commentOrigin } from '../../src/core/rules/plan-comments';
import { plainText, stableStringify } from '../../src/core/values';
import { CrashError, type FakeTracker, type Phase } from '../fakes/fake-tracker';
import { DEFAULT_RULES, makeWorld, STATUS_MAP, type World } from './harness';

const SIDES = ['local', 'remote'] as const;
const other = (side: Side): Side => (side === 'local' ? 'remote' : 'local');
const trackerOf = (w: World, side: Side): FakeTracker => (side === 'local' ? w.local : w.remote);

const STATUSES = { local: ['To Do', 'In Progress', 'Done'], remote: ['open', 'closed'] } as const;
const LABELS = ['bug', 'ui', 'p1', 'p2'] as const;
const TITLES = ['Login fails', 'Crash on start', 'Docs', 'Dark mode', 'Slow search'] as const;
const PATHS = {
  local: { title: 'summary', description: 'description', status: 'status.name' },
  remote: { title: 'title', description: 'body', status: 'state' },
} as const;

/** STATUS_MAP read as the value map reads it: the first row that matches wins, in either direction. */
const toRemoteStatus = (v: string | null): string | null =>
  STATUS_MAP.find((row) => row.local === v)?.remote ?? v;
const toLocalStatus = (v: string | null): string | null =>
  STATUS_MAP.find((row) => row.remote === v)?.local ?? v;

// ---- Commands ----------------------------------------------------------------------------------------------

type Cmd =
  | { kind: 'create'; side: Side; title: string; status: number; labels: string[]; description: boolean }
  | { kind: 'title'; side: Side; pick: number; title: string }
  | { kind: 'status'; side: Side; pick: number; status: number }
  | { kind: 'addLabel'; side: Side; pick: number; label: string }
  | { kind: 'removeLabel'; side: Side; pick: number; label: number }
  | { kind: 'comment'; side: Side; pick: number }
  | { kind: 'editComment'; side: Side; pick: number }
  | { kind: 'deleteComment'; side: Side; pick: number }
  | { kind: 'attach'; side: Side; pick: number; size: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'cycle'; ms: number };

const side = fc.constantFrom<Side>('local', 'remote');
const pick = fc.nat({ max: 20 });
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      side,
      title: fc.constantFrom(...TITLES),
      status: fc.nat({ max: 2 }),
      labels: fc.subarray([...LABELS]),
      description: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('title' as const),
      side,
      pick,
      title: fc.constantFrom(...TITLES),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('status' as const), side, pick, status: fc.nat({ max: 2 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('addLabel' as const),
      side,
      pick,
      label: fc.constantFrom(...LABELS),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('removeLabel' as const),
      side,
      pick,
      label: fc.nat({ max: 3 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('comment' as const), side, pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('editComment' as const), side, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteComment' as const), side, pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('attach' as const),
      side,
      pick,
      size: fc.integer({ min: 1, max: 64 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.constantFrom(1_000, 61_000, 300_000) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('cycle' as const),
      ms: fc.constantFrom(0, 1_000, 59_000, 300_000),
    }),
  },
);

/** Applies a person's edit; an edit that has nothing to apply to (no issue, no comment) does nothing. */
function applyHuman(w: World, cmd: Exclude<Cmd, { kind: 'cycle' | 'wait' }>, n: number): void {
  const t = trackerOf(w, cmd.side);
  const paths = PATHS[cmd.side];
  if (cmd.kind === 'create') {
    const status = STATUSES[cmd.side][cmd.status % STATUSES[cmd.side].length]!;
    t.userCreate({
      [paths.title]: cmd.title,
      [paths.status]: status,
      ...(cmd.labels.length > 0 ? { labels: cmd.labels } : {}),
      ...(cmd.description ? { [paths.description]: `Description ${n}` } : {}),
    });
    return;
  }
  const issues = t.snapshot();
  if (issues.length === 0) return;
  const issue = issues[cmd.pick % issues.length]!;
  const labels = labelsOf(issue);
  const humanComments = issues.flatMap((i) =>
    (i.comments ?? []).filter((c) => c.origin === undefined).map((c) => ({ issue: i.id, id: c.id })),
  );
  const comment = humanComments[cmd.pick % Math.max(1, humanComments.length)];
  switch (cmd.kind) {
    case 'title':
      t.userEdit(issue.id, { [paths.title]: cmd.title });
      return;
    case 'status':
      t.userEdit(issue.id, { [paths.status]: STATUSES[cmd.side][cmd.status % STATUSES[cmd.side].length]! });
      return;
    case 'addLabel':
      t.userEdit(issue.id, { labels: labels.includes(cmd.label) ? labels : [...labels, cmd.label] });
      return;
    case 'removeLabel': {
      if (labels.length === 0) return;
      const gone = labels[cmd.label % labels.length];
      t.userEdit(issue.id, { labels: labels.filter((l) => l !== gone) });
      return;
    }
    case 'comment':
      t.userComment(issue.id, `${cmd.side} comment ${n}`);
      return;
    case 'editComment':
      if (comment) t.userEditComment(comment.issue, comment.id, `${cmd.side} comment edited ${n}`);
      return;
    case 'deleteComment':
      if (comment) t.userDeleteComment(comment.issue, comment.id);
      return;
    case 'attach':
      t.userAttach(issue.id, `file-${n}.txt`, new Uint8Array(cmd.size).fill(n % 256), 'text/plain');
      return;
  }
}

// ---- The new kinds ------------------------------------------------------------------------------------------

const LEVELS = { Epic: 1, Task: 0, 'Sub-task': -1 };
const TYPES = ['Epic', 'Task', 'Sub-task'] as const;
const TYPE_PATH = { local: 'issuetype.name', remote: 'type' } as const;
/** Each side's options and versions; Blocker and 3.0 are local only, so a copy of them is refused. */
const OPTIONS = { local: ['Low', 'High', 'Blocker'], remote: ['Low', 'High'] } as const;
const VERSIONS = { local: ['1.0', '2.0', '3.0'], remote: ['1.0', '2.0'] } as const;

const KINDS_RULES: ConnectionInput['rules'] = [
  ...DEFAULT_RULES,
  { kind: 'worklogs' },
  { kind: 'two-way', local: TYPE_PATH.local, remote: TYPE_PATH.remote },
  { kind: 'hierarchy' },
  { kind: 'two-way', local: 'Severity', remote: 'Severity' },
  { kind: 'two-way', local: 'fixVersions', remote: 'fixVersions', mergeSets: true },
];

function kindsWorld(): World {
  const tracker = (sd: Side) => ({
    // Both model Jira, whose edit that changes nothing leaves `updated` alone.
    noopUpdatesBump: false,
    hierarchy: { typePath: TYPE_PATH[sd], levels: LEVELS },
    typedFields: {
      Severity: { kind: 'select' as const, options: OPTIONS[sd] },
      fixVersions: { kind: 'versions' as const, names: VERSIONS[sd] },
    },
  });
  return makeWorld({ rules: KINDS_RULES }, { local: tracker('local'), remote: tracker('remote') });
}

type KindCmd =
  | { kind: 'createInTree'; side: Side; type: number; parent: number; title: string }
  | { kind: 'move'; side: Side; pick: number; parent: number }
  | { kind: 'logWork'; side: Side; pick: number; minutes: number }
  | { kind: 'editWork'; side: Side; pick: number; minutes: number }
  | { kind: 'deleteWork'; side: Side; pick: number }
  | { kind: 'severity'; side: Side; pick: number; option: number }
  | { kind: 'versions'; side: Side; pick: number; names: number[] };

const kindArb: fc.Arbitrary<KindCmd> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('createInTree' as const),
      side,
      type: fc.nat({ max: 2 }),
      parent: fc.nat({ max: 20 }),
      title: fc.constantFrom(...TITLES),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('move' as const), side, pick, parent: fc.nat({ max: 20 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('logWork' as const),
      side,
      pick,
      minutes: fc.integer({ min: 1, max: 240 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('editWork' as const),
      side,
      pick,
      minutes: fc.integer({ min: 1, max: 240 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteWork' as const), side, pick }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('severity' as const), side, pick, option: fc.nat({ max: 3 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('versions' as const),
      side,
      pick,
      names: fc.uniqueArray(fc.nat({ max: 2 }), { maxLength: 3 }),
    }),
  },
);

const levelOf = (sd: Side, issue: CanonicalIssue): number => {
  const type = getPath(issue.fields, TYPE_PATH[sd]);
  return typeof type === 'string' && type in LEVELS ? LEVELS[type as keyof typeof LEVELS] : 0;
};

/**
 * A person's edit of the new kinds. What Jira would refuse (a parent of the wrong level, a sub-task with no
 * task to go under) is not generated; the fake refuses the rest, and a refused edit changes nothing.
 */
function applyKind(w: World, cmd: KindCmd, n: number): void {
  const t = trackerOf(w, cmd.side);
  const issues = t.snapshot();
  const at = <T>(list: readonly T[], i: number): T | undefined => list[i % Math.max(1, list.length)];
  const underLevel = (level: number) => issues.filter((i) => levelOf(cmd.side, i) === level + 1);
  try {
    switch (cmd.kind) {
      case 'createInTree': {
        const type = TYPES[cmd.type]!;
        const level = LEVELS[type];
        const parents = underLevel(level);
        // A task goes under an epic or none (an odd pick); a sub-task needs a task.
        const parent =
          level === 1 || (level === 0 && cmd.parent % 2 === 1) ? undefined : at(parents, cmd.parent);
        if (level < 0 && !parent) return;
        const paths = PATHS[cmd.side];
        t.userCreate({
          [paths.title]: cmd.title,
          [paths.status]: STATUSES[cmd.side][0],
          [TYPE_PATH[cmd.side]]: type,
          ...(parent ? { parent: parent.id } : {}),
        });
        return;
      }
      case 'move': {
        const movable = issues.filter((i) => levelOf(cmd.side, i) <= 0);
        const issue = at(movable, cmd.pick);
        if (!issue) return;
        const level = levelOf(cmd.side, issue);
        const parents = underLevel(level).filter((p) => p.id !== issue.hierarchy?.parent?.id);
        const parent = level === 0 && cmd.parent % 3 === 0 ? null : at(parents, cmd.parent);
        if (parent === undefined) return;
        t.userSetParent(issue.id, parent === null ? null : parent.id);
        return;
      }
      case 'logWork': {
        const issue = at(issues, cmd.pick);
        if (issue)
          t.userLogWork(issue.id, {
            started: new Date(Date.parse('2026-11-20T09:00:00.000Z') + n * 60_000).toISOString(),
            timeSpentSeconds: cmd.minutes * 60,
            comment: `${cmd.side} work ${n}`,
          });
        return;
      }
      case 'editWork':
      case 'deleteWork': {
        // People edit and delete what they booked; a copy edited or deleted by hand stays as it is (the rule).
        const booked = issues.flatMap((i) =>
          (i.worklogs ?? []).filter((x) => x.origin === undefined).map((x) => ({ issue: i.id, id: x.id })),
        );
        const worklog = at(booked, cmd.pick);
        if (!worklog) return;
        if (cmd.kind === 'deleteWork') t.userDeleteWorklog(worklog.issue, worklog.id);
        else t.userEditWorklog(worklog.issue, worklog.id, { timeSpentSeconds: cmd.minutes * 60 });
        return;
      }
      case 'severity': {
        const issue = at(issues, cmd.pick);
        const options = OPTIONS[cmd.side];
        if (issue)
          t.userEdit(issue.id, { Severity: cmd.option >= options.length ? null : options[cmd.option]! });
        return;
      }
      case 'versions': {
        const issue = at(issues, cmd.pick);
        const names = VERSIONS[cmd.side];
        if (issue)
          t.userEdit(issue.id, {
            fixVersions: cmd.names.filter((i) => i < names.length).map((i) => names[i]!),
          });
        return;
      }
    }
  } catch (err) {
    if (!(err instanceof TrackerError)) throw err;
  }
}

/** The pair's status names this value: the other side lacks it, and says so. */
function showsWhy(pair: LinkedPair | undefined, value: string): boolean {
  const status = pair?.status;
  return status?.state === 'error' && status.message.includes(JSON.stringify(value));
}

/** Tree, select, versions and worklogs of each pair: equal, or the pair shows why. */
function kindProblems(w: World, s: Snapshot): string[] {
  const out: string[] = [];
  const conn = w.connection.id;
  const prefix = originPrefix(conn);
  const stored = w.store.all(conn);
  const partnerId = (sd: Side, id: string) => stored.find((p) => p[sd]?.id === id)?.[other(sd)]?.id;
  for (const p of s.pairs) {
    const where = `${p.pairId} (${p.local.key} ↔ ${p.remote.key})`;
    const pair = stored.find((x) => x.pairId === p.pairId);
    const localParent = p.local.hierarchy?.parent?.id;
    const want = localParent === undefined ? undefined : partnerId('local', localParent);
    if (want !== p.remote.hierarchy?.parent?.id)
      out.push(
        `${where}: under ${p.local.hierarchy?.parent?.key ?? 'no parent'} locally, ${p.remote.hierarchy?.parent?.key ?? 'no parent'} remotely (${JSON.stringify(pair?.status)})`,
      );
    const sev = {
      l: getPath(p.local.fields, 'Severity') ?? null,
      r: getPath(p.remote.fields, 'Severity') ?? null,
    };
    if (sev.l !== sev.r && !(typeof sev.l === 'string' && showsWhy(pair, sev.l)))
      out.push(
        `${where}: Severity ${JSON.stringify(sev.l)} ≠ ${JSON.stringify(sev.r)} (${JSON.stringify(pair?.status)})`,
      );
    const versions = (i: CanonicalIssue) => {
      const v = getPath(i.fields, 'fixVersions');
      return Array.isArray(v) ? v.map(String) : [];
    };
    const lv = versions(p.local);
    const rv = versions(p.remote);
    const lacking = lv.filter((v) => !(VERSIONS.remote as readonly string[]).includes(v));
    if (!sameSet(lv, rv) && !(lacking.length > 0 && lacking.every((v) => showsWhy(pair, v))))
      out.push(`${where}: versions [${lv.join()}] ≠ [${rv.join()}] (${JSON.stringify(pair?.status)})`);
    for (const sd of SIDES) {
      const src = p[sd];
      const dst = p[other(sd)];
      const booked = (src.worklogs ?? []).filter((x) => !x.origin?.startsWith(prefix));
      for (const x of booked) {
        const copies = (dst.worklogs ?? []).filter((y) => y.origin === worklogOrigin(conn, sd, x.id));
        if (copies.length !== 1) out.push(`${where}: ${sd} worklog ${x.id} has ${copies.length} copies`);
        else if (copies[0]!.timeSpentSeconds !== x.timeSpentSeconds)
          out.push(
            `${where}: the copy of ${sd} worklog ${x.id} books ${copies[0]!.timeSpentSeconds} s, not ${x.timeSpentSeconds}`,
          );
      }
      const live = new Set(booked.map((x) => worklogOrigin(conn, sd, x.id)));
      const tag = `${prefix}${sd === 'local' ? 'lw' : 'rw'}:`;
      for (const y of dst.worklogs ?? [])
        if (y.origin?.startsWith(tag) && !live.has(y.origin))
          out.push(`${where}: worklog copy ${y.id} outlives its original`);
    }
  }
  return out;
}

/** Pair errors the new kinds allow: a value one side lacks, named. */
const isShownWhy = (message: string) => /has no option|does not exist in/.test(message);

/**
 * A cycle and the follow-ups it asks for, as the work queue runs them (run-work-item.ts): each follow-up
 * names the issues that waited, to the chain's limit. Answers the first result that is not clean, else the last.
 */
async function cycleWithFollowUps(w: World): Promise<CycleResult> {
  let result = await w.cycle();
  for (let depth = 1; depth <= MAX_FOLLOW_UP_CHAIN && result.outcome === 'executed'; depth++) {
    const next = result.plan.followUp;
    if (!next || !result.report.complete) break;
    w.clock.advance(1000);
    const followed = await runCycle(w.deps, w.connection, { scope: { kind: 'issues', ...next } });
    w.clock.advance(1000);
    if (followed.outcome !== 'executed') return followed;
    const errors = [...result.report.errors, ...followed.report.errors];
    result = { ...followed, report: { ...followed.report, errors } };
  }
  return result;
}

// ---- What both sides hold ----------------------------------------------------------------------------------

interface Fields {
  title: string | null;
  description: string | null;
  status: string | null;
  labels: string[];
}

function labelsOf(issue: CanonicalIssue): string[] {
  const v = getPath(issue.fields, 'labels');
  return Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : stableStringify(x))) : [];
}

const text = (v: Json | undefined): string | null =>
  v === undefined || v === null || v === '' ? null : typeof v === 'string' ? v : stableStringify(v);

function fieldsOf(side: Side, issue: CanonicalIssue): Fields {
  const paths = PATHS[side];
  return {
    title: text(getPath(issue.fields, paths.title)),
    description: text(getPath(issue.fields, paths.description)),
    status: text(getPath(issue.fields, paths.status)),
    labels: [...new Set(labelsOf(issue))].sort(),
  };
}

interface PairView {
  pairId: string;
  local: CanonicalIssue;
  remote: CanonicalIssue;
}

interface Snapshot {
  issues: Record<Side, CanonicalIssue[]>;
  pairs: PairView[];
}

function snapshot(w: World): Snapshot {
  const issues = { local: w.local.snapshot(), remote: w.remote.snapshot() };
  const pairs: PairView[] = [];
  for (const p of w.store.all(w.connection.id)) {
    const local = issues.local.find((i) => i.id === p.local?.id);
    const remote = issues.remote.find((i) => i.id === p.remote?.id);
    if (local && remote) pairs.push({ pairId: p.pairId, local, remote });
  }
  return { issues, pairs };
}

// ---- Checks ------------------------------------------------------------------------------------------------

const sameSet = (a: string[], b: string[]) =>
  stableStringify([...new Set(a)].sort()) === stableStringify([...new Set(b)].sort());

/** Structure and agreement: what must hold after every complete cycle. */
function structuralProblems(w: World, s: Snapshot): string[] {
  const out: string[] = [];
  const conn = w.connection.id;
  const prefix = originPrefix(conn);
  const stored = w.store.all(conn);

  for (const sd of SIDES) {
    for (const issue of s.issues[sd]) {
      const pairs = stored.filter((p) => p[sd]?.id === issue.id);
      const partners = s.pairs.filter((p) => p[sd].id === issue.id);
      if (pairs.length !== 1 || partners.length !== 1)
        out.push(`${sd} ${issue.key} is in ${pairs.length} pairs, ${partners.length} of them complete`);
      if (issue.origin === undefined) {
        const copies = s.issues[other(sd)].filter((i) => i.origin === issueOrigin(conn, sd, issue.id));
        if (copies.length !== 1) out.push(`${sd} ${issue.key} has ${copies.length} copies`);
      }
    }
  }
  if (s.issues.local.length !== s.issues.remote.length)
    out.push(`${s.issues.local.length} local issues, ${s.issues.remote.length} remote issues`);

  for (const p of s.pairs) {
    const l = fieldsOf('local', p.local);
    const r = fieldsOf('remote', p.remote);
    const where = `${p.pairId} (${p.local.key} ↔ ${p.remote.key})`;
    if (l.title !== r.title) out.push(`${where}: summary "${l.title}" ≠ title "${r.title}"`);
    if (l.description !== r.description) out.push(`${where}: description ≠ body`);
    if (toRemoteStatus(l.status) !== r.status)
      out.push(`${where}: status "${l.status}" does not map to "${r.status}"`);
    if (!sameSet(l.labels, r.labels))
      out.push(`${where}: labels [${l.labels.join()}] ≠ [${r.labels.join()}]`);

    for (const sd of SIDES) {
      const src = p[sd];
      const dst = p[other(sd)];
      const originals = (src.comments ?? []).filter((c) => !c.origin?.startsWith(prefix));
      for (const c of originals) {
        const copies = (dst.comments ?? []).filter((x) => x.origin === commentOrigin(prefix, sd, c.id));
        if (copies.length !== 1)
          out.push(`${where}: ${sd} comment "${plainText(c.body)}" has ${copies.length} copies`);
        else if (stableStringify(copies[0]!.body) !== stableStringify(c.body))
          out.push(`${where}: the copy of "${plainText(c.body)}" reads "${plainText(copies[0]!.body)}"`);
      }
      const live = new Set(originals.map((c) => commentOrigin(prefix, sd, c.id)));
      const tag = `${prefix}${sd === 'local' ? 'lc' : 'rc'}:`;
      for (const x of dst.comments ?? []) {
        if (x.origin?.startsWith(tag) && !live.has(x.origin))
          out.push(`${where}: copy "${plainText(x.body)}" on ${dst.key} outlives its original`);
      }
    }
    const files = (i: CanonicalIssue) => (i.attachments ?? []).map((a) => `${a.filename}:${a.size}`).sort();
    const lf = files(p.local);
    const rf = files(p.remote);
    if (stableStringify(lf) !== stableStringify(rf) || new Set(lf).size !== lf.length)
      out.push(`${where}: files [${lf.join()}] vs [${rf.join()}]`);
  }
  return out;
}

/** Two-way rule, no merge: a side that changed against the agreed value wins; both changed → remote wins. */
function twoWay<T>(
  agreed: { l: T; r: T },
  now: { l: T; r: T },
  eq: (a: T, b: T) => boolean,
  toRemote: (v: T) => T,
  toLocal: (v: T) => T,
): { l: T; r: T } {
  if (eq(toRemote(now.l), now.r) || eq(toLocal(now.r), now.l)) return now;
  if (!eq(now.r, agreed.r)) return { l: toLocal(now.r), r: now.r };
  if (!eq(now.l, agreed.l)) return { l: now.l, r: toRemote(now.l) };
  return now;
}

/** Labels: one side changed → it wins; both → additions from either side, minus removals from either side. */
function mergedLabels(agreed: string[], l: string[], r: string[]): string[] {
  if (sameSet(l, r)) return l;
  if (sameSet(l, agreed)) return r;
  if (sameSet(r, agreed)) return l;
  const removed = agreed.filter((x) => !l.includes(x) || !r.includes(x));
  return [...new Set([...l, ...r])].filter((x) => !removed.includes(x));
}

type Agreed = Map<string, { local: Fields; remote: Fields }>;

const id = <T>(v: T) => v;
const eqText = (a: string | null, b: string | null) => a === b;

/** What the rules say each pair should hold after a cycle, from before it and from the last agreement. */
function ruleProblems(agreed: Agreed, before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  const beforeIssue = (sd: Side, issueId: string) => before.issues[sd].find((i) => i.id === issueId);
  for (const p of after.pairs) {
    const where = `${p.pairId} (${p.local.key} ↔ ${p.remote.key})`;
    const got = { l: fieldsOf('local', p.local), r: fieldsOf('remote', p.remote) };
    const was = agreed.get(p.pairId);
    let want: { l: Fields; r: Fields };
    if (!was) {
      // New pair: the source as it was before the cycle, copied through the map.
      const sourceSide: Side = p.pairId.startsWith('l-') ? 'local' : 'remote';
      const source = beforeIssue(sourceSide, p[sourceSide].id);
      if (!source) {
        out.push(`${where}: its source did not exist before the cycle`);
        continue;
      }
      const f = fieldsOf(sourceSide, source);
      want =
        sourceSide === 'local'
          ? { l: f, r: { ...f, status: toRemoteStatus(f.status) } }
          : { l: { ...f, status: toLocalStatus(f.status) }, r: f };
    } else {
      const l = beforeIssue('local', p.local.id);
      const r = beforeIssue('remote', p.remote.id);
      if (!l || !r) {
        out.push(`${where}: a side did not exist before the cycle`);
        continue;
      }
      const now = { l: fieldsOf('local', l), r: fieldsOf('remote', r) };
      const title = twoWay(
        { l: was.local.title, r: was.remote.title },
        { l: now.l.title, r: now.r.title },
        eqText,
        id,
        id,
      );
      const description = twoWay(
        { l: was.local.description, r: was.remote.description },
        { l: now.l.description, r: now.r.description },
        eqText,
        id,
        id,
      );
      const status = twoWay(
        { l: was.local.status, r: was.remote.status },
        { l: now.l.status, r: now.r.status },
        eqText,
        toRemoteStatus,
        toLocalStatus,
      );
      const labels = mergedLabels(was.local.labels, now.l.labels, now.r.labels);
      want = {
        l: { title: title.l, description: description.l, status: status.l, labels },
        r: { title: title.r, description: description.r, status: status.r, labels },
      };
    }
    for (const [sd, key] of [
      ['l', 'local'],
      ['r', 'remote'],
    ] as const) {
      const a = got[sd];
      const e = want[sd];
      for (const field of ['title', 'description', 'status'] as const) {
        if (a[field] !== e[field])
          out.push(`${where}: ${key} ${field} is "${a[field]}", the rules say "${e[field]}"`);
      }
      if (!sameSet(a.labels, e.labels))
        out.push(
          `${where}: ${key} labels are [${a.labels.join()}], the rules say [${[...e.labels].sort().join()}]`,
        );
    }
  }
  return out;
}

function agreement(s: Snapshot): Agreed {
  return new Map(
    s.pairs.map((p) => [
      p.pairId,
      { local: fieldsOf('local', p.local), remote: fieldsOf('remote', p.remote) },
    ]),
  );
}

// ---- The property ------------------------------------------------------------------------------------------

class Diverged extends Error {
  constructor(step: string, problems: string[]) {
    super(`${step}:\n  ${problems.join('\n  ')}`);
    this.name = 'Diverged';
  }
}

async function runCycleChecked(
  w: World,
  agreed: Agreed,
  step: string,
  opts: { rules?: boolean; kinds?: boolean } = {},
): Promise<Agreed> {
  const before = snapshot(w);
  const result = opts.kinds ? await cycleWithFollowUps(w) : await w.cycle();
  if (result.outcome !== 'executed') throw new Diverged(step, [`cycle outcome ${result.outcome}`]);
  const { complete } = result.report;
  const errors = result.report.errors.filter((e) => !(opts.kinds && isShownWhy(e.message)));
  if (!complete || errors.length > 0)
    throw new Diverged(step, [`cycle incomplete or failed: ${JSON.stringify(result.report)}`]);
  const after = snapshot(w);
  const problems = structuralProblems(w, after);
  if (opts.kinds) problems.push(...kindProblems(w, after));
  if (opts.rules !== false) problems.push(...ruleProblems(agreed, before, after));
  if (problems.length > 0) throw new Diverged(step, problems);
  return agreement(after);
}

/** A cycle whose k-th write on one side crashes (fake failAfter): the write is lost before or after it lands. */
interface Crash {
  kind: 'crash';
  side: Side;
  k: number;
  phase: Phase;
}

const crashArb: fc.Arbitrary<Crash> = fc.record({
  kind: fc.constant('crash' as const),
  side,
  k: fc.nat({ max: 5 }),
  phase: fc.constantFrom<Phase>('before', 'after'),
});

/**
 * Runs the commands, checking every cycle. After a crash, the next cycle is the recovery and is only
 * required to finish; the one after it must show a converged world (the rules' oracle is skipped there,
 * since the crashed cycle wrote part of its plan).
 */
async function scenario(cmds: (Cmd | KindCmd | Crash)[], kinds = false): Promise<void> {
  const w = kinds ? kindsWorld() : makeWorld({ rules: DEFAULT_RULES });
  let agreed: Agreed = new Map();
  let recovering = 0;
  const cycle = async (step: string) => {
    if (recovering === 2) {
      const result = kinds ? await cycleWithFollowUps(w) : await w.cycle();
      const errors =
        result.outcome === 'executed'
          ? result.report.errors.filter((e) => !(kinds && isShownWhy(e.message)))
          : [];
      if (result.outcome !== 'executed' || !result.report.complete || errors.length > 0)
        throw new Diverged(step, [`the recovery cycle did not finish: ${JSON.stringify(result)}`]);
      recovering = 1;
      return;
    }
    // A child that waited on a parent whose create answer a crash lost is told "not synced" until it is
    // read again; nothing lists an unchanged issue but the hourly full scan, so the check after a recovery
    // comes with one (see the report of #15: a faster way back is left open).
    if (kinds && recovering === 1) w.clock.advance(FULL_SCAN_EVERY_MS);
    agreed = await runCycleChecked(w, agreed, step, { rules: recovering === 0, kinds });
    recovering = 0;
  };
  for (const [n, cmd] of cmds.entries()) {
    if (cmd.kind === 'crash') {
      const t = trackerOf(w, cmd.side);
      t.failAfter(cmd.k, cmd.phase);
      try {
        await (kinds ? cycleWithFollowUps(w) : w.cycle());
      } catch (err) {
        if (!(err instanceof CrashError)) throw err;
      }
      t.failAfter(Number.MAX_SAFE_INTEGER); // disarms a crash that did not fire
      recovering = 2;
    } else if (cmd.kind === 'wait') w.clock.advance(cmd.ms);
    else if (cmd.kind === 'cycle') {
      w.clock.advance(cmd.ms);
      await cycle(`cycle at command ${n}`);
    } else if (isKindCmd(cmd)) applyKind(w, cmd, n);
    else applyHuman(w, cmd, n);
  }
  if (recovering === 2) await cycle('recovery cycle');
  await cycle('first quiet cycle');
  w.local.resetCalls();
  w.remote.resetCalls();
  const quiet = { local: w.local.snapshot(), remote: w.remote.snapshot() };
  await cycle('second quiet cycle');
  if (kinds) {
    // A pair in error tries its refused value again whenever it is read (side-changed.ts): updates that
    // change nothing (a merge writes both sides again, one of them refused), at most one a side for each
    // pair that shows why, and nothing else.
    const shown = w.store.all(w.connection.id).filter((p) => p.status.state === 'error').length;
    const updates = w.local.calls.updateIssue + w.remote.calls.updateIssue;
    const unchanged = isDeepStrictEqual(quiet, { local: w.local.snapshot(), remote: w.remote.snapshot() });
    if (w.local.writes + w.remote.writes === updates && updates <= 2 * shown && unchanged) return;
  }
  const writes = { local: w.local.writes, remote: w.remote.writes };
  if (writes.local + writes.remote > 0)
    throw new Diverged('second quiet cycle', [
      `wrote ${JSON.stringify(w.local.calls)} / ${JSON.stringify(w.remote.calls)}`,
    ]);
}

const KIND_CMDS: ReadonlySet<string> = new Set([
  'createInTree',
  'move',
  'logWork',
  'editWork',
  'deleteWork',
  'severity',
  'versions',
]);
const isKindCmd = (cmd: Cmd | KindCmd): cmd is KindCmd => KIND_CMDS.has(cmd.kind);

const replay = {
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
  ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}),
};

describe('convergence (property)', () => {
  it('random edits on both sides, interleaved with cycles, converge to what the rules define', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmdArb, { minLength: 10, maxLength: 50, size: 'max' }), async (cmds) => {
        await scenario(cmds);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100), verbose: fc.VerbosityLevel.Verbose, ...replay },
    );
  });

  it('with crashes (lost responses, crashes before a write) in some cycles, it still converges without duplicates', async () => {
    const cmdOrCrash: fc.Arbitrary<Cmd | Crash> = fc.oneof(
      { weight: 8, arbitrary: cmdArb },
      { weight: 3, arbitrary: crashArb },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(cmdOrCrash, { minLength: 10, maxLength: 50, size: 'max' }), async (cmds) => {
        await scenario(cmds);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100), verbose: fc.VerbosityLevel.Verbose, ...replay },
    );
  });

  const kindsOrCmd: fc.Arbitrary<Cmd | KindCmd> = fc.oneof(
    { weight: 5, arbitrary: cmdArb },
    { weight: 5, arbitrary: kindArb },
  );

  it('the new kinds: trees, moves, worklogs, a select and versions on both sides converge, or the pair shows why', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(kindsOrCmd, { minLength: 10, maxLength: 50, size: 'max' }), async (cmds) => {
        await scenario(cmds, true);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100), verbose: fc.VerbosityLevel.Verbose, ...replay },
    );
  });

  it('the new kinds with crashes in some cycles: no duplicate, and converged after the recovery', async () => {
    const withCrash: fc.Arbitrary<Cmd | KindCmd | Crash> = fc.oneof(
      { weight: 8, arbitrary: kindsOrCmd },
      { weight: 3, arbitrary: crashArb },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(withCrash, { minLength: 10, maxLength: 50, size: 'max' }), async (cmds) => {
        await scenario(cmds, true);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100), verbose: fc.VerbosityLevel.Verbose, ...replay },
    );
  });

  it('labels merged from both sides, then one removed on one side: the removal reaches the other side', async () => {
    // The smallest case the first property finds: both sides add a label in the same window (merged),
    // then someone removes one of them locally.
    await scenario([
      { kind: 'create', side: 'local', title: 'Login fails', status: 0, labels: [], description: false },
      { kind: 'cycle', ms: 0 },
      { kind: 'addLabel', side: 'remote', pick: 0, label: 'bug' },
      { kind: 'addLabel', side: 'local', pick: 0, label: 'p1' },
      { kind: 'cycle', ms: 0 },
      { kind: 'removeLabel', side: 'local', pick: 0, label: 1 },
    ]);
  });

  it('the checks catch a world that does not converge', async () => {
    // A guard on the checks themselves: an edit made after the last cycle is seen as divergence.
    const w = makeWorld();
    const issue = w.local.userCreate({ summary: 'A', 'status.name': 'To Do', labels: ['bug'] });
    w.local.userComment(issue.id, 'hello');
    const agreed = await runCycleChecked(w, new Map(), 'first');
    w.local.userEdit(issue.id, { summary: 'B', labels: ['ui'] });
    w.remote.userComment(w.remote.snapshot()[0]!.id, 'unsynced');
    const problems = structuralProblems(w, snapshot(w));
    expect(problems).toEqual([
      expect.stringContaining('summary "B" ≠ title "A"'),
      expect.stringContaining('labels [ui] ≠ [bug]'),
      expect.stringContaining('comment "unsynced" has 0 copies'),
    ]);
    expect(agreed.size).toBe(1);
  });
});
