/**
 * The copies a listing may leave out (plan-cycle.ts nextKnownCopies): grouped by quarter minute, each group
 * timed at its latest copy (never before one of our writes, or the copy would be listed as changed by us),
 * left out of one listing, read by id in the next (checked), and dropped once the cursor has passed them.
 */
import { nextKnownCopies } from '../../src/core/cycle/plan-cycle';
import { minutesBefore, minutesSince } from '../../src/connectors/jira/jira-time';
import type { CanonicalIssue } from '../../src/core/model';
import type { KnownUnchanged, TrackerPort } from '../../src/core/ports';
import { emptyConnectionState } from '../../src/core/state';
import type { FakeTracker } from '../fakes/fake-tracker';
import { makeWorld } from './harness';

it('groups copies by quarter minute, timed at the latest, and drops groups the cursor passed', () => {
  const state = {
    ...emptyConnectionState('c'),
    knownCopies: { local: [{ ids: ['1'], until: '2026-12-05T10:00:00.000Z' }] },
  };
  const created = [
    { side: 'local' as const, id: '7', at: '2026-12-05T12:00:01.000Z' },
    { side: 'local' as const, id: '8', at: '2026-12-05T12:00:14.000Z' },
    { side: 'local' as const, id: '9', at: '2026-12-05T12:00:16.000Z' },
    { side: 'remote' as const, id: '50', at: '2026-12-05T12:00:02.000Z' },
  ];
  const next = nextKnownCopies(state, { local: '2026-12-05T12:00:00.000Z' }, created);
  expect(next.local).toEqual([
    { ids: ['7', '8'], until: '2026-12-05T12:00:14.000Z' },
    { ids: ['9'], until: '2026-12-05T12:00:16.000Z' },
  ]);
  // No remote cursor yet: nothing is dropped there.
  expect(next.remote).toEqual([{ ids: ['50'], until: '2026-12-05T12:00:02.000Z' }]);
});

/**
 * Jira's way with `known` (jira-tracker.ts, jql.ts): a group is left out unless updated after a time named
 * in whole minutes back from Jira's now, at or after its `until`, so up to a minute after it.
 */
function withJiraMinutes(tracker: FakeTracker, now: () => Date): void {
  const port: TrackerPort = tracker;
  const list = port.listUpdatedSince.bind(port);
  tracker.listUpdatedSince = async (
    since: string | undefined,
    pageToken?: string,
    known: readonly KnownUnchanged[] = [],
  ) => {
    const page = await list(since, pageToken, known);
    const at = now();
    const minutes = since === undefined ? undefined : minutesSince(since, at);
    const hidden = (issue: CanonicalIssue) =>
      known.some((k) => {
        const minutesAgo = minutesBefore(k.until, at);
        if (minutesAgo < 1 || (minutes !== undefined && minutesAgo >= minutes)) return false;
        return k.ids.includes(issue.id) && Date.parse(issue.updated) < at.getTime() - minutesAgo * 60_000;
      });
    return { ...page, items: page.items.filter((i) => !hidden(i)) };
  };
}

it('a person’s edit to a new copy in the minute after Tandem wrote it crosses, though a listing left it out', async () => {
  const w = makeWorld();
  withJiraMinutes(w.remote, w.clock.now);
  withJiraMinutes(w.local, w.clock.now);
  w.local.userCreate({ summary: 'Copied, then edited on the copy' });
  await w.cycle();
  const copy = w.remote.snapshot().find((i) => i.fields.title === 'Copied, then edited on the copy');
  expect((await w.store.getConnectionState('c1')).knownCopies?.remote).toHaveLength(1);
  w.clock.advance(10_000);
  w.remote.userEdit(copy!.id, { title: 'Edited on the copy ten seconds after' });
  // 100 s after the copy: the listing names "-1m", 40 s after the copy's time, and leaves the edit out.
  w.clock.advance(90_000);
  await w.cycle();
  for (let i = 0; i < 3; i++) await w.cycle();
  const local = w.local.snapshot().find((i) => i.fields.summary === 'Edited on the copy ten seconds after');
  expect(local).toBeDefined();
  // Read by id once, the group is checked; once the cursor has passed it, it is dropped: the list stays short.
  expect((await w.store.getConnectionState('c1')).knownCopies?.remote).toEqual([
    expect.objectContaining({ checked: true }),
  ]);
  w.clock.advance(12 * 60_000);
  await w.cycle();
  await w.cycle();
  expect((await w.store.getConnectionState('c1')).knownCopies?.remote ?? []).toEqual([]);
});

/** The remote issues each listing answers, and the ids read by id, from here on. */
function watchRemote(tracker: FakeTracker) {
  const listed: string[][] = [];
  const byId: string[][] = [];
  const port: TrackerPort = tracker;
  const list = port.listUpdatedSince.bind(port);
  const get = port.getIssues.bind(port);
  let current: string[] | undefined;
  tracker.listUpdatedSince = async (
    since: string | undefined,
    pageToken?: string,
    known: readonly KnownUnchanged[] = [],
  ) => {
    const page = await list(since, pageToken, known);
    if (pageToken === undefined) listed.push((current = []));
    current?.push(...page.items.map((i) => i.id));
    return page;
  };
  tracker.getIssues = async (ids: readonly string[], opts?: { inScope?: boolean }) => {
    byId.push([...ids]);
    return get(ids, opts);
  };
  return { listed, byId };
}

it('after a group was left out and read by id, later listings do not read the copies again', async () => {
  // The 1,000-issue bench: the cursor was held at the group's time, so the listing after the one that read
  // it by id answered every copy again (1,045 for 20 changes).
  const w = makeWorld();
  withJiraMinutes(w.remote, w.clock.now);
  withJiraMinutes(w.local, w.clock.now);
  for (let k = 0; k < 5; k++) w.local.userCreate({ summary: `Backfilled ${k}` });
  await w.cycle();
  const copies = w.remote.snapshot().map((i) => i.id);
  expect(copies).toHaveLength(5);
  const seen = watchRemote(w.remote);
  w.clock.advance(90_000);
  await w.cycle(); // leaves the group out
  w.clock.advance(90_000);
  await w.cycle(); // reads it by id
  w.clock.advance(90_000);
  await w.cycle();
  w.clock.advance(90_000);
  await w.cycle();
  const listedCopies = seen.listed.map((ids) => ids.filter((id) => copies.includes(id)));
  expect(listedCopies).toEqual([[], [], [], []]);
  expect(seen.byId.filter((ids) => ids.some((id) => copies.includes(id)))).toEqual([copies]);
});

it('a run stopped halfway keeps the group it read by id, and the next run reads it again', async () => {
  const w = makeWorld();
  withJiraMinutes(w.remote, w.clock.now);
  withJiraMinutes(w.local, w.clock.now);
  w.local.userCreate({ summary: 'Copied once' });
  await w.cycle();
  const [copy] = w.remote.snapshot();
  w.clock.advance(90_000);
  await w.cycle(); // leaves the group out
  const seen = watchRemote(w.remote);
  // The next run reads the group by id, has a change to write, and runs out of time before it.
  w.local.userCreate({ summary: 'A change the stopped run does not write' });
  w.clock.advance(90_000);
  w.clock.remaining = 0;
  const stopped = await w.cycle();
  expect(stopped.outcome === 'executed' && stopped.report.complete).toBe(false);
  expect((await w.store.getConnectionState('c1')).knownCopies?.remote?.[0]).toEqual(
    expect.objectContaining({ ids: [copy!.id], offered: true }),
  );
  expect((await w.store.getConnectionState('c1')).knownCopies?.remote?.[0]?.checked).toBeUndefined();
  w.clock.remaining = Number.POSITIVE_INFINITY;
  await w.cycle();
  expect(seen.byId.filter((ids) => ids.includes(copy!.id))).toHaveLength(2);
  expect((await w.store.getConnectionState('c1')).knownCopies?.remote).toContainEqual(
    expect.objectContaining({ ids: [copy!.id], checked: true }),
  );
});
