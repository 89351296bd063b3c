/**
 * The governor's state in KVS, one record per site, so that what one invocation learnt (a quota pause until
 * the reset, the reserve reached, an endpoint's burst pause) holds for the invocations that follow. A record
 * that does not parse is a fresh start: the next answer's headers tell the truth again.
 */
import { kvs } from '@forge/kvs';
import { GovernorStateSchema, type GovernorStore } from '../../core/rate';
import { keys } from '../kvs/keys';

export function kvsGovernorStore(site: string): GovernorStore {
  const key = keys.rateGovernor(site);
  return {
    async load() {
      const parsed = GovernorStateSchema.safeParse(await kvs.get(key));
      return parsed.success ? parsed.data : undefined;
    },
    async save(state) {
      await kvs.set(key, state);
    },
  };
}
