/**
 * An in-memory SyncStateStore for core tests. Values are deep-copied in and out, as a real store
 * serialises them, so the engine cannot rely on sharing objects with its store.
 */
import type { Lease, LockInfo, Page, SyncStateStore } from '../../src/core/ports';
import type { ConnectionState, LinkedPair } from '../../src/core/state';
import { emptyConnectionState } from '../../src/core/state';

const copy = <T>(v: T): T => structuredClone(v);

export class MemoryStateStore implements SyncStateStore {
  readonly pairs = new Map<string, LinkedPair>();
  readonly states = new Map<string, ConnectionState>();
  private readonly locks = new Map<
    string,
    { token: number; since: number; renewed: number; expires: number }
  >();
  private nextToken = 1;
  /** Number of writes, so tests can see what a cycle stored. */
  writes = 0;

  constructor(private readonly now: () => number = () => Date.now()) {}

  getConnectionState(connectionId: string): Promise<ConnectionState> {
    return Promise.resolve(copy(this.states.get(connectionId) ?? emptyConnectionState(connectionId)));
  }

  putConnectionState(state: ConnectionState): Promise<void> {
    this.writes += 1;
    this.states.set(state.connectionId, copy(state));
    return Promise.resolve();
  }

  getPair(connectionId: string, pairId: string): Promise<LinkedPair | undefined> {
    const p = this.pairs.get(`${connectionId}/${pairId}`);
    return Promise.resolve(p ? copy(p) : undefined);
  }

  async findPairBySide(connectionId: string, side: 'local' | 'remote', issueId: string) {
    return (await this.findPairsBySide(connectionId, side, [issueId])).get(issueId);
  }

  findPairsBySide(connectionId: string, side: 'local' | 'remote', issueIds: readonly string[]) {
    const wanted = new Set(issueIds);
    const out = new Map<string, LinkedPair>();
    for (const p of this.pairs.values()) {
      const id = p[side]?.id;
      if (p.connectionId === connectionId && id !== undefined && wanted.has(id)) out.set(id, copy(p));
    }
    return Promise.resolve(out);
  }

  putPair(pair: LinkedPair): Promise<void> {
    this.writes += 1;
    this.pairs.set(`${pair.connectionId}/${pair.pairId}`, copy(pair));
    return Promise.resolve();
  }

  listPairs(connectionId: string, pageToken?: string): Promise<Page<LinkedPair>> {
    const all = [...this.pairs.values()].filter((p) => p.connectionId === connectionId);
    const start = pageToken ? Number(pageToken) : 0;
    const items = all.slice(start, start + 50).map(copy);
    const next = start + 50 < all.length ? String(start + 50) : undefined;
    return Promise.resolve(next === undefined ? { items } : { items, next });
  }

  tryLock(connectionId: string, pairId: string, ttlMs: number): Promise<Lease | undefined> {
    const key = `${connectionId}/${pairId}`;
    const held = this.locks.get(key);
    if (held && held.expires > this.now()) return Promise.resolve(undefined);
    const token = this.nextToken++;
    const now = this.now();
    this.locks.set(key, { token, since: now, renewed: now, expires: now + ttlMs });
    const ours = () =>
      this.locks.get(key)?.token === token && (this.locks.get(key)?.expires ?? 0) > this.now();
    return Promise.resolve({
      release: () => {
        if (this.locks.get(key)?.token === token) this.locks.delete(key);
        return Promise.resolve();
      },
      renew: () => {
        if (!ours()) return Promise.resolve(false);
        const at = this.now();
        this.locks.set(key, { token, since: now, renewed: at, expires: at + ttlMs });
        return Promise.resolve(true);
      },
    });
  }

  readLock(connectionId: string, pairId: string): Promise<LockInfo | undefined> {
    const held = this.locks.get(`${connectionId}/${pairId}`);
    if (!held || held.expires <= this.now()) return Promise.resolve(undefined);
    const iso = (ms: number) => new Date(ms).toISOString();
    return Promise.resolve({
      since: iso(held.since),
      renewedAt: iso(held.renewed),
      expiresAt: iso(held.expires),
    });
  }

  /** All pairs of a connection, for assertions. */
  all(connectionId: string): LinkedPair[] {
    return [...this.pairs.values()].filter((p) => p.connectionId === connectionId).map(copy);
  }
}
