/**
 * A lease on one key: the event path and the scheduled path both take it before touching a pair.
 *
 * Acquire is one `set` with keyPolicy FAIL_IF_EXISTS, which KVS applies atomically (a second writer gets
 * 409), plus a short TTL that the holder renews while it works (core/cycle/with-lease.ts): a killed holder
 * stops renewing, so its lock frees itself within one lease. A plain-key transaction cannot do this: KVS
 * transaction conditions exist only for custom entities.
 *
 * The value names a random token, and release and renew act only while the token is still ours: once our
 * lease has expired and another invocation holds the key, our late release must not free their lock, nor our
 * late renewal extend it. Between the read and the write there is a window that only matters if we overran
 * our own lease, by which time exclusivity was already lost; KVS has no compare-and-set for plain keys.
 */
import { randomUUID } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import type { Lease, LockInfo } from '../../core/ports';
import { isKeyConflict } from './storage-error';

/** KVS TTLs are whole seconds; round up so a lease never ends before the caller's budget. */
export const ttlSecondsFor = (ttlMs: number): number => Math.max(1, Math.ceil(ttlMs / 1000));

/** What the lock key holds: who (token) and since when, for Activity. Earlier versions held the bare token. */
const HolderSchema = z.object({
  token: z.string(),
  since: z.string(),
  renewedAt: z.string(),
  ttlMs: z.number(),
});
type Holder = z.infer<typeof HolderSchema>;

const ttlOf = (ttlMs: number) => ({ value: ttlSecondsFor(ttlMs), unit: 'SECONDS' as const });

async function holderOf(key: string): Promise<Holder | undefined> {
  const parsed = HolderSchema.safeParse(await kvs.get(key));
  return parsed.success ? parsed.data : undefined;
}

export async function tryLease(key: string, ttlMs: number, now: () => Date): Promise<Lease | undefined> {
  const at = now().toISOString();
  const mine: Holder = { token: randomUUID(), since: at, renewedAt: at, ttlMs };
  try {
    await kvs.set(key, mine, { keyPolicy: 'FAIL_IF_EXISTS', ttl: ttlOf(ttlMs) });
  } catch (err) {
    if (isKeyConflict(err)) return undefined;
    throw err;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      if ((await holderOf(key))?.token === mine.token) await kvs.delete(key);
      released = true;
    },
    async renew() {
      if (released || (await holderOf(key))?.token !== mine.token) return false;
      await kvs.set(key, { ...mine, renewedAt: now().toISOString() }, { ttl: ttlOf(ttlMs) });
      return true;
    },
  };
}

export async function readLease(key: string): Promise<LockInfo | undefined> {
  const holder = await holderOf(key);
  if (!holder) return undefined;
  const expiresAt = new Date(Date.parse(holder.renewedAt) + ttlSecondsFor(holder.ttlMs) * 1000);
  return { since: holder.since, renewedAt: holder.renewedAt, expiresAt: expiresAt.toISOString() };
}
