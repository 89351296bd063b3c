/**
 * The host's clock: wall time plus any idle time skipped. KVS expiry (so lock leases), the queue's delays
 * and retries, and the emulator's rate-limit windows all read it, so when the host skips ahead they all see
 * the same later instant, as if the time had passed.
 *
 * Skipping is faithful only while nothing runs: no invocation, no product event on its way. Then nothing can
 * observe the gap except through these clocks, and every lease in KVS belongs to a holder that is gone (a
 * live holder is a running invocation, which renews on the wall clock). The app's own `Date.now()` and the
 * emulator's issue timestamps stay on the wall clock: the app compares those with each other (an "updated in
 * the last N minutes" search), never with a KVS expiry or a queue time. Used by the chaos soak, which would
 * otherwise wait out each killed consumer's 30 s lease on the wall clock (bench/soak/run-soak.ts).
 */
export class HostClock {
  private skippedMs = 0;

  readonly now = (): number => Date.now() + this.skippedMs;

  /** Moves the clock `ms` ahead of the wall clock, in addition to what was skipped before. */
  skip(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`can only skip ahead, got ${ms} ms`);
    this.skippedMs += ms;
  }

  /** How far ahead of the wall clock the host is. */
  get skipped(): number {
    return this.skippedMs;
  }
}
