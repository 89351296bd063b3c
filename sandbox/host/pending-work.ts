/**
 * Counts the work the host has accepted but not finished, so `settle` can say "nothing is in flight". Work is
 * counted when it is accepted (a push, an emitted product event, an invocation start), never when it starts,
 * so there is no gap in which a follow-up exists but is not yet counted.
 */
export type PendingKind = 'queue' | 'events' | 'invocations';
export type PendingCounts = Record<PendingKind, number>;

/** One queue event not yet finished, as `settle` lists it: what waits, why, and for how long. */
export interface PendingEvent {
  eventId: string;
  queueName: string;
  state: 'waiting' | 'running';
  /** Deliveries so far that asked for a retry or timed out (Forge's `retryContext.retryCount`). */
  retryCount: number;
  retryReason?: string;
  /** Why it is not running now: a retry's back-off, or the delay it was pushed with. */
  delayedBy: 'retry' | 'delay' | null;
  /** Until it is due, in host milliseconds (0 when due or running). */
  dueInMs: number;
  body: unknown;
}

export interface SettleResult {
  settled: boolean;
  ms: number;
  pending: PendingCounts;
  /** Every queue event still pending when `settle` answered, waiting ones first by due time. */
  events: PendingEvent[];
}

export class PendingWork {
  private readonly counts: PendingCounts = { queue: 0, events: 0, invocations: 0 };
  private readonly waiters = new Set<() => void>();
  private describe: () => PendingEvent[] = () => [];

  /** The queue, bound after both exist, lists its own events. */
  describeWith(describe: () => PendingEvent[]): void {
    this.describe = describe;
  }

  add(kind: PendingKind): void {
    this.counts[kind] += 1;
  }

  done(kind: PendingKind): void {
    this.counts[kind] = Math.max(0, this.counts[kind] - 1);
    if (this.idle()) for (const wake of [...this.waiters]) wake();
  }

  /** Drops counted work that will never finish, e.g. queued events discarded at shutdown. */
  forget(kind: PendingKind, n: number): void {
    this.counts[kind] = Math.max(0, this.counts[kind] - n);
    if (this.idle()) for (const wake of [...this.waiters]) wake();
  }

  snapshot(): PendingCounts {
    return { ...this.counts };
  }

  idle(): boolean {
    return this.counts.queue === 0 && this.counts.events === 0 && this.counts.invocations === 0;
  }

  settle(timeoutMs: number): Promise<SettleResult> {
    const started = Date.now();
    const result = (settled: boolean): SettleResult => ({
      settled,
      ms: Date.now() - started,
      pending: this.snapshot(),
      events: this.describe(),
    });
    if (this.idle()) return Promise.resolve(result(true));
    return new Promise((resolve) => {
      const finish = (settled: boolean): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(result(settled));
      };
      const wake = (): void => {
        finish(true);
      };
      const timer = setTimeout(() => {
        finish(false);
      }, timeoutMs);
      this.waiters.add(wake);
    });
  }
}
