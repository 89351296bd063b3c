/**
 * Fault injection on the platform side (the Jira-side faults live in the emulator): duplicate queue deliveries,
 * which Forge's at-least-once queue may produce at any time, and invocations killed early, as a crash or an
 * out-of-memory kill would. A seeded RNG makes a failing run replayable.
 */
export interface HostFaultSettings {
  /** Probability in [0, 1] that a queue event is delivered twice. */
  duplicateDeliveryRate: number;
  /** Stop every invocation after this many ms, before its own limit; `null` = off. */
  killInvocationAfterMs: number | null;
  seed: number;
}

export const NO_HOST_FAULTS: HostFaultSettings = {
  duplicateDeliveryRate: 0,
  killInvocationAfterMs: null,
  seed: 1,
};

/** mulberry32, the same small RNG the emulator uses for its error rate. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class HostFaults {
  private settings: HostFaultSettings = NO_HOST_FAULTS;
  private random = rng(NO_HOST_FAULTS.seed);

  get current(): HostFaultSettings {
    return this.settings;
  }

  update(change: Partial<HostFaultSettings>): void {
    this.settings = { ...this.settings, ...change };
    if (change.seed !== undefined) this.random = rng(change.seed);
  }

  reset(): void {
    this.settings = NO_HOST_FAULTS;
    this.random = rng(NO_HOST_FAULTS.seed);
  }

  shouldDuplicate(): boolean {
    const rate = this.settings.duplicateDeliveryRate;
    return rate > 0 && this.random() < rate;
  }

  /** The time an invocation may run: its own limit, or less when kills are injected. */
  effectiveLimit(limitMs: number): { ms: number; killed: boolean } {
    const kill = this.settings.killInvocationAfterMs;
    return kill !== null && kill < limitMs ? { ms: kill, killed: true } : { ms: limitMs, killed: false };
  }
}
