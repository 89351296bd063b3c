import type { Reply } from './http/reply';
import type { FaultSettings } from './types';

/**
 * Runtime-settable failure modes for one site: a per-second burst limit (429 + Retry-After, like Jira's
 * burst-based rate limiting), fixed latency, and random 503s from a seeded RNG so a failing run replays.
 * The burst window runs on the wall clock, not the emulator's clock: it is about request pacing, and tests
 * often freeze the emulator clock.
 */

export const NO_FAULTS: FaultSettings = { burstPerSecond: null, latencyMs: 0, errorRate: 0, seed: 1 };

/** mulberry32: tiny, fast and good enough to pick which requests fail. */
/** mulberry32: a small seeded RNG, so injected faults repeat from run to run (the host uses it too). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class SiteFaults {
  private settings: FaultSettings = NO_FAULTS;
  private random = rng(NO_FAULTS.seed);
  private windowStart = 0;
  private used = 0;

  get current(): FaultSettings {
    return this.settings;
  }

  update(change: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...change };
    // Giving a seed (even the same one) restarts the sequence, so a test can replay from a known point.
    if (change.seed !== undefined) this.random = rng(change.seed);
  }

  /** Waits out the latency, then answers a fault reply or `undefined` to let the request through. */
  async apply(wallNow: () => number): Promise<Reply | undefined> {
    const { latencyMs, burstPerSecond, errorRate } = this.settings;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (burstPerSecond !== null) {
      const now = wallNow();
      if (now - this.windowStart >= 1000) {
        this.windowStart = now;
        this.used = 0;
      }
      if (this.used >= burstPerSecond) {
        const resetAt = this.windowStart + 1000;
        return {
          kind: 'json',
          status: 429,
          body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
          headers: {
            'retry-after': String(Math.max(1, Math.ceil((resetAt - now) / 1000))),
            'x-ratelimit-limit': String(burstPerSecond),
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': new Date(resetAt).toISOString(),
            'ratelimit-reason': 'jira-burst-based',
          },
        };
      }
      this.used += 1;
    }
    if (errorRate > 0 && this.random() < errorRate) {
      return {
        kind: 'json',
        status: 503,
        body: { errorMessages: ['Service Unavailable (injected by the emulator).'], errors: {} },
      };
    }
    return undefined;
  }
}
