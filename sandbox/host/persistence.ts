/**
 * State files under `<stateDir>/state/`, written a moment after the last change (debounced) and atomically
 * (temp file + rename), so a crash mid-write leaves the previous state rather than half a file. With no state
 * directory everything stays in memory, which is what tests want.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export class StateFiles {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly producers = new Map<string, () => unknown>();
  private closed = false;

  constructor(
    private readonly dir: string | null,
    private readonly debounceMs = 250,
  ) {
    if (dir !== null) mkdirSync(dir, { recursive: true });
  }

  get directory(): string | null {
    return this.dir;
  }

  /**
   * Hands the saved `<name>.json` to `load` and says whether there was one. A file that no longer loads, say
   * after an emulator change, stops the start with a message that says how to get going again.
   */
  restore(name: string, load: (saved: unknown) => void): boolean {
    const saved = this.read(name);
    if (saved === undefined) return false;
    try {
      load(saved);
      return true;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(
        `state file ${name}.json in ${this.dir ?? '-'} does not load (${reason}); delete it or start with --reset`,
      );
    }
  }

  /** The parsed JSON of `<name>.json`, or `undefined` when there is none (or no state directory). */
  read(name: string): unknown {
    if (this.dir === null) return undefined;
    const file = path.join(this.dir, `${name}.json`);
    if (!existsSync(file)) return undefined;
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return value;
  }

  /** Asks for `<name>.json` to be rewritten from `produce()` soon; repeated calls coalesce. */
  schedule(name: string, produce: () => unknown): void {
    if (this.dir === null || this.closed) return;
    this.producers.set(name, produce);
    if (this.timers.has(name)) return;
    const timer = setTimeout(() => {
      this.timers.delete(name);
      this.write(name);
    }, this.debounceMs);
    timer.unref();
    this.timers.set(name, timer);
  }

  /** Writes everything scheduled now; called on shutdown. */
  flush(): void {
    for (const [name, timer] of this.timers) {
      clearTimeout(timer);
      this.write(name);
    }
    this.timers.clear();
  }

  /** Writes what is pending and ignores later changes: the host has saved its final state. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  /** Writes `<name>.json` immediately. */
  writeNow(name: string, value: unknown): void {
    if (this.dir === null) return;
    this.producers.set(name, () => value);
    this.write(name);
  }

  private write(name: string): void {
    const produce = this.producers.get(name);
    if (this.dir === null || !produce) return;
    const file = path.join(this.dir, `${name}.json`);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(produce()));
    renameSync(temp, file);
  }
}
