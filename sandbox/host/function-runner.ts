/**
 * Runs one function invocation the way Forge does: its own runtime context, a hard time limit, and no platform
 * access once it has returned or run out of time. JavaScript cannot kill a promise, so a timed-out handler keeps
 * running in the background; every platform call it then makes is refused (Invocation.assertLive), which is
 * what the app would observe on Forge, where the process is stopped.
 */
import type { License } from './license';
import { buildRuntime, type Installation } from './forge-runtime';
import type { HandlerRegistry } from './handlers';
import type { HostFaults } from './host-faults';
import {
  Invocation,
  invocationStorage,
  type InvocationPlatform,
  type InvocationSpec,
} from './invocation-context';
import type { InvocationLog, InvocationOutcome, InvocationRecord } from './invocation-log';
import type { PendingWork } from './pending-work';

export interface RunRequest {
  spec: Omit<InvocationSpec, 'limitMs'> & { limitMs: number };
  handler: string;
  /** The two arguments Forge passes: the module's payload and the invocation context. */
  payload: unknown;
  context: unknown;
  /** For queue deliveries, so the log ties attempts to their event. */
  delivery?: { eventId: string; retryCount: number };
  /** Consumers: whether the returned value asks for a retry. */
  asksForRetry?: (value: unknown) => boolean;
}

export type RunResult =
  | { outcome: 'ok' | 'retried'; value: unknown; record: InvocationRecord }
  | { outcome: 'error'; error: unknown; record: InvocationRecord }
  | { outcome: 'timeout'; record: InvocationRecord };

export interface RunnerDeps {
  handlers: HandlerRegistry;
  install: Installation;
  proxyUrl: () => string;
  /** The install's license at the moment an invocation starts (sandbox/host/license.ts). */
  license: () => License | undefined;
  platform: InvocationPlatform;
  pending: PendingWork;
  log: InvocationLog;
  faults: HostFaults;
  warn: (line: string) => void;
}

type Settled = { kind: 'value'; value: unknown } | { kind: 'error'; error: unknown } | { kind: 'timeout' };

export const describeError = (error: unknown): string =>
  error instanceof Error
    ? `${error.name}: ${error.message}`
    : typeof error === 'string'
      ? error
      : JSON.stringify(error);

export class FunctionRunner {
  constructor(private readonly deps: RunnerDeps) {}

  async run(request: RunRequest): Promise<RunResult> {
    const { deps } = this;
    const invocation = new Invocation(request.spec, deps.platform);
    invocation.runtime = buildRuntime(invocation, deps.install, deps.proxyUrl(), deps.license());
    const limit = deps.faults.effectiveLimit(request.spec.limitMs);
    const rssAtStart = process.memoryUsage.rss();
    deps.pending.add('invocations');

    let timer: NodeJS.Timeout | undefined;
    const running = invocationStorage.run(invocation, async () => {
      const fn = await deps.handlers.resolve(request.handler);
      return fn(request.payload, request.context);
    });
    const timedOut = new Promise<Settled>((resolve) => {
      timer = setTimeout(() => {
        resolve({ kind: 'timeout' });
      }, limit.ms);
    });
    let settled: Settled;
    try {
      settled = await Promise.race([
        running.then(
          (value): Settled => ({ kind: 'value', value }),
          (error: unknown): Settled => ({ kind: 'error', error }),
        ),
        timedOut,
      ]);
    } finally {
      clearTimeout(timer);
    }

    if (settled.kind === 'timeout') invocation.markTimedOut();
    else invocation.markReturned();

    const outcome: InvocationOutcome =
      settled.kind === 'timeout'
        ? 'timeout'
        : settled.kind === 'error'
          ? 'error'
          : request.asksForRetry?.(settled.value) === true
            ? 'retried'
            : 'ok';
    const record = deps.log.record({
      id: invocation.id,
      functionKey: request.spec.functionKey,
      moduleKey: request.spec.moduleKey,
      moduleKind: request.spec.moduleKind,
      startedAt: new Date(invocation.startedAt).toISOString(),
      ms: Date.now() - invocation.startedAt,
      limitMs: request.spec.limitMs,
      outcome,
      ...(settled.kind === 'error' ? { error: describeError(settled.error) } : {}),
      ...(settled.kind === 'timeout' && limit.killed ? { killed: true } : {}),
      ...(request.delivery ?? {}),
      rssPeakBytes: Math.max(rssAtStart, process.memoryUsage.rss()),
    });
    deps.pending.done('invocations');

    const where = `${request.spec.moduleKind} ${request.spec.moduleKey} (${request.spec.functionKey})`;
    switch (settled.kind) {
      case 'timeout':
        deps.warn(
          `${where} ${limit.killed ? 'killed by fault injection' : 'timed out'} after ${limit.ms} ms`,
        );
        // The handler may still settle later; nobody awaits it, so its failure must not become unhandled.
        running.catch((error: unknown) => {
          deps.warn(`${where} failed after its time-out: ${describeError(error)}`);
        });
        return { outcome: 'timeout', record };
      case 'error':
        deps.warn(`${where} failed: ${describeError(settled.error)}`);
        return { outcome: 'error', error: settled.error, record };
      case 'value':
        return { outcome: outcome === 'retried' ? 'retried' : 'ok', value: settled.value, record };
    }
  }
}
