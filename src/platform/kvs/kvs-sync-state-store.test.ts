/**
 * KvsSyncStateStore through the real @forge/kvs package and the fake KVS endpoints: no mocks, so what the
 * store sends is what Forge would receive, and `opCounts` shows how many calls it took.
 */
import { kvs } from '@forge/kvs';
import { emptyConnectionState, newPair, type ConnectionState, type LinkedPair } from '../../core/state';
import { installForgeFetch, type InstalledForgeFetch } from '../../../test/fakes/install-forge-fetch';
import { keys, StorageKeyError } from './keys';
import { KvsSyncStateStore } from './kvs-sync-state-store';
import { credentialStatus, deleteCredential, readCredential, saveCredential } from './secret-store';
import { StorageError } from './storage-error';

const T0 = Date.parse('2026-03-01T12:00:00Z');
let now = T0;
let fake: InstalledForgeFetch;
let store: KvsSyncStateStore;

beforeEach(() => {
  now = T0;
  fake = installForgeFetch({ now: () => now });
  store = new KvsSyncStateStore();
});
afterEach(() => {
  fake.uninstall();
});

const ref = (id: string) => ({ id, key: `K-${id}`, url: `https://x.test/${encodeURIComponent(id)}` });

function linked(conn: string, localId: string, remoteId?: string): LinkedPair {
  const pair: LinkedPair = { ...newPair(conn, `l-${localId}`), local: ref(localId), status: { state: 'ok' } };
  return remoteId === undefined ? pair : { ...pair, remote: ref(remoteId) };
}

async function caught(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

describe('pairs', () => {
  it('round-trips a pair with every optional part filled', async () => {
    const pair: LinkedPair = {
      ...linked('c1', '10001', 'owner/repo#7'),
      base: { local: { summary: 'a', labels: ['x'] }, remote: { title: 'a', assignee: null } },
      comments: [{ local: '1', remote: '2', localHash: 'h1', remoteHash: 'h2', origin: 'local' }],
      conflicts: [{ localPath: 'p', remotePath: 'q', localValue: 1, remoteValue: 2, detectedAt: 'now' }],
      status: { state: 'error', message: 'boom', attempts: 2, lastAttemptAt: 'then' },
      inflight: { 'l-10001:comment:1': { at: '2026-11-24T08:00:00.000Z' } },
      lastSyncedAt: '2026-03-01T00:00:00Z',
    };
    await store.putPair(pair);
    expect(await store.getPair('c1', pair.pairId)).toEqual(pair);
    expect(await store.getPair('c1', 'l-nope')).toBeUndefined();
    expect(await store.getPair('c2', pair.pairId)).toBeUndefined();
  });

  it('writes the pair and its index entries in one transaction', async () => {
    await store.putPair(linked('c1', '1', 'r1'));
    expect(fake.kvs.opCounts).toEqual({ transaction: 1 });
  });

  it('finds a pair by either side, with ids that need escaping', async () => {
    const pair = linked('c1', '10/01:x', 'group/proj#12 ü');
    await store.putPair(pair);
    expect((await store.findPairBySide('c1', 'local', '10/01:x'))?.pairId).toBe(pair.pairId);
    expect((await store.findPairBySide('c1', 'remote', 'group/proj#12 ü'))?.pairId).toBe(pair.pairId);
    expect(await store.findPairBySide('c1', 'remote', '10/01:x')).toBeUndefined();
    expect(await store.findPairBySide('c2', 'local', '10/01:x')).toBeUndefined();
  });

  it('ignores an index entry the pair no longer agrees with', async () => {
    const pair = linked('c1', 'old', 'r');
    await store.putPair(pair);
    await store.putPair({ ...pair, local: ref('new') });
    expect(await store.findPairBySide('c1', 'local', 'old')).toBeUndefined();
    expect((await store.findPairBySide('c1', 'local', 'new'))?.pairId).toBe(pair.pairId);
    expect((await store.findPairsBySide('c1', 'local', ['old', 'new'])).has('old')).toBe(false);
  });
});

describe('findPairsBySide', () => {
  it('answers 25 ids with two batch reads and no single gets', async () => {
    for (let i = 0; i < 20; i++) await store.putPair(linked('c1', `L${i}`, `R${i}`));
    fake.kvs.resetOpCounts();
    const ids = [...Array.from({ length: 20 }, (_, i) => `R${i}`), 'R404', 'R405', 'R406', 'R0', 'R1'];
    const found = await store.findPairsBySide('c1', 'remote', ids);
    expect(fake.kvs.opCounts).toEqual({ 'batch/get': 2 });
    expect([...found.keys()].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `R${i}`).sort());
    expect(found.get('R3')?.local?.id).toBe('L3');
  });

  it('splits more ids into chunks of 25, two calls per chunk', async () => {
    for (let i = 0; i < 60; i++) await store.putPair(linked('c1', `L${i}`));
    fake.kvs.resetOpCounts();
    const found = await store.findPairsBySide(
      'c1',
      'local',
      Array.from({ length: 60 }, (_, i) => `L${i}`),
    );
    expect(found.size).toBe(60);
    expect(fake.kvs.opCounts).toEqual({ 'batch/get': 6 });
  });

  it('makes no call for no ids, and one for ids none of which is linked', async () => {
    expect((await store.findPairsBySide('c1', 'local', [])).size).toBe(0);
    expect(fake.kvs.calls()).toBe(0);
    expect((await store.findPairsBySide('c1', 'local', ['x', 'y'])).size).toBe(0);
    expect(fake.kvs.opCounts).toEqual({ 'batch/get': 1 });
  });
});

describe('listPairs', () => {
  it('pages through more pairs than one page holds, and only this connection', async () => {
    for (let i = 0; i < 120; i++) await store.putPair(linked('c1', `L${i}`));
    // 'c10' shares the prefix 'c1' as a string: its pairs must not leak into c1's listing.
    for (let i = 0; i < 3; i++) await store.putPair(linked('c10', `L${i}`));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await store.listPairs('c1', token);
      expect(page.items.length).toBeLessThanOrEqual(50);
      seen.push(...page.items.map((p) => `${p.connectionId}/${p.pairId}`));
      token = page.next;
      pages++;
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen.every((id) => /^c1\/l-L\d+$/.test(id))).toBe(true);
  });

  it('returns an empty last page without a token', async () => {
    expect(await store.listPairs('empty')).toEqual({ items: [] });
  });
});

describe('connection state', () => {
  it('starts empty and round-trips, held plan included', async () => {
    expect(await store.getConnectionState('c1')).toEqual(emptyConnectionState('c1'));
    const state: ConnectionState = {
      ...emptyConnectionState('c1'),
      cursors: { local: '2026-03-01T00:00:00Z' },
      heldPlan: {
        id: 'plan-1',
        connectionId: 'c1',
        createdAt: 'now',
        mutations: [
          {
            key: 'l-1:update',
            pairId: 'l-1',
            side: 'remote',
            kind: 'update-issue',
            patch: { title: 'x' },
            base: {},
          },
        ],
        bookkeeping: [{ kind: 'record-base', pairId: 'l-1', base: { local: { a: 1 } }, updated: {} }],
        pairs: [{ pairId: 'l-1', local: ref('1') }],
        cursors: {},
      },
      executedPlanIds: ['plan-0'],
      recentCycles: [{ at: 'now', incoming: 1, outgoing: 2, errors: 0, held: true, dryRun: false }],
    };
    await store.putConnectionState(state);
    expect(await store.getConnectionState('c1')).toEqual(state);
  });

  it('keeps a held plan far larger than one KVS value, in parts, and writes the parts once', async () => {
    const description = 'x'.repeat(900);
    const mutations = Array.from({ length: 3000 }, (_, i) => ({
      key: `l-${i}:create:remote`,
      pairId: `l-${i}`,
      side: 'remote' as const,
      kind: 'create-issue' as const,
      sourceId: String(i),
      fields: { summary: `Issue ${i}`, description },
      base: {},
    }));
    const plan = {
      id: 'big',
      connectionId: 'c1',
      createdAt: 'now',
      mutations,
      bookkeeping: [],
      pairs: [],
      cursors: {},
    };
    const state: ConnectionState = { ...emptyConnectionState('c1'), heldPlan: plan };
    expect(Buffer.byteLength(JSON.stringify(plan))).toBeGreaterThan(3 * 240 * 1024);

    await store.putConnectionState(state);
    const sets = fake.kvs.calls('set');
    expect(sets).toBeGreaterThan(4);
    expect(await store.getConnectionState('c1')).toEqual(state);

    // Approving changes only the head: the parts are not written again.
    await store.putConnectionState({ ...state, heldPlan: { ...plan, approvedAt: 'later' } });
    expect(fake.kvs.calls('set')).toBe(sets + 1);
    expect((await new KvsSyncStateStore().getConnectionState('c1')).heldPlan?.mutations).toHaveLength(3000);
  });
});

describe('locks', () => {
  it('is exclusive per pair, and the connection lock is its own key', async () => {
    const release = await store.tryLock('c1', 'l-1', 30_000);
    expect(release).toBeDefined();
    expect(await store.tryLock('c1', 'l-1', 30_000)).toBeUndefined();
    expect(await store.tryLock('c1', 'l-2', 30_000)).toBeDefined();
    expect(await store.tryLock('c2', 'l-1', 30_000)).toBeDefined();
    expect(await store.tryLock('c1', '*', 30_000)).toBeDefined();
    expect(await store.tryLock('c1', '*', 30_000)).toBeUndefined();
    await release?.release();
    expect(await store.tryLock('c1', 'l-1', 30_000)).toBeDefined();
  });

  it('frees itself when a killed holder never releases', async () => {
    expect(await store.tryLock('c1', 'l-1', 30_000)).toBeDefined();
    now += 29_999;
    expect(await store.tryLock('c1', 'l-1', 30_000)).toBeUndefined();
    now += 1;
    expect(await store.tryLock('c1', 'l-1', 30_000)).toBeDefined();
  });

  it('rounds a TTL up to whole seconds, never down (KVS TTLs are in seconds)', async () => {
    expect(await store.tryLock('c1', 'l-1', 1500)).toBeDefined();
    now += 1999;
    expect(await store.tryLock('c1', 'l-1', 1500)).toBeUndefined();
    expect(await store.tryLock('c1', 'l-2', 1)).toBeDefined();
    now += 999;
    expect(await store.tryLock('c1', 'l-2', 1)).toBeUndefined();
  });

  it('releases only its own lease, and releasing twice is harmless', async () => {
    const first = await store.tryLock('c1', 'l-1', 1000);
    now += 1000;
    const second = await store.tryLock('c1', 'l-1', 60_000);
    expect(second).toBeDefined();
    await first?.release();
    expect(await store.tryLock('c1', 'l-1', 60_000)).toBeUndefined();
    await second?.release();
    await second?.release();
    expect(await kvs.get(keys.lock('c1', 'l-1'))).toBeUndefined();
  });
});

describe('leases', () => {
  it('a renewed lease outlives its first term; an unrenewed one frees within one lease', async () => {
    const lease = await store.tryLock('c1', '*', 30_000);
    now += 20_000;
    expect(await lease?.renew()).toBe(true);
    now += 20_000; // 40 s after taking it, 20 s after the renewal
    expect(await store.tryLock('c1', '*', 30_000)).toBeUndefined();
    now += 10_000; // the holder stopped renewing (killed): one lease after its last renewal, it is free
    const next = await store.tryLock('c1', '*', 30_000);
    expect(next).toBeDefined();
    // The late holder can neither extend nor free the new holder's lease.
    expect(await lease?.renew()).toBe(false);
    await lease?.release();
    expect(await store.tryLock('c1', '*', 30_000)).toBeUndefined();
  });

  it('says who holds a lock and until when, for Activity', async () => {
    expect(await store.readLock('c1', '*')).toBeUndefined();
    const lease = await store.tryLock('c1', '*', 30_000);
    const info = await store.readLock('c1', '*');
    expect(info).toBeDefined();
    expect(Date.parse(info?.expiresAt ?? '') - Date.parse(info?.renewedAt ?? '')).toBe(30_000);
    await lease?.release();
    expect(await store.readLock('c1', '*')).toBeUndefined();
  });
});

describe('errors say what went wrong', () => {
  it('refuses a pair over 240 KiB before calling KVS, naming the record', async () => {
    const pair = {
      ...linked('c1', '1'),
      base: { local: { description: 'x'.repeat(250 * 1024) }, remote: {} },
    };
    const err = await caught(store.putPair(pair));
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ code: 'value_too_large', isRetryable: false });
    expect(String(err)).toMatch(/v1:pair:c1:l-1 is 250\.\d KiB; Forge KVS stores at most 240 KiB/);
    expect(fake.kvs.calls()).toBe(0);
  });

  it('refuses an id whose key would pass 500 characters', async () => {
    const err = await caught(store.getPair('c1', 'é'.repeat(100)));
    expect(err).toBeInstanceOf(StorageKeyError);
    expect(String(err)).toMatch(/over the Forge limit of 500/);
  });

  it('reports a stored record that does not parse, with its key', async () => {
    await kvs.set(keys.pair('c1', 'l-1'), { pairId: 'l-1' });
    const err = await caught(store.getPair('c1', 'l-1'));
    expect(err).toMatchObject({ code: 'corrupt_record' });
    expect(String(err)).toMatch(/v1:pair:c1:l-1 does not parse/);
  });
});

describe('secret store', () => {
  it('stores credentials in secret storage and tells the UI only set or not set', async () => {
    expect(await credentialStatus('c1', 'token')).toBe('not set');
    await saveCredential('c1', 'token', 'ghp_secret');
    expect(await credentialStatus('c1', 'token')).toBe('set');
    expect(await readCredential('c1', 'token')).toBe('ghp_secret');
    expect(await kvs.get(keys.credential('c1', 'token'))).toBeUndefined();
    expect(fake.kvs.opCounts['secret/set']).toBe(1);
    await deleteCredential('c1', 'token');
    await deleteCredential('c1', 'token');
    expect(await credentialStatus('c1', 'token')).toBe('not set');
    expect(await readCredential('c1', 'token')).toBeUndefined();
  });

  it('refuses an empty credential', async () => {
    await expect(saveCredential('c1', 'token', '')).rejects.toThrow();
    expect(await credentialStatus('c1', 'token')).toBe('not set');
  });
});
