/**
 * One rate governor per site, shared by every caller in an invocation: it asks `admit` before each call, waits
 * a short pause in the call, hands a long one back to the queue as a retryable `RateLimitPause` (so the one
 * retry decision, work/retry-decision.ts, and the cycle's continuation take it from there), and learns from
 * every answer's headers. What the other invocations need to know (a pause, the reserve reached) goes through
 * `GovernorStore`; pacing of the calls themselves is the `schedule` effect (bottleneck on Forge).
 */
import { TrackerError } from '../errors';
import {
  admit,
  EMPTY_GOVERNOR_STATE,
  observe,
  quotaMoved,
  worthSharing,
  type GovernedCall,
  type GovernorState,
  type Lane,
  type PauseReason,
} from './governor-state';
import type { HeaderSource, RateReading } from './rate-headers';

/** Pauses up to this long are waited out in the call; longer ones go back to the queue. */
export const MAX_INLINE_WAIT_MS = 10_000;
const MAX_INLINE_ATTEMPTS = 5;

export interface GovernorStore {
  load(): Promise<GovernorState | undefined>;
  save(state: GovernorState): Promise<void>;
}

export interface GovernorEffects {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Runs one call in its lane's turn; at once when nothing paces. */
  schedule<T>(lane: Lane, send: () => Promise<T>): Promise<T>;
  read(status: number, headers: HeaderSource, now: number): RateReading;
  store?: GovernorStore;
}

/** A call the governor will not make before `untilMs`: retryable, after that long. */
export class RateLimitPause extends TrackerError {
  readonly reason: PauseReason;
  readonly untilMs: number;

  constructor(label: string, reason: PauseReason, untilMs: number, now: number) {
    const until = new Date(untilMs).toISOString().slice(11, 16);
    super('rate_limited', `waiting for ${label}'s rate limit until ${until} UTC (${describePause(reason)})`, {
      retryAfterMs: Math.max(1000, Math.ceil((untilMs - now) / 1000) * 1000),
    });
    this.name = 'RateLimitPause';
    this.reason = reason;
    this.untilMs = untilMs;
  }
}

function describePause(reason: PauseReason): string {
  switch (reason) {
    case 'quota':
      return 'hourly quota used up';
    case 'quota-reserve':
      return 'the rest of the hourly quota is kept for people’s edits';
    case 'burst':
      return 'too many calls to one endpoint';
    case 'per-issue':
      return 'too many writes to one issue';
  }
}

export interface GovernedAnswer {
  readonly status: number;
  readonly headers: HeaderSource;
}

export class RateGovernor {
  private state: GovernorState = EMPTY_GOVERNOR_STATE;
  /** What storage holds as far as this governor knows: the quota reading is stored again when it moves. */
  private stored: GovernorState = EMPTY_GOVERNOR_STATE;
  private loading: Promise<void> | undefined;

  constructor(
    /** "this Jira site", "remote Jira (…)", for messages. */
    readonly label: string,
    readonly lane: Lane,
    private readonly effects: GovernorEffects,
  ) {}

  /** The state as last learnt: for Activity and tests. */
  get current(): GovernorState {
    return this.state;
  }

  async run<R extends GovernedAnswer>(call: Omit<GovernedCall, 'lane'>, send: () => Promise<R>): Promise<R> {
    await this.load();
    const governed: GovernedCall = { ...call, lane: this.lane };
    for (let attempt = 0; ; attempt++) {
      const now = this.effects.now();
      const admission = admit(this.state, governed, now);
      if (admission.kind === 'wait') {
        const wait = admission.untilMs - now;
        if (wait > MAX_INLINE_WAIT_MS || attempt >= MAX_INLINE_ATTEMPTS)
          throw new RateLimitPause(this.label, admission.reason, admission.untilMs, now);
        // A little jitter keeps the callers that waited together from all asking in the same instant.
        await this.effects.sleep(wait + Math.floor(Math.random() * 50));
        continue;
      }
      const answer = await this.effects.schedule(this.lane, send);
      const at = this.effects.now();
      const reading = this.effects.read(answer.status, answer.headers, at);
      await this.learn(governed, reading, at);
      if (!reading.limited) return answer;
    }
  }

  private async learn(call: GovernedCall, reading: RateReading, now: number): Promise<void> {
    const before = this.state;
    this.state = observe(before, call, reading, now);
    if (!this.effects.store) return;
    if (worthSharing(before, this.state, now) || quotaMoved(this.stored, this.state)) {
      this.stored = this.state;
      await this.effects.store.save(this.state);
    }
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      const stored = await this.effects.store?.load();
      if (stored) this.state = this.stored = stored;
    })();
    return this.loading;
  }
}

/** No pacing and no storage: a governor for one client in tests and tools. */
export function inMemoryEffects(read: GovernorEffects['read']): GovernorEffects {
  return {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    schedule: (_lane, send) => send(),
    read,
  };
}
