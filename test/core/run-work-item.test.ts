/** What a consumer does with a cycle work item: retries, continuations and follow-ups, with fakes. */
import type { WorkItem } from '../../src/core/ports';
import { runCycleWork, type WorkDeps } from '../../src/core/work/run-work-item';
import { CycleWorkSchema } from '../../src/core/work/work-items';
import { HEARTBEAT_MS, LEASE_MS } from '../../src/core/cycle/with-lease';
import { pairIdFor } from '../../src/core/state';
import { DEFAULT_RULES, makeWorld } from './harness';

function consumer(w: ReturnType<typeof makeWorld>) {
  const pushed: WorkItem[] = [];
  /** The delay of each push, in seconds, as the queue was asked for it. */
  const delays: (number | undefined)[] = [];
  const deps: WorkDeps = {
    connections: {
      get: (id) => Promise.resolve(id === w.connection.id ? w.connection : undefined),
      list: () => Promise.resolve([w.connection]),
      put: () => Promise.resolve(),
      delete: () => Promise.resolve(),
    },
    queue: {
      push: (items, delay) => {
        pushed.push(...items);
        delays.push(delay);
        return Promise.resolve();
      },
    },
    engineFor: () => Promise.resolve(w.deps),
  };
  return { deps, pushed, delays };
}

const followUp = (issues: { local: string[]; remote: string[] }) =>
  CycleWorkSchema.parse({ kind: 'cycle', body: { connectionId: 'c1', reason: 'follow-up', issues } });

it('a follow-up that finds the connection busy is retried as a follow-up, with its issues', async () => {
  const w = makeWorld();
  const { deps, pushed } = consumer(w);
  await w.store.tryLock('c1', '*', 60_000); // another cycle holds the connection
  const issues = { local: ['10001'], remote: [] };
  expect(await runCycleWork(deps, followUp(issues))).toEqual({ outcome: 'busy' });
  expect(pushed).toEqual([
    { kind: 'cycle', body: { connectionId: 'c1', reason: 'follow-up', busyRetries: 1, issues } },
  ]);
});

it('a cycle whose new copy has links asks for one follow-up, which makes the link and asks for none', async () => {
  const w = makeWorld(
    { rules: [...DEFAULT_RULES, { kind: 'links' }] },
    { local: { issueLinks: {} }, remote: { issueLinks: {} } },
  );
  const { deps, pushed } = consumer(w);
  const a = w.local.userCreate({ summary: 'A' });
  const b = w.local.userCreate({ summary: 'B, new' });
  w.local.userLink(a.id, 'Blocks', b.id);
  const plain = CycleWorkSchema.parse({ kind: 'cycle', body: { connectionId: 'c1', reason: 'schedule' } });
  await runCycleWork(deps, plain);
  expect(pushed.map((p) => (p.body as { reason: string }).reason)).toEqual(['follow-up']);

  // The follow-up makes the link, and asks for no follow-up of its own.
  const next = CycleWorkSchema.parse(pushed[0]);
  pushed.length = 0;
  await runCycleWork(deps, next);
  expect(pushed).toEqual([]);
  expect(w.remote.linksOf(w.remote.snapshot().find((i) => i.fields.title === 'A')!.id)).toHaveLength(1);
});

it('a person’s scoped cycle goes beside a cycle holding the connection; its cursors and state stay that cycle’s', async () => {
  const w = makeWorld();
  const { deps, pushed } = consumer(w);
  const edited = w.local.userCreate({ summary: 'Made by a person during a backfill' });
  const untouched = w.local.userCreate({ summary: 'Not named by the event' });
  const before = await w.store.getConnectionState('c1');
  await w.store.tryLock('c1', '*', 60_000); // the backfill holds the connection
  const event = CycleWorkSchema.parse({
    kind: 'cycle',
    body: { connectionId: 'c1', reason: 'event', issues: { local: [edited.id], remote: [] } },
  });
  expect(await runCycleWork(deps, event)).toEqual({ outcome: 'done' });
  const titles = w.remote.snapshot().map((i) => i.fields.title);
  expect(titles).toContain('Made by a person during a backfill');
  expect(titles).not.toContain(untouched.fields.title);
  expect(await w.store.getConnectionState('c1')).toEqual(before);
  expect(pushed).toEqual([]);

  // The same scope as background work (a follow-up) waits for the connection instead.
  const later = w.local.userCreate({ summary: 'Followed up' });
  expect(await runCycleWork(deps, followUp({ local: [later.id], remote: [] }))).toEqual({ outcome: 'busy' });
  expect(w.remote.snapshot().map((i) => i.fields.title)).not.toContain('Followed up');
});

it('work that keeps finding the connection busy is queued again every time, never dropped', async () => {
  const w = makeWorld();
  const { deps, pushed, delays } = consumer(w);
  await w.store.tryLock('c1', '*', 60 * 60_000); // a long run holds the connection for an hour
  let work = CycleWorkSchema.parse({ kind: 'cycle', body: { connectionId: 'c1', reason: 'schedule' } });
  for (let i = 0; i < 12; i++) {
    expect(await runCycleWork(deps, work)).toEqual({ outcome: 'busy' });
    work = CycleWorkSchema.parse(pushed.at(-1));
  }
  expect(pushed).toHaveLength(12);
  expect(work.body).toEqual({ connectionId: 'c1', reason: 'busy-retry', busyRetries: 12 });
  // One lease first (a killed holder's lock is free by then), doubling up to the schedule's five minutes.
  expect(delays).toEqual([30, 60, 120, 240, 300, 300, 300, 300, 300, 300, 300, 300]);
});

it('a duplicate delivery of busy work does not queue a second retry, so retries never fork', async () => {
  const w = makeWorld();
  const { deps, pushed } = consumer(w);
  await w.store.tryLock('c1', '*', 60_000);
  const work = CycleWorkSchema.parse({ kind: 'cycle', body: { connectionId: 'c1', reason: 'event' } });
  expect(await runCycleWork(deps, work, { eventId: 'e1' })).toEqual({ outcome: 'busy' });
  // The same attempt delivered again leaves the work to the delivery that has it: it does not even run.
  expect(await runCycleWork(deps, work, { eventId: 'e1' })).toEqual({
    outcome: 'skipped',
    reason: 'event e1 is already being run',
  });
  // Forge's own retry of the event is a new attempt; it runs, finds the lock busy, and queues nothing more.
  expect(await runCycleWork(deps, work, { eventId: 'e1', retryCount: 1 })).toEqual({ outcome: 'busy' });
  expect(pushed).toHaveLength(1);
  // Other work is not a duplicate: it waits too.
  expect(await runCycleWork(deps, work, { eventId: 'e2' })).toEqual({ outcome: 'busy' });
  expect(pushed).toHaveLength(2);
});

it('a cycle that stops on a pair another holder has locked comes back after a heartbeat, not at once', async () => {
  const w = makeWorld();
  const { deps, pushed, delays } = consumer(w);
  const issue = w.local.userCreate({ summary: 'Its pair is locked by a killed invocation' });
  // A killed holder's pair lease: it runs out on its own, within one lease.
  await w.store.tryLock('c1', pairIdFor('local', issue.id), LEASE_MS);
  const work = CycleWorkSchema.parse({ kind: 'cycle', body: { connectionId: 'c1', reason: 'schedule' } });
  expect(await runCycleWork(deps, work)).toEqual({ outcome: 'continued' });
  expect(pushed).toEqual([
    { kind: 'cycle', body: { connectionId: 'c1', reason: 'continuation', busyRetries: 0 } },
  ]);
  // At once (0 s), the continuation would find the pair locked again, and again: a loop of invocations
  // and queue pushes for as long as the lease lasts, which ran into Forge's 500 pushes a minute in the soak.
  expect(delays[0]).toBeGreaterThanOrEqual(HEARTBEAT_MS / 1000);
  expect(delays[0]).toBeLessThanOrEqual(LEASE_MS / 1000);
});
