/**
 * A mark with a TTL that only one caller sets: the first `set` with FAIL_IF_EXISTS wins (atomic in KVS), a
 * later one within the TTL gets a conflict. Event and webhook receivers use it so a burst on one issue queues
 * one cycle; the cycle deletes its marks before it reads, so a change arriving meanwhile queues again.
 */
import { kvs } from '@forge/kvs';
import { isKeyConflict } from './storage-error';

/** True when this call set the mark; false when it was already set. */
export async function markOnce(key: string, ttlSeconds: number): Promise<boolean> {
  try {
    await kvs.set(
      key,
      { at: new Date().toISOString() },
      { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: ttlSeconds, unit: 'SECONDS' } },
    );
    return true;
  } catch (err) {
    if (isKeyConflict(err)) return false;
    throw err;
  }
}
