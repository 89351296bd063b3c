import type { Reply } from './http/reply';
import type { FaultSettings } from './types';

/**
 * Runtime-settable failure modes for one site: fixed latency, and random 503s from a seeded RNG so a failing
 * run replays. Jira's rate limits are not faults but documented behaviour: see `rate-limits/`.
 */

export const NO_FAULTS: FaultSettings = { latencyMs: 0, errorRate: 0, seed: 1 };

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

  get current(): FaultSettings {
    return this.settings;
  }

  update(change: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...change };
    // Giving a seed (even the same one) restarts the sequence, so a test can replay from a known point.
    if (change.seed !== undefined) this.random = rng(change.seed);
  }

  /** Waits out the latency, then answers a fault reply or `undefined` to let the request through. */
  async apply(): Promise<Reply | undefined> {
    const { latencyMs, errorRate } = this.settings;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
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
