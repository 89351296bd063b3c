/**
 * Runs work under a lock held as a short lease with a heartbeat. The lease is tens of seconds, not the
 * invocation's limit, so a holder that is killed (a crash, an out-of-memory kill, a platform time-out) blocks
 * others for one lease at most; a holder that lives renews it every third of a lease, so two missed renewals
 * (a KVS hiccup) still leave it holding. One helper for every lock the engine takes.
 */
import type { SyncStateStore } from '../ports';

/** How long a lock outlives its holder's last heartbeat. */
export const LEASE_MS = 30_000;
export const HEARTBEAT_MS = LEASE_MS / 3;

export type Leased<T> = { busy: true } | { busy: false; value: T };

export async function withLease<T>(
  store: SyncStateStore,
  connectionId: string,
  pairId: string,
  fn: () => Promise<T>,
): Promise<Leased<T>> {
  const held = await holdLease(store, connectionId, pairId);
  if (!held) return { busy: true };
  try {
    return { busy: false, value: await fn() };
  } finally {
    await held.release();
  }
}

/** A lease taken and renewed until released: for work that holds several locks at once (a bulk create). */
export async function holdLease(
  store: SyncStateStore,
  connectionId: string,
  pairId: string,
): Promise<{ release(): Promise<void> } | undefined> {
  const lease = await store.tryLock(connectionId, pairId, LEASE_MS);
  if (!lease) return undefined;
  const heartbeat = setInterval(() => {
    // A failed renewal is not fatal: the next beat tries again. After a kill every renewal is refused,
    // which is the point: the lease then runs out.
    lease.renew().catch(() => undefined);
  }, HEARTBEAT_MS);
  return {
    release: async () => {
      clearInterval(heartbeat);
      await lease.release();
    },
  };
}
