/**
 * Copies created in bulk (core/cycle/bulk-create.ts) on a side whose tracker declares `bulkCreate`: one call
 * for many copies, each copied once, its pair as complete as after a single create; and the single create's
 * promises kept: a lost answer never duplicates a copy, a refused item is an error on its pair naming why,
 * a rate limit leaves nothing half-journalled.
 */
import { LEASE_MS } from '../../src/core/cycle/with-lease';
import { TrackerError } from '../../src/core/errors';
import type { LinkedPair } from '../../src/core/state';
import { CrashError } from '../fakes/fake-tracker';
import { MemoryStateStore } from '../fakes/memory-state-store';
import { makeWorld, type World } from './harness';

const bulkWorld = (refuseCreate?: (fields: Record<string, unknown>) => string | undefined) =>
  makeWorld({}, { local: { bulkCreate: true, ...(refuseCreate ? { refuseCreate } : {}) } });

function seedRemote(w: World, n: number): string[] {
  return Array.from(
    { length: n },
    (_, i) =>
      w.remote.userCreate({ title: `Remote ${i}`, body: `Body ${i}`, state: 'open', labels: ['x'] }).id,
  );
}

/** Every remote issue has exactly one local copy, found through its pair, holding its title. */
function expectCopiedOnce(w: World, remoteIds: readonly string[]): void {
  const local = w.local.snapshot();
  expect(local).toHaveLength(remoteIds.length);
  const pairs = w.store.all(w.connection.id);
  for (const id of remoteIds) {
    const pair = pairs.find((p) => p.remote?.id === id);
    expect({ id, status: pair?.status.state, inflight: pair?.inflight }).toEqual({
      id,
      status: 'ok',
      inflight: {},
    });
    const copy = local.find((i) => i.id === pair?.local?.id);
    const source = w.remote.snapshot().find((i) => i.id === id);
    expect(copy?.fields.summary).toBe(source?.fields.title);
    expect(pair?.base.local.summary).toBe(source?.fields.title);
  }
}

it('creates the copies of a backfill in calls of 50, each once, and a second cycle writes nothing', async () => {
  const w = bulkWorld();
  const ids = seedRemote(w, 60);
  await w.cycle();
  expect(w.local.calls.createIssues).toBe(2);
  expect(w.local.calls.createIssue).toBe(0);
  expectCopiedOnce(w, ids);
  w.local.resetCalls();
  w.remote.resetCalls();
  await w.cycle();
  expect(w.local.writes + w.remote.writes).toBe(0);
});

it('creates one copy alone the single way', async () => {
  const w = bulkWorld();
  const ids = seedRemote(w, 1);
  await w.cycle();
  expect([w.local.calls.createIssues, w.local.calls.createIssue]).toEqual([0, 1]);
  expectCopiedOnce(w, ids);
});

it('after a bulk create whose answer was lost, finds every copy by its origin and creates none again', async () => {
  const w = bulkWorld();
  const ids = seedRemote(w, 5);
  w.local.failAfter(0, 'after'); // the bulk create lands, then the process dies before its answer
  await expect(w.cycle()).rejects.toThrow(/simulated crash after createIssues/);
  expect(w.local.snapshot()).toHaveLength(5);
  const journalled = w.store.all(w.connection.id).filter((p) => Object.keys(p.inflight).length > 0);
  expect(journalled).toHaveLength(5);
  w.local.resetCalls();
  await w.cycle();
  expect([w.local.calls.createIssues, w.local.calls.createIssue]).toEqual([0, 0]);
  expect(w.local.calls.findIssueByOrigin).toBe(5);
  expectCopiedOnce(w, ids);
});

it('after a timeout of the bulk call, keeps the journal and finds what landed on the retry', async () => {
  const w = bulkWorld();
  const ids = seedRemote(w, 3);
  let once = true;
  w.local.onCall = ({ op, phase }) => {
    if (op !== 'createIssues' || phase !== 'after' || !once) return;
    once = false;
    throw new TrackerError('timeout', 'gateway timeout after the write', { status: 504 });
  };
  const first = await w.cycle();
  expect(first).toMatchObject({ outcome: 'executed', report: { complete: false } });
  const pairs = w.store.all(w.connection.id);
  expect(pairs.map((p) => p.status.state)).toEqual(['pending', 'pending', 'pending']);
  expect(pairs.every((p) => Object.keys(p.inflight).length === 1)).toBe(true);
  await w.cycle();
  expect(w.local.calls.createIssues).toBe(1);
  expect(w.local.calls.createIssue).toBe(0);
  expectCopiedOnce(w, ids);
});

it('after a rate limit on the bulk call, journals nothing and copies each once when the limit is over', async () => {
  const w = bulkWorld();
  const ids = seedRemote(w, 3);
  let once = true;
  w.local.onCall = ({ op, phase }) => {
    if (op !== 'createIssues' || phase !== 'before' || !once) return;
    once = false;
    throw new TrackerError('rate_limited', 'quota', { status: 429, retryAfterMs: 60_000 });
  };
  const first = await w.cycle();
  expect(first).toMatchObject({ outcome: 'executed', report: { complete: false } });
  expect(w.local.snapshot()).toHaveLength(0);
  const pairs = w.store.all(w.connection.id);
  expect(pairs.map((p) => [p.status.state, p.inflight])).toEqual([
    ['pending', {}],
    ['pending', {}],
    ['pending', {}],
  ]);
  w.local.resetCalls();
  await w.cycle();
  expect([w.local.calls.createIssues, w.local.calls.findIssueByOrigin]).toEqual([1, 0]);
  expectCopiedOnce(w, ids);
});

it('records an item the tracker refuses as its pair error, naming why, and copies the rest', async () => {
  const w = bulkWorld((fields) =>
    fields.summary === 'Remote 1' ? 'summary: no such words here' : undefined,
  );
  const ids = seedRemote(w, 3);
  for (const round of [1, 2]) {
    await w.cycle();
    const refused = w.store.all(w.connection.id).find((p) => p.remote?.id === ids[1]);
    expect(refused?.local).toBeUndefined();
    // The bulk item's entry goes with its refusal; the single create (round 2, one copy left) keeps its own.
    if (round === 1) expect(refused?.inflight).toEqual({});
    expect(refused?.status).toMatchObject({
      state: 'error',
      attempts: round,
      message: expect.stringMatching(
        /create issue on the local side failed: .*no such words here/,
      ) as unknown,
    });
  }
  expect(
    w.local
      .snapshot()
      .map((i) => i.fields.summary)
      .sort(),
  ).toEqual(['Remote 0', 'Remote 2']);
  const others = w.store.all(w.connection.id).filter((p) => p.remote?.id !== ids[1]);
  expect(others.map((p) => p.status.state)).toEqual(['ok', 'ok']);
});

/** A store that dies at its k-th putPair: nothing after reaches it, and the dead run's locks stay until they expire. */
class DyingStore extends MemoryStateStore {
  calls = 0;
  dieAt: number | undefined;
  dead = false;
  override putPair(pair: LinkedPair): Promise<void> {
    if (this.dead || this.calls++ === this.dieAt) {
      this.dead = true;
      return Promise.reject(new CrashError('process killed'));
    }
    return super.putPair(pair);
  }
}

it('killed at any state write of a bulk run, the reruns copy every issue exactly once', async () => {
  // A clean run, to count its state writes.
  const clean = bulkWorld();
  const cleanStore = new DyingStore(clean.clock.ms);
  clean.deps.store = cleanStore;
  clean.store = cleanStore;
  seedRemote(clean, 4);
  await clean.cycle();
  expect(cleanStore.calls).toBeGreaterThan(8);
  for (let k = 0; k < cleanStore.calls; k++) {
    const w = bulkWorld();
    const store = new DyingStore(w.clock.ms);
    store.dieAt = k;
    w.deps.store = store;
    w.store = store;
    const ids = seedRemote(w, 4);
    await w.cycle().catch(() => undefined);
    store.dead = false;
    w.clock.advance(LEASE_MS + 1000); // the dead run's locks run out
    await w.cycle();
    await w.cycle();
    expect({ k, copies: w.local.snapshot().length }).toEqual({ k, copies: 4 });
    expectCopiedOnce(w, ids);
  }
});

it('reads a copy the bulk create made but could not finish by the id it answered, and creates it once', async () => {
  const w = bulkWorld();
  const ids = seedRemote(w, 3);
  const bulk = w.local.createIssues?.bind(w.local);
  if (!bulk) throw new Error('the fake has bulk create');
  // The first item's walk or read back failed after its create, as Jira's connector answers it.
  Object.assign(w.local, {
    createIssues: async (items: Parameters<typeof bulk>[0]) => {
      const [first, ...rest] = await bulk(items);
      if (first?.outcome !== 'created') throw new Error('expected a create');
      const { id, key, url } = first.issue;
      const error = new TrackerError('unavailable', 'read back failed', { status: 503 });
      return [{ outcome: 'unfinished', ref: { id, key, url }, error }, ...rest];
    },
  });
  await w.cycle();
  expect([w.local.calls.createIssue, w.local.calls.findIssueByOrigin]).toEqual([0, 0]);
  expectCopiedOnce(w, ids);
});
