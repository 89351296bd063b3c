/**
 * Scheduled triggers: each module runs at its manifest interval divided by `speed` (60 turns `fiveMinute` into
 * every 5 s), or only when asked (`runNow`) when speed is off. Like Forge, the first run comes one interval
 * after start, and a run that fails is not retried.
 */
import type { FunctionRunner, RunResult } from './function-runner';
import { outsideInvocation } from './invocation-context';
import { limitMsFor, SCHEDULE_INTERVAL_MS } from './limits';
import type { FunctionDef, ScheduledModule } from './manifest';

export interface SchedulerDeps {
  modules: readonly ScheduledModule[];
  functions: ReadonlyMap<string, FunctionDef>;
  runner: FunctionRunner;
  cloudId: string;
  /** Interval divisor; `null` or 0 = no automatic runs. */
  speed: number | null;
  contextArg: () => Record<string, unknown>;
}

export class Scheduler {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    const { speed } = this.deps;
    if (speed === null || speed <= 0 || this.timers.length > 0) return;
    for (const module of this.deps.modules) {
      const every = Math.max(50, SCHEDULE_INTERVAL_MS[module.interval] / speed);
      outsideInvocation(() => {
        const timer = setInterval(() => {
          void this.run(module);
        }, every);
        timer.unref();
        this.timers.push(timer);
      });
    }
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  has(key: string): boolean {
    return this.deps.modules.some((m) => m.key === key);
  }

  runNow(key: string): Promise<RunResult> {
    const module = this.deps.modules.find((m) => m.key === key);
    if (!module) return Promise.reject(new Error(`no scheduledTrigger module '${key}'`));
    return outsideInvocation(() => this.run(module));
  }

  /** Forge's scheduled trigger request: `{ context: { cloudId, moduleKey }, contextToken }`. */
  private run(module: ScheduledModule): Promise<RunResult> {
    const fn = this.deps.functions.get(module.function);
    return this.deps.runner.run({
      spec: {
        functionKey: module.function,
        moduleKey: module.key,
        moduleKind: 'scheduledTrigger',
        moduleType: 'core:scheduledTrigger',
        limitMs: limitMsFor('scheduledTrigger', fn?.timeoutSeconds),
      },
      handler: fn?.handler ?? `missing.${module.function}`,
      payload: {
        context: { cloudId: this.deps.cloudId, moduleKey: module.key },
        contextToken: 'sandbox-context-token',
      },
      context: this.deps.contextArg(),
    });
  }
}
