/**
 * Fault injection on the platform side (the Jira-side faults live in the emulator): duplicate queue deliveries,
 * which Forge's at-least-once queue may produce at any time, and invocations killed early, as a crash or an
 * out-of-memory kill would. A seeded RNG makes a failing run replayable.
 */
import { rng } from '../jira/faults';
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
