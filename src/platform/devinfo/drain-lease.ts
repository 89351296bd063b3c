/**
 * One drain at a time: two would upload the same deliveries twice and race on their removal. A short
 * lease renewed every round, rather than one as long as the consumer may run, so a drain that died
 * blocks the next for two minutes at most.
 */
import { kvs } from '@forge/kvs';
import { randomUUID } from 'node:crypto';
import { keys } from '../kvs/keys';
import { isKeyConflict } from '../kvs/storage-error';

const LEASE = { value: 120, unit: 'SECONDS' } as const;

export interface DrainLease {
  renew(): Promise<void>;
  release(): Promise<void>;
}

export async function takeDrainLease(): Promise<DrainLease | undefined> {
  const token = randomUUID();
  const key = keys.gitDrainLease();
  try {
    await kvs.set(key, token, { keyPolicy: 'FAIL_IF_EXISTS', ttl: LEASE });
  } catch (err) {
    if (isKeyConflict(err)) return undefined;
    throw err;
  }
  return {
    renew: () => kvs.set(key, token, { ttl: LEASE }),
    async release() {
      if ((await kvs.get(key)) === token) await kvs.delete(key);
    },
  };
}
