/**
 * One function invocation and the AsyncLocalStorage that carries it. The @forge/* packages reach the platform
 * through process-wide globals; the store is how those globals know which invocation (and so which host,
 * principal, deadline and runtime object) a call belongs to when invocations run concurrently.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { ForgeRuntime } from '@forge/api';
import type { ModuleKind } from './manifest';

export interface InvocationSpec {
  functionKey: string;
  moduleKey: string;
  moduleKind: ModuleKind;
  /** The manifest module type as Forge reports it in `appContext.moduleType`, e.g. `core:trigger`. */
  moduleType: string;
  limitMs: number;
  /** The user the invocation runs for (`principal`); absent for triggers, consumers and schedules. */
  accountId?: string;
}

/** What the globals delegate to: the host that started the invocation. */
export interface InvocationPlatform {
  forgeFetch(
    invocation: Invocation,
    target: unknown,
    path: string,
    init: RequestInit | undefined,
  ): Promise<Response>;
  outboundFetch(
    invocation: Invocation,
    input: string | URL | Request,
    init: RequestInit | undefined,
  ): Promise<Response>;
}

/**
 * Thrown into app code that calls the platform after its invocation ended. On Forge the process is frozen or
 * killed at that point, so such a write never lands; here the call is refused so tests can see it would not.
 */
export class InvocationEndedError extends Error {
  constructor(
    readonly invocationId: string,
    readonly reason: 'timeout' | 'returned',
    what: string,
  ) {
    super(
      reason === 'timeout'
        ? `${what} refused: invocation ${invocationId} exceeded its time limit and was stopped (FUNCTION_TIME_OUT)`
        : `${what} refused: invocation ${invocationId} had already returned`,
    );
    this.name = 'InvocationEndedError';
  }
}

type State = 'running' | 'returned' | 'timeout';

export class Invocation {
  readonly id = randomUUID();
  readonly startedAt = Date.now();
  readonly deadline: number;
  private state: State = 'running';
  /** Set by the host right after construction; read through the `__forge_runtime__` global. */
  runtime: ForgeRuntime | undefined;

  constructor(
    readonly spec: InvocationSpec,
    readonly platform: InvocationPlatform,
  ) {
    this.deadline = this.startedAt + spec.limitMs;
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - Date.now());
  }

  get live(): boolean {
    return this.state === 'running';
  }

  get timedOut(): boolean {
    return this.state === 'timeout';
  }

  markTimedOut(): void {
    if (this.state === 'running') this.state = 'timeout';
  }

  markReturned(): void {
    if (this.state === 'running') this.state = 'returned';
  }

  /** Every platform call checks this first; `what` names the call in the error. */
  assertLive(what: string): void {
    if (this.state !== 'running') throw new InvocationEndedError(this.id, this.state, what);
  }
}

export const invocationStorage = new AsyncLocalStorage<Invocation>();

export const currentInvocation = (): Invocation | undefined => invocationStorage.getStore();

/**
 * Runs `fn` with no invocation in scope. Work the platform starts on its own (queue deliveries, product events)
 * must not inherit the context of the invocation whose call happened to cause it.
 */
export const outsideInvocation = <T>(fn: () => T): T => invocationStorage.exit(fn);
