/**
 * A lease on one key: the event path and the scheduled path both take it before touching a pair.
 *
 * Acquire is one `set` with keyPolicy FAIL_IF_EXISTS, which KVS applies atomically (a second writer gets
 * 409), plus a TTL so a lock left by a killed invocation frees itself. A plain-key transaction cannot do
 * this: KVS transaction conditions exist only for custom entities.
 *
 * The value is a random token, and release deletes only while the token is still ours: once our lease
 * has expired and another invocation holds the key, our late release must not free their lock. Between
 * the read and the delete there is a window that only matters if we overran our own TTL, by which time
 * exclusivity was already lost; KVS has no compare-and-delete for plain keys to close it.
 */
import { randomUUID } from 'node:crypto';
import { kvs } from '@forge/kvs';
import type { Release } from '../../core/ports';
import { isKeyConflict } from './storage-error';

/** KVS TTLs are whole seconds; round up so a lease never ends before the caller's budget. */
export const ttlSecondsFor = (ttlMs: number): number => Math.max(1, Math.ceil(ttlMs / 1000));

export async function tryLease(key: string, ttlMs: number): Promise<Release | undefined> {
  const token = randomUUID();
  try {
    await kvs.set(key, token, {
      keyPolicy: 'FAIL_IF_EXISTS',
      ttl: { value: ttlSecondsFor(ttlMs), unit: 'SECONDS' },
    });
  } catch (err) {
    if (isKeyConflict(err)) return undefined;
    throw err;
  }
  let released = false;
  return async () => {
    if (released) return;
    const holder: unknown = await kvs.get(key);
    if (holder === token) await kvs.delete(key);
    released = true;
  };
}
