/**
 * How many bytes of attachments one invocation holds in memory at once. A copy is downloaded whole and sent
 * again as multipart, so a 50 MB file costs about twice that; four pairs copying at once would pass Forge's
 * default 512 MB per function. Transfers wait their turn instead; a file larger than the budget runs alone.
 */
export const TRANSFER_BUDGET_BYTES = 100 * 1024 * 1024;

export class ByteBudget {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** Runs `fn` once `bytes` fit beside what is in flight (or nothing is), and gives them back after. */
  async run<T>(bytes: number, fn: () => Promise<T>): Promise<T> {
    while (this.inFlight > 0 && this.inFlight + bytes > this.limit)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight += bytes;
    try {
      return await fn();
    } finally {
      this.inFlight -= bytes;
      // Everyone waiting looks again; those that still do not fit wait again.
      for (const wake of this.waiting.splice(0)) wake();
    }
  }
}
