/**
 * Jira product events → `trigger` modules. The emulator reports each change after answering the request that
 * made it; the bridge invokes every trigger whose `events` list the event type, asynchronously as Forge does,
 * with the payload the emulator built from the Forge events reference. Triggers with `filter.ignoreSelf` skip
 * changes the app itself made (asApp); asUser changes are the user's and do fire them.
 * Only the local site's events count: the app is installed there, the other sites are "remote" trackers.
 */
import type { JiraEmulator, JiraProductEvent } from '../jira';
import type { FunctionRunner } from './function-runner';
import { outsideInvocation } from './invocation-context';
import { limitMsFor } from './limits';
import type { FunctionDef, TriggerModule } from './manifest';
import type { PendingWork } from './pending-work';

export interface EventsBridgeDeps {
  emulator: JiraEmulator;
  localSite: string;
  triggers: readonly TriggerModule[];
  functions: ReadonlyMap<string, FunctionDef>;
  runner: FunctionRunner;
  pending: PendingWork;
  contextArg: () => Record<string, unknown>;
}

export interface ProductEventCounts {
  received: number;
  delivered: number;
  ignoredSelf: number;
}

export class EventsBridge {
  private readonly counts: ProductEventCounts = { received: 0, delivered: 0, ignoredSelf: 0 };
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: EventsBridgeDeps) {}

  start(): void {
    this.unsubscribe ??= this.deps.emulator.onEvent((event) => {
      this.onEvent(event);
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  get stats(): ProductEventCounts {
    return { ...this.counts };
  }

  private onEvent(event: JiraProductEvent): void {
    if (event.site !== this.deps.localSite) return;
    this.counts.received += 1;
    for (const trigger of this.deps.triggers) {
      if (!trigger.events.includes(event.eventType)) continue;
      if (trigger.ignoreSelf && event.byApp) {
        this.counts.ignoredSelf += 1;
        continue;
      }
      this.deps.pending.add('events');
      // The emulator calls listeners inside the request that made the change, which may be an invocation.
      outsideInvocation(() => {
        setImmediate(() => {
          void this.deliver(trigger, event).finally(() => {
            this.deps.pending.done('events');
          });
        });
      });
    }
  }

  private async deliver(trigger: TriggerModule, event: JiraProductEvent): Promise<void> {
    const fn = this.deps.functions.get(trigger.function);
    this.counts.delivered += 1;
    await this.deps.runner.run({
      spec: {
        functionKey: trigger.function,
        moduleKey: trigger.key,
        moduleKind: 'trigger',
        moduleType: 'core:trigger',
        limitMs: limitMsFor('trigger', fn?.timeoutSeconds),
      },
      handler: fn?.handler ?? `missing.${trigger.function}`,
      payload: structuredClone(event.payload),
      context: this.deps.contextArg(),
    });
  }
}
