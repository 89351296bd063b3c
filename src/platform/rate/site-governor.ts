/**
 * One rate governor per site per invocation (core/rate/rate-governor.ts), with its Forge parts: state in KVS,
 * and bottleneck pacing the calls. bottleneck rather than a hand-written limiter: it is well kept, orders
 * waiting calls by priority (the live lane's go first when an invocation serves both) and spaces them by
 * `minTime`, which keeps a site's calls under Jira's burst budget before a 429 has to say so.
 */
import Bottleneck from 'bottleneck';
import {
  RateGovernor,
  type GovernorEffects,
  type Lane,
  type RateReading,
  type HeaderSource,
} from '../../core/rate';
import { kvsGovernorStore } from './kvs-governor-store';

/** Calls in flight per site, and their spacing: 50 a second, the burst figure the emulator defaults to. */
const MAX_CONCURRENT = 8;
const MIN_TIME_MS = 20;
const PRIORITY: Record<Lane, number> = { live: 1, background: 5 };

type Reader = (status: number, headers: HeaderSource, now: number) => RateReading;

/**
 * A governor of `site` for this invocation, made where the invocation builds its engine and shared by every
 * caller of that engine. Not cached across invocations (Forge may reuse a warm runtime): each new one reads
 * what the others learnt from KVS.
 */
export function siteGovernor(site: string, label: string, lane: Lane, read: Reader): RateGovernor {
  const limiter = new Bottleneck({ maxConcurrent: MAX_CONCURRENT, minTime: MIN_TIME_MS });
  const effects: GovernorEffects = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    schedule: (callLane, send) => limiter.schedule({ priority: PRIORITY[callLane] }, send),
    read,
    store: kvsGovernorStore(site),
  };
  return new RateGovernor(label, lane, effects);
}
