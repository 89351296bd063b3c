/**
 * One running UI Kit app: the resource's bundle evaluated in its own vm context, the way Forge runs a UI Kit
 * resource in its own sandboxed frame. A fresh context per page view means a fresh copy of React, of the
 * reconciler and of the app's module state, so two views of the same issue (or two people) share nothing.
 *
 * The context's global has `self` (the reconciler calls `self.__bridge.callBridge('reconcile', …)`) and
 * `__bridge` (@forge/bridge's `getCallBridge()` reads `globalThis.__bridge.callBridge` when its modules load,
 * out/bridge.js). Timers are wrapped so the host can tell when the app has gone quiet ("settled").
 */
import { randomUUID } from 'node:crypto';
import vm from 'node:vm';
import { describeError } from '../errors';
import { readForgeDoc, type ForgeDocSnapshot } from './forge-doc';

/** Answers the app's bridge calls other than `reconcile`. */
export type BridgeCall = (name: string, payload: unknown) => Promise<unknown>;

/** Timers up to this long count as "still working"; longer ones are polls and must not block settling. */
const SHORT_TIMER_MS = 1_000;
/** Top-level evaluation limit: an app stuck in a loop while loading must not hang the server. */
const EVAL_TIMEOUT_MS = 5_000;
const MAX_ERRORS = 20;

type TimerEntry =
  | { kind: 'timeout'; handle: NodeJS.Timeout; short: boolean }
  | { kind: 'interval'; handle: NodeJS.Timeout }
  | { kind: 'immediate'; handle: NodeJS.Immediate };

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

export class UiKitInstance {
  readonly id = randomUUID();
  /** Bumped on every `reconcile`; the page uses it to tell a newer rendering from an older one. */
  version = 0;
  lastUsed = Date.now();
  readonly errors: string[] = [];
  private forgeDoc: unknown;
  private pendingCalls = 0;
  private readonly timers = new Map<unknown, TimerEntry>();
  private disposed = false;
  private serial: Promise<unknown> = Promise.resolve();

  constructor(
    script: vm.Script,
    private readonly answer: BridgeCall,
    readonly label: string,
  ) {
    const context = vm.createContext(this.globals(), { name: `UI Kit: ${label}` });
    try {
      script.runInContext(context, { timeout: EVAL_TIMEOUT_MS });
    } catch (err) {
      this.recordError(`loading the app failed: ${describeError(err)}`);
    }
  }

  snapshot(): ForgeDocSnapshot {
    return readForgeDoc(this.forgeDoc);
  }

  get busy(): boolean {
    return (
      this.pendingCalls > 0 ||
      [...this.timers.values()].some((t) => t.kind === 'immediate' || (t.kind === 'timeout' && t.short))
    );
  }

  /** Waits until no bridge call and no short timer is outstanding (twice in a row), or `maxMs` passes. */
  async settle(maxMs: number): Promise<boolean> {
    const deadline = Date.now() + maxMs;
    let quietRounds = 0;
    while (Date.now() < deadline) {
      if (this.busy) {
        quietRounds = 0;
        await sleep(5);
      } else {
        quietRounds += 1;
        if (quietRounds >= 2) return true;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    return !this.busy;
  }

  /**
   * Calls the handler the page clicked, one event at a time per instance (a person cannot click twice at once,
   * and two racing handlers would interleave their state updates). Returns false when the id is stale.
   */
  fire(handlerId: string, args: readonly unknown[]): Promise<boolean> {
    const run = async (): Promise<boolean> => {
      this.lastUsed = Date.now();
      const fn = this.snapshot().handlers.get(handlerId);
      if (typeof fn !== 'function') return false;
      try {
        const result: unknown = Reflect.apply(fn, undefined, [...args]);
        if (
          typeof result === 'object' &&
          result !== null &&
          typeof Reflect.get(result, 'then') === 'function'
        ) {
          await Promise.resolve(result).catch((err: unknown) => {
            this.recordError(`event handler failed: ${describeError(err)}`);
          });
        }
      } catch (err) {
        this.recordError(`event handler failed: ${describeError(err)}`);
      }
      return true;
    };
    const next = this.serial.then(run, run);
    this.serial = next.catch(() => undefined);
    return next;
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) {
      if (timer.kind === 'immediate') clearImmediate(timer.handle);
      else clearTimeout(timer.handle);
    }
    this.timers.clear();
  }

  private recordError(message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push(message);
  }

  /** Runs app code from a host timer; a throw becomes a recorded error instead of an uncaught exception. */
  private guarded(fn: unknown, args: readonly unknown[]): void {
    if (this.disposed || typeof fn !== 'function') return;
    try {
      Reflect.apply(fn, undefined, [...args]);
    } catch (err) {
      this.recordError(describeError(err));
    }
  }

  private callBridge = (name: unknown, payload: unknown): Promise<unknown> => {
    if (name === 'reconcile') {
      this.forgeDoc =
        typeof payload === 'object' && payload !== null ? Reflect.get(payload, 'forgeDoc') : undefined;
      this.version += 1;
      return Promise.resolve(undefined);
    }
    if (name === 'onError') {
      const error: unknown =
        typeof payload === 'object' && payload !== null ? Reflect.get(payload, 'error') : payload;
      this.recordError(`render error: ${describeError(error)}`);
      return Promise.resolve(undefined);
    }
    this.pendingCalls += 1;
    return this.answer(String(name), payload).finally(() => {
      this.pendingCalls -= 1;
    });
  };

  private globals(): Record<string, unknown> {
    const timers = this.timers;
    const g: Record<string, unknown> = {
      console,
      queueMicrotask,
      structuredClone,
      crypto: globalThis.crypto,
      performance,
      URL,
      URLSearchParams,
      TextEncoder,
      TextDecoder,
      AbortController,
      Blob,
      Headers,
      Request,
      Response,
      atob,
      btoa,
      setTimeout: (fn: unknown, ms?: unknown, ...args: unknown[]) => {
        const delay = typeof ms === 'number' && Number.isFinite(ms) ? Math.max(0, ms) : 0;
        const handle = setTimeout(() => {
          timers.delete(handle);
          this.guarded(fn, args);
        }, delay);
        handle.unref();
        timers.set(handle, { kind: 'timeout', handle, short: delay <= SHORT_TIMER_MS });
        return handle;
      },
      setInterval: (fn: unknown, ms?: unknown, ...args: unknown[]) => {
        const delay = typeof ms === 'number' && Number.isFinite(ms) ? Math.max(1, ms) : 1;
        const handle = setInterval(() => {
          this.guarded(fn, args);
        }, delay);
        handle.unref();
        timers.set(handle, { kind: 'interval', handle });
        return handle;
      },
      setImmediate: (fn: unknown, ...args: unknown[]) => {
        const handle = setImmediate(() => {
          timers.delete(handle);
          this.guarded(fn, args);
        });
        handle.unref();
        timers.set(handle, { kind: 'immediate', handle });
        return handle;
      },
      clearTimeout: (handle: unknown) => {
        this.clear(handle);
      },
      clearInterval: (handle: unknown) => {
        this.clear(handle);
      },
      clearImmediate: (handle: unknown) => {
        this.clear(handle);
      },
      __bridge: { callBridge: this.callBridge },
    };
    g.self = g;
    return g;
  }

  private clear(handle: unknown): void {
    const timer = this.timers.get(handle);
    if (!timer) return;
    this.timers.delete(handle);
    if (timer.kind === 'immediate') clearImmediate(timer.handle);
    else clearTimeout(timer.handle);
  }
}
