/**
 * The async events queue behind @forge/events: accepts pushes within Forge's limits (push-rules.ts), delivers each event at least
 * once to the consumer module bound to its queue, after its delay, and retries it when the consumer returns an
 * InvocationError or times out, at most four times. Fault injection can deliver an event twice.
 * A consumer that throws is recorded as failed and not retried: only a returned retry request, or a platform
 * failure such as a time-out, makes Forge deliver an event again.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FunctionRunner, RunResult } from './function-runner';
import type { HostClock } from './host-clock';
import type { HostFaults } from './host-faults';
import { outsideInvocation } from './invocation-context';
import {
  BACKGROUND_DEFAULT_LIMIT_MS,
  limitMsFor,
  QUEUE_MAX_RETRIES,
  QUEUE_MAX_RETRY_DATA_BYTES,
} from './limits';
import type { ConsumerModule, FunctionDef } from './manifest';
import type { PendingEvent, PendingWork } from './pending-work';
import { badRequest, bytesOf, checkPush, PushRateWindow, type PlatformReply } from './push-rules';
import {
  asksForRetry,
  JobRequestSchema,
  MIN_RETRY_AFTER_SECONDS,
  PushRequestSchema,
  QueueSnapshotSchema,
  RETRY_REQUEST_REASON,
  RetryAskSchema,
  TIME_OUT_REASON,
  type QueuedEvent,
  type QueueSnapshot,
} from './queue-schemas';

interface JobStats {
  success: number;
  inProgress: number;
  failed: number;
}

export interface QueueDeps {
  consumers: readonly ConsumerModule[];
  functions: ReadonlyMap<string, FunctionDef>;
  runner: FunctionRunner;
  pending: PendingWork;
  faults: HostFaults;
  /** Multiplies `delayInSeconds` and `retryAfter`; below 1 lets tests run retries in milliseconds. */
  delayScale: number;
  /** Due times are on the host's clock, which may skip idle time (host-clock.ts). */
  clock: HostClock;
  /** The second argument of every invocation (install context, no principal: consumers run as the app). */
  contextArg: () => Record<string, unknown>;
  onChange: () => void;
  warn: (line: string) => void;
}

export class SandboxQueue {
  private readonly waiting = new Map<string, { event: QueuedEvent; timer: NodeJS.Timeout }>();
  private readonly inFlight = new Map<string, QueuedEvent>();
  private readonly jobs = new Map<string, JobStats>();
  private readonly rate = new PushRateWindow();
  /** Set by `close()`: what was unfinished then, which later deliveries must not overwrite. */
  private closedWith: QueueSnapshot | undefined;

  constructor(private readonly deps: QueueDeps) {}

  // --- the endpoints @forge/events calls -------------------------------------------------------------------------

  /** `POST /webhook/queue/publish/...`: 201 on success, as @forge/events validatePushAPIResponse expects. */
  publish(raw: unknown): PlatformReply {
    const parsed = PushRequestSchema.safeParse(raw);
    if (!parsed.success) return badRequest(`Invalid push request: ${z.prettifyError(parsed.error)}`);
    const { queueName, jobId, payload } = parsed.data;
    const consumer = this.consumerFor(queueName);
    if (!consumer)
      return badRequest(`No consumer module in the manifest subscribes to queue '${queueName}'.`);
    const refusal = checkPush(payload, this.isLongRunning(consumer));
    if (refusal) return refusal;
    if (!this.rate.admit(payload.length, this.deps.clock.now()))
      return { status: 429, body: { message: 'Too many requests.' } };

    const now = this.deps.clock.now();
    const stats = this.jobStats(jobId);
    for (const event of payload) {
      stats.inProgress += 1;
      this.deps.pending.add('queue');
      this.schedule({
        eventId: randomUUID(),
        jobId,
        queueName,
        body: event.body,
        ...(event.delayInSeconds !== undefined ? { delayInSeconds: event.delayInSeconds } : {}),
        ...(event.concurrency !== undefined ? { concurrency: event.concurrency } : {}),
        retryCount: 0,
        dueAt: now + this.scaled(event.delayInSeconds ?? 0),
      });
    }
    this.changed();
    return { status: 201, body: { jobId } };
  }

  /** `POST /webhook/queue/stats/...`: 200 `{ success, inProgress, failed }`, 404 for an unknown job. */
  stats(raw: unknown): PlatformReply {
    const parsed = JobRequestSchema.safeParse(raw);
    if (!parsed.success) return badRequest(z.prettifyError(parsed.error));
    const stats = this.jobs.get(parsed.data.jobId);
    return stats ? { status: 200, body: { ...stats } } : { status: 404, body: { message: 'Job not found.' } };
  }

  /** `POST /webhook/queue/cancel/...`: 204; events not yet delivered are dropped. */
  cancel(raw: unknown): PlatformReply {
    const parsed = JobRequestSchema.safeParse(raw);
    if (!parsed.success) return badRequest(z.prettifyError(parsed.error));
    const stats = this.jobs.get(parsed.data.jobId);
    if (!stats) return { status: 404, body: { message: 'Job not found.' } };
    for (const [eventId, { event, timer }] of this.waiting) {
      if (event.jobId !== parsed.data.jobId) continue;
      clearTimeout(timer);
      this.waiting.delete(eventId);
      stats.inProgress -= 1;
      this.deps.pending.done('queue');
    }
    this.changed();
    return { status: 204, body: undefined };
  }

  /** What `settle` lists: every event waiting or in flight, with why it waits. */
  describePending(): PendingEvent[] {
    const now = this.deps.clock.now();
    const describe = (event: QueuedEvent, state: PendingEvent['state']): PendingEvent => ({
      eventId: event.eventId,
      queueName: event.queueName,
      state,
      retryCount: event.retryCount,
      ...(event.retryReason !== undefined ? { retryReason: event.retryReason } : {}),
      delayedBy:
        state === 'running'
          ? null
          : event.retryCount > 0
            ? 'retry'
            : (event.delayInSeconds ?? 0) > 0
              ? 'delay'
              : null,
      dueInMs: state === 'running' ? 0 : Math.max(0, event.dueAt - now),
      body: event.body,
    });
    const waiting = [...this.waiting.values()]
      .map((w) => describe(w.event, 'waiting'))
      .sort((a, b) => a.dueInMs - b.dueInMs);
    return [...[...this.inFlight.values()].map((e) => describe(e, 'running')), ...waiting];
  }

  /**
   * When nothing runs and events only wait for their due time, moves the host clock to the earliest one and
   * delivers it now: the wait is idle time. Returns the milliseconds skipped, 0 when something is in flight or
   * nothing waits. The caller checks that no invocation or product event is in flight either.
   */
  skipToNextDue(): number {
    if (this.inFlight.size > 0 || this.waiting.size === 0 || this.closedWith) return 0;
    const earliest = Math.min(...[...this.waiting.values()].map((w) => w.event.dueAt));
    const gap = Math.max(0, earliest - this.deps.clock.now());
    if (gap === 0) return 0;
    this.deps.clock.skip(gap);
    // Every waiting timer was set for the old clock: set it again for the new one.
    const events = [...this.waiting.values()].map((w) => {
      clearTimeout(w.timer);
      return w.event;
    });
    this.waiting.clear();
    for (const event of events) this.schedule(event);
    return gap;
  }

  // --- persistence -------------------------------------------------------------------------------------------------

  /** Events not yet finished, in flight ones included: after a restart they are delivered (again). */
  snapshot(): QueueSnapshot {
    return (
      this.closedWith ?? {
        version: 1,
        events: [...[...this.waiting.values()].map((w) => w.event), ...this.inFlight.values()],
      }
    );
  }

  restore(snapshot: unknown): void {
    const { events } = QueueSnapshotSchema.parse(snapshot);
    for (const event of events) {
      this.jobStats(event.jobId).inProgress += 1;
      this.deps.pending.add('queue');
      this.schedule(event);
    }
  }

  /** Stops all timers; what was waiting stays in `snapshot()` for the next start. */
  close(): QueueSnapshot {
    const snapshot = this.snapshot();
    this.closedWith = snapshot;
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.deps.pending.forget('queue', this.waiting.size);
    this.waiting.clear();
    return snapshot;
  }

  // --- delivery ----------------------------------------------------------------------------------------------------

  private schedule(event: QueuedEvent): void {
    if (this.closedWith) {
      // Stopped: the event is in the snapshot taken at close and is delivered after the next start.
      this.deps.pending.done('queue');
      return;
    }
    const delay = Math.max(0, event.dueAt - this.deps.clock.now());
    // Timers created inside the pushing invocation would carry its context into the consumer's run.
    outsideInvocation(() => {
      const timer = setTimeout(() => {
        this.waiting.delete(event.eventId);
        void this.deliver(event);
      }, delay);
      this.waiting.set(event.eventId, { event, timer });
    });
  }

  private async deliver(event: QueuedEvent): Promise<void> {
    const consumer = this.consumerFor(event.queueName);
    if (!consumer) {
      this.finish(event, 'failed', `no consumer for queue ${event.queueName}`);
      return;
    }
    if (this.deps.faults.shouldDuplicate()) {
      this.deps.pending.add('queue');
      void this.attempt(consumer, event).finally(() => {
        this.deps.pending.done('queue');
      });
    }
    this.inFlight.set(event.eventId, event);
    const result = await this.attempt(consumer, event);
    this.inFlight.delete(event.eventId);
    this.afterAttempt(event, result);
  }

  private afterAttempt(event: QueuedEvent, result: RunResult): void {
    switch (result.outcome) {
      case 'ok':
        this.finish(event, 'success');
        return;
      case 'error':
        this.finish(event, 'failed');
        return;
      case 'timeout':
        this.retry(event, MIN_RETRY_AFTER_SECONDS, TIME_OUT_REASON, undefined);
        return;
      case 'retried': {
        const options = RetryAskSchema.parse(result.value).retryOptions;
        if (options?.retryData !== undefined && bytesOf(options.retryData) > QUEUE_MAX_RETRY_DATA_BYTES) {
          this.finish(event, 'failed', `retryData is larger than ${QUEUE_MAX_RETRY_DATA_BYTES} bytes`);
          return;
        }
        const after = Math.max(MIN_RETRY_AFTER_SECONDS, options?.retryAfter ?? MIN_RETRY_AFTER_SECONDS);
        this.retry(event, after, options?.retryReason ?? RETRY_REQUEST_REASON, options?.retryData);
        return;
      }
    }
  }

  private retry(event: QueuedEvent, afterSeconds: number, reason: string, data: unknown): void {
    if (event.retryCount >= QUEUE_MAX_RETRIES) {
      this.finish(event, 'failed', `gave up after ${QUEUE_MAX_RETRIES} retries`);
      return;
    }
    this.schedule({
      ...event,
      retryCount: event.retryCount + 1,
      retryReason: reason,
      ...(data !== undefined ? { retryData: data } : {}),
      dueAt: this.deps.clock.now() + this.scaled(afterSeconds),
    });
    this.changed();
  }

  private finish(event: QueuedEvent, how: 'success' | 'failed', why?: string): void {
    const stats = this.jobStats(event.jobId);
    stats.inProgress = Math.max(0, stats.inProgress - 1);
    stats[how] += 1;
    if (why !== undefined) this.deps.warn(`queue ${event.queueName}: event ${event.eventId} dropped: ${why}`);
    this.deps.pending.done('queue');
    this.changed();
  }

  private attempt(consumer: ConsumerModule, event: QueuedEvent): Promise<RunResult> {
    const fn = this.deps.functions.get(consumer.function);
    const retryContext =
      event.retryCount > 0
        ? {
            retryContext: {
              retryCount: event.retryCount,
              retryReason: event.retryReason ?? RETRY_REQUEST_REASON,
              retryData: event.retryData,
            },
          }
        : {};
    // AsyncEvent (@forge/events out/types.d.ts): the pushed event plus queueName, jobId, eventId, retryContext.
    const asyncEvent = {
      queueName: event.queueName,
      jobId: event.jobId,
      eventId: event.eventId,
      body: event.body,
      ...(event.delayInSeconds !== undefined ? { delayInSeconds: event.delayInSeconds } : {}),
      ...(event.concurrency !== undefined ? { concurrency: event.concurrency } : {}),
      ...retryContext,
    };
    // The resolver form calls a @forge/resolver definition: `{ call: { functionKey, payload, jobId }, context }`.
    const payload =
      consumer.method === undefined
        ? asyncEvent
        : {
            call: { functionKey: consumer.method, payload: event.body, jobId: event.jobId },
            context: { queueName: event.queueName, eventId: event.eventId, ...retryContext },
          };
    return this.deps.runner.run({
      spec: {
        functionKey: consumer.function,
        moduleKey: consumer.key,
        moduleKind: 'consumer',
        moduleType: 'core:consumer',
        limitMs: limitMsFor('consumer', fn?.timeoutSeconds),
      },
      handler: fn?.handler ?? `missing.${consumer.function}`,
      payload,
      context: this.deps.contextArg(),
      delivery: { eventId: event.eventId, retryCount: event.retryCount },
      asksForRetry,
    });
  }

  // --- helpers -----------------------------------------------------------------------------------------------------

  private changed(): void {
    if (!this.closedWith) this.deps.onChange();
  }

  private consumerFor(queueName: string): ConsumerModule | undefined {
    return this.deps.consumers.find((c) => c.queue === queueName);
  }

  private isLongRunning(consumer: ConsumerModule): boolean {
    return (
      limitMsFor('consumer', this.deps.functions.get(consumer.function)?.timeoutSeconds) >
      BACKGROUND_DEFAULT_LIMIT_MS
    );
  }

  private jobStats(jobId: string): JobStats {
    let stats = this.jobs.get(jobId);
    if (!stats) {
      stats = { success: 0, inProgress: 0, failed: 0 };
      this.jobs.set(jobId, stats);
    }
    return stats;
  }

  private scaled(seconds: number): number {
    return Math.round(seconds * 1000 * this.deps.delayScale);
  }
}
