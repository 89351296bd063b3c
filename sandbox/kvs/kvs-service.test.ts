/**
 * The fake KVS as the real @forge/kvs package sees it: every call below goes through the package's own
 * request building and response handling, so a wrong status code or body shape fails here.
 */
import { Filter, FilterConditions, ForgeKvsAPIError, kvs, MetadataField, WhereConditions } from '@forge/kvs';
import { installForgeFetch, type InstalledForgeFetch } from '../../test/fakes/install-forge-fetch';
import { KvsService } from './kvs-service';

interface Ticket {
  project: string;
  updated: number;
  state: string;
}

const T0 = Date.parse('2026-01-01T00:00:00Z');
let now = T0;
let fake: InstalledForgeFetch;

beforeEach(() => {
  now = T0;
  fake = installForgeFetch({
    now: () => now,
    entityIndexes: { tickets: { 'by-project': { range: 'updated', partition: ['project'] } } },
  });
});
afterEach(() => {
  fake.uninstall();
});

/** Resolves to the ForgeKvsAPIError a call rejects with, or fails the test. */
async function apiError(call: Promise<unknown>): Promise<ForgeKvsAPIError> {
  try {
    await call;
  } catch (err) {
    if (err instanceof ForgeKvsAPIError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('get / set / delete', () => {
  it('round-trips JSON values and reads a missing key as undefined', async () => {
    await kvs.set('a', { n: 1, list: ['x', null] });
    expect(await kvs.get('a')).toEqual({ n: 1, list: ['x', null] });
    expect(await kvs.get('missing')).toBeUndefined();
    await kvs.delete('a');
    expect(await kvs.get('a')).toBeUndefined();
    await expect(kvs.delete('a')).resolves.toBeUndefined();
  });

  it('answers metadata in the shapes the package documents', async () => {
    await kvs.set('m', 'v', { ttl: { value: 2, unit: 'MINUTES' } });
    const r = await kvs.get('m', { metadataFields: [MetadataField.CREATED_AT, MetadataField.EXPIRE_TIME] });
    expect(r).toEqual({ key: 'm', value: 'v', createdAt: T0 / 1000, expireTime: '2026-01-01T00:02:00.000Z' });
  });

  it('expires a key at its TTL on the injected clock', async () => {
    await kvs.set('t', 1, { ttl: { value: 5, unit: 'SECONDS' } });
    now += 4999;
    expect(await kvs.get('t')).toBe(1);
    now += 1;
    expect(await kvs.get('t')).toBeUndefined();
  });

  it('FAIL_IF_EXISTS rejects a live key with 409 and accepts an expired one', async () => {
    await kvs.set('lock', 'a', { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: 10, unit: 'SECONDS' } });
    const err = await apiError(kvs.set('lock', 'b', { keyPolicy: 'FAIL_IF_EXISTS' }));
    expect(err.responseDetails.status).toBe(409);
    expect(err.code).toBe('KEY_CONFLICT');
    expect(await kvs.get('lock')).toBe('a');
    now += 10_000;
    await kvs.set('lock', 'c', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await kvs.get('lock')).toBe('c');
  });

  it('returns the previous or latest value when asked', async () => {
    expect(await kvs.set('r', 1, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
    expect(await kvs.set('r', 2, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toEqual({
      key: 'r',
      value: 1,
    });
    expect(await kvs.set('r', 3, { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' })).toEqual({
      key: 'r',
      value: 3,
    });
  });
});

describe('limits', () => {
  it('rejects keys over 500 characters and keys with characters outside the Forge pattern', async () => {
    expect((await apiError(kvs.set('k'.repeat(501), 1))).code).toBe('KEY_TOO_LONG');
    await kvs.set('k'.repeat(500), 1);
    expect((await apiError(kvs.set('a/b', 1))).code).toBe('INVALID_KEY');
    expect((await apiError(kvs.set('   ', 1))).code).toBe('INVALID_KEY');
    await kvs.set('ok:key.with_all-the #allowed chars', 1);
  });

  it('rejects values over 240 KiB and nesting over 31, with the sizes in the message', async () => {
    const big = await apiError(kvs.set('big', 'x'.repeat(240 * 1024)));
    expect(big.code).toBe('MAX_SIZE');
    expect(big.responseDetails.status).toBe(400);
    expect(big.message).toMatch(/245762 bytes, over the maximum 245760/);
    await kvs.set('fits', 'x'.repeat(240 * 1024 - 2));

    let deep: unknown = 0;
    for (let i = 0; i < 32; i++) deep = [deep];
    expect((await apiError(kvs.set('deep', deep))).code).toBe('MAX_DEPTH');
  });
});

describe('query', () => {
  it('pages through keys with a prefix, in key order, with a cursor only while more remain', async () => {
    for (let i = 0; i < 25; i++) await kvs.set(`p:${String(i).padStart(2, '0')}`, i);
    await kvs.set('q:other', 0);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      let q = kvs.query().where('key', WhereConditions.beginsWith('p:')).limit(10);
      if (cursor !== undefined) q = q.cursor(cursor);
      const page = await q.getMany();
      seen.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `p:${String(i).padStart(2, '0')}`));
  });

  it('refuses a page size over 100 rather than clamping it', async () => {
    const err = await apiError(kvs.query().limit(101).getMany());
    expect(err.code).toBe('INVALID_LIMIT');
  });
});

describe('batch operations', () => {
  it('reports each item: missing keys and invalid keys fail alone', async () => {
    await kvs.set('b1', 1);
    const got = await kvs.batchGet([{ key: 'b1' }, { key: 'b2' }]);
    expect(got.successfulKeys).toEqual([{ key: 'b1', value: 1 }]);
    expect(got.failedKeys.map((f) => [f.key, f.error.code])).toEqual([['b2', 'KEY_NOT_FOUND']]);

    const set = await kvs.batchSet([
      { key: 'ok', value: 1 },
      { key: 'bad/key', value: 2 },
    ]);
    expect(set.successfulKeys).toEqual([{ key: 'ok' }]);
    expect(set.failedKeys[0]?.error.code).toBe('INVALID_KEY');
    expect(await kvs.get('ok')).toBe(1);
  });

  it('fails a whole batch that is empty, over 25 keys, or names a key twice', async () => {
    const items = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
    expect((await apiError(kvs.batchSet(items))).responseDetails.status).toBe(400);
    expect(await kvs.get('k0')).toBeUndefined();
    await expect(kvs.batchSet(items.slice(0, 25))).resolves.toMatchObject({ failedKeys: [] });
    expect((await apiError(kvs.batchGet([{ key: 'k1' }, { key: 'k1' }]))).responseDetails.status).toBe(400);
    expect((await apiError(kvs.batchDelete([]))).responseDetails.status).toBe(400);
  });

  it('applies a TTL per item', async () => {
    await kvs.batchSet([{ key: 'short', value: 1, options: { ttl: { value: 1, unit: 'SECONDS' } } }]);
    now += 1000;
    expect(await kvs.get('short')).toBeUndefined();
  });
});

describe('transactions', () => {
  it('writes all or nothing', async () => {
    await kvs.set('gone', 1);
    await kvs.transact().set('x', 1).set('y', 2).delete('gone').execute();
    expect([await kvs.get('x'), await kvs.get('y'), await kvs.get('gone')]).toEqual([1, 2, undefined]);

    const err = await apiError(kvs.transact().set('z', 1).set('k'.repeat(501), 2).execute());
    expect(err.code).toBe('KEY_TOO_LONG');
    expect(await kvs.get('z')).toBeUndefined();
  });

  it('keeps a TTL given in the options slot (4th argument)', async () => {
    await kvs
      .transact()
      .set('tx-ttl', 'v', undefined, { ttl: { value: 30, unit: 'SECONDS' } })
      .execute();
    now += 30_000;
    expect(await kvs.get('tx-ttl')).toBeUndefined();
  });

  it('shows the package bug: a TTL in the 3rd (entity) slot is silently dropped', async () => {
    const tx = kvs.transact();
    // Typed code cannot make this call; untyped code can, and the package sends no TTL at all.
    const untypedSet: unknown = Reflect.get(tx, 'set');
    if (typeof untypedSet !== 'function') throw new Error('no set');
    Reflect.apply(untypedSet, tx, ['tx-bug', 'v', { ttl: { value: 30, unit: 'SECONDS' } }]);
    await tx.execute();
    now += 60_000;
    expect(await kvs.get('tx-bug')).toBe('v');
  });

  it('enforces 25 operations and one use per key', async () => {
    const tx = kvs.transact();
    for (let i = 0; i < 26; i++) tx.set(`t${i}`, i);
    expect((await apiError(tx.execute())).responseDetails.status).toBe(400);
    expect((await apiError(kvs.transact().set('d', 1).delete('d').execute())).responseDetails.status).toBe(
      400,
    );
  });

  it('checks entity conditions before writing anything', async () => {
    const tickets = kvs.entity<Ticket>('tickets');
    await tickets.set('t1', { project: 'A', updated: 1, state: 'open' });
    const failing = kvs
      .transact()
      .set('plain', 1)
      .check('t1', {
        entityName: 'tickets',
        conditions: new Filter<Ticket>().and('state', FilterConditions.equalTo('done')),
      });
    expect((await apiError(failing.execute())).responseDetails.status).toBe(409);
    expect(await kvs.get('plain')).toBeUndefined();
    await kvs
      .transact()
      .set('plain', 1)
      .check('t1', {
        entityName: 'tickets',
        conditions: new Filter<Ticket>().and('state', FilterConditions.equalTo('open')),
      })
      .execute();
    expect(await kvs.get('plain')).toBe(1);
  });
});

describe('secrets and entities', () => {
  it('keeps secrets apart from plain keys and out of queries', async () => {
    await kvs.setSecret('s', 'hunter2');
    expect(await kvs.getSecret('s')).toBe('hunter2');
    expect(await kvs.get('s')).toBeUndefined();
    expect((await kvs.query().getMany()).results).toEqual([]);
    await kvs.deleteSecret('s');
    expect(await kvs.getSecret('s')).toBeUndefined();
  });

  it('queries entities through a declared index, partitioned, ranged, filtered and sorted', async () => {
    const tickets = kvs.entity<Ticket>('tickets');
    await tickets.set('a', { project: 'A', updated: 3, state: 'open' });
    await tickets.set('b', { project: 'A', updated: 1, state: 'open' });
    await tickets.set('c', { project: 'A', updated: 2, state: 'done' });
    await tickets.set('d', { project: 'B', updated: 1, state: 'open' });
    const page = await tickets
      .query()
      .index('by-project', { partition: ['A'] })
      .where(WhereConditions.greaterThan(0))
      .filters(new Filter<Ticket>().and('state', FilterConditions.equalTo('open')))
      .getMany();
    expect(page.results.map((r) => r.key)).toEqual(['b', 'a']);
    expect((await apiError(tickets.query().index('nope').getMany())).code).toBe('INDEX_NOT_FOUND');
  });
});

describe('service bookkeeping', () => {
  it('counts calls by endpoint, failed calls included', async () => {
    await kvs.get('x');
    await kvs.batchGet([{ key: 'x' }]);
    await apiError(kvs.set('bad/key', 1));
    expect(fake.kvs.opCounts).toEqual({ get: 1, 'batch/get': 1, set: 1 });
    expect(fake.kvs.calls('get', 'set')).toBe(2);
    fake.kvs.resetOpCounts();
    expect(fake.kvs.calls()).toBe(0);
  });

  it('persists through toJSON/load, TTLs included, and reports changes', () => {
    let changes = 0;
    const a = new KvsService({ now: () => now, onChange: () => (changes += 1) });
    a.handle('/api/v1/set', { key: 'k', value: { v: 1 }, options: { ttl: { value: 1, unit: 'HOURS' } } });
    a.handle('/api/v1/get', { key: 'k' });
    a.handle('/api/v1/set', { key: 'bad/key', value: 1 });
    expect(changes).toBe(1);

    const b = new KvsService({ now: () => now });
    b.load(JSON.parse(JSON.stringify(a.toJSON())));
    expect(b.handle('/api/v1/get', { key: 'k' })).toEqual({
      status: 200,
      body: { key: 'k', value: { v: 1 } },
    });
    now += 3_600_000;
    expect(b.handle('/api/v1/get', { key: 'k' }).status).toBe(404);
    expect(() => {
      b.load({ version: 2 });
    }).toThrow();
  });

  it('answers malformed bodies and unknown endpoints with Forge-shaped errors', () => {
    const s = new KvsService();
    expect(s.handle('/api/v1/get', { nokey: true })).toMatchObject({
      status: 400,
      body: { code: 'BAD_REQUEST' },
    });
    expect(s.handle('/api/v1/nope', {})).toMatchObject({ status: 404 });
  });

  it('refuses other targets until a handler is given for them', async () => {
    const forgeFetch: unknown = Reflect.get(globalThis, '__forge_fetch__');
    if (typeof forgeFetch !== 'function') throw new Error('not installed');
    await expect(
      Reflect.apply(forgeFetch, undefined, [{ type: 'jira', remote: 'jira' }, '/rest', {}]),
    ).rejects.toThrow(/no fake for target .*jira/);
    const other = installForgeFetch({
      otherTargets: () => Promise.resolve(new Response('{"ok":true}', { status: 200 })),
    });
    const viaOther: unknown = Reflect.get(globalThis, '__forge_fetch__');
    if (typeof viaOther !== 'function') throw new Error('not installed');
    const res: unknown = await Reflect.apply(viaOther, undefined, [{ type: 'jira' }, '/rest', {}]);
    expect(res).toBeInstanceOf(Response);
    other.uninstall();
    expect(Reflect.get(globalThis, '__forge_fetch__')).toBe(forgeFetch);
  });
});
