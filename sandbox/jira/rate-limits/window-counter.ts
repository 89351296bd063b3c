/**
 * A fixed window that opens at the first use after the previous one closed. Jira reports the quota as
 * "remaining r, reset in t seconds" (`Beta-RateLimit`), which is what a fixed window answers.
 */
export class WindowCounter {
  private start: number | null = null;
  private used = 0;

  constructor(private readonly windowMs: () => number) {}

  private roll(now: number): void {
    if (this.start !== null && now - this.start >= this.windowMs()) {
      this.start = null;
      this.used = 0;
    }
  }

  usedAt(now: number): number {
    this.roll(now);
    return this.used;
  }

  /** When the current window closes; `now + window` when none is open (the next use opens one). */
  resetAt(now: number): number {
    this.roll(now);
    return (this.start ?? now) + this.windowMs();
  }

  add(now: number, amount: number): void {
    this.roll(now);
    this.start ??= now;
    this.used += amount;
  }
}
