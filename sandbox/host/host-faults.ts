/**
 * Fault injection on the platform side (the Jira-side faults live in the emulator): duplicate queue deliveries,
 * which Forge's at-least-once queue may produce at any time, invocations killed early, as a crash or an
 * out-of-memory kill would, and KVS calls refused with a 429 or a 5xx, as Forge's storage does over its
 * quotas or when it fails. A seeded RNG makes a failing run replayable.
 */
import { rng } from '../jira/faults';
export interface HostFaultSettings {
  /** Probability in [0, 1] that a queue event is delivered twice. */
  duplicateDeliveryRate: number;
  /**
   * Stop every invocation after this many ms, before its own limit; `null` = off. With `killRate`, only that
   * share of invocations is stopped, each at a random time from `killMinMs` to this.
   */
  killInvocationAfterMs: number | null;
  /** Probability in [0, 1] that an invocation is killed; 0 kills every one (when `killInvocationAfterMs` is set). */
  killRate: number;
  /** With `killRate`: the earliest a kill comes, in ms. */
  killMinMs: number;
  seed: number;
  /** Probability in [0, 1] that a KVS call is refused with `kvsStatus` instead of being served. */
  kvsErrorRate: number;
  /** 429 (RATE_LIMIT_EXCEEDED, over a storage quota) or a 5xx. */
  kvsStatus: KvsFaultStatus;
  /** The next this many KVS calls fail with `kvsStatus`, whatever the rate: a fault a test can count on. */
  kvsFailNext: number;
  /** Only calls made by invocations of this function key fail; every function's otherwise. */
  kvsFunctionKey: string | null;
}

export const KVS_FAULT_STATUSES = [429, 500, 502, 503, 504] as const;
export type KvsFaultStatus = (typeof KVS_FAULT_STATUSES)[number];

export const NO_HOST_FAULTS: HostFaultSettings = {
  duplicateDeliveryRate: 0,
  killInvocationAfterMs: null,
  killRate: 0,
  killMinMs: 0,
  seed: 1,
  kvsErrorRate: 0,
  kvsStatus: 429,
  kvsFailNext: 0,
  kvsFunctionKey: null,
};

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

  /** The status a KVS call of this function fails with, or undefined when it is served. */
  kvsFault(functionKey: string): KvsFaultStatus | undefined {
    const { kvsErrorRate, kvsStatus, kvsFailNext, kvsFunctionKey } = this.settings;
    if (kvsFunctionKey !== null && kvsFunctionKey !== functionKey) return undefined;
    if (kvsFailNext > 0) {
      this.settings = { ...this.settings, kvsFailNext: kvsFailNext - 1 };
      return kvsStatus;
    }
    return kvsErrorRate > 0 && this.random() < kvsErrorRate ? kvsStatus : undefined;
  }

  /** The time an invocation may run: its own limit, or less when kills are injected. */
  effectiveLimit(limitMs: number): { ms: number; killed: boolean } {
    const { killInvocationAfterMs: kill, killRate, killMinMs } = this.settings;
    if (kill === null) return { ms: limitMs, killed: false };
    let at = kill;
    if (killRate > 0) {
      // A crash strikes some invocations, at any point: the seeded RNG makes a failing run replayable.
      if (this.random() >= killRate) return { ms: limitMs, killed: false };
      const from = Math.min(killMinMs, kill);
      at = Math.round(from + this.random() * (kill - from));
    }
    return at < limitMs ? { ms: at, killed: true } : { ms: limitMs, killed: false };
  }
}
