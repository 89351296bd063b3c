/**
 * The queue consumer's failure handling on Forge, around one work item: Forge's errors are classified into
 * the core's contract, `decideRetry` says whether and when, and the answer is Forge's own retry request
 * (a returned InvocationError; a thrown error is not retried, see the async events API's "Retry events").
 * When it stops trying, the failure is written where the admin looks (the connection's Activity), and work
 * that nothing else would restart (a backfill) is queued again; a cycle is restarted by the schedule and a
 * devinfo drain by the inbox sweep, since neither moved its cursor or its inbox.
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import type { WorkItem, WorkQueue } from '../../core/ports';
import { decideRetry, describeGiveUp } from '../../core/work/retry-decision';
import { classifyForgeError } from './classify-forge-error';

export interface Delivery {
  /** 0 on the first delivery. */
  retryCount: number;
}

export interface FailureDeps {
  queue: WorkQueue;
  /** Shows the failure on the connection; it may fail too (storage down), which must not hide the first. */
  recordOnConnection(connectionId: string, code: string, message: string): Promise<void>;
}

/** Forge's longest queue delay: work queued again after all retries waits this long. */
const REQUEUE_DELAY_S = 900;

const connectionIdOf = (item: WorkItem): string | undefined => {
  const body = item.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return typeof body.connectionId === 'string' ? body.connectionId : undefined;
};

export async function consumeWithRetries(
  deps: FailureDeps,
  item: WorkItem,
  delivery: Delivery,
  run: () => Promise<void>,
): Promise<InvocationError | undefined> {
  try {
    await run();
    return undefined;
  } catch (thrown) {
    const err = classifyForgeError(thrown);
    const decision = decideRetry(err, delivery.retryCount);
    if (decision.retry) {
      return new InvocationError({
        retryAfter: decision.afterSeconds,
        retryReason:
          decision.handling.code === 'rate_limited'
            ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED
            : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
    const connectionId = connectionIdOf(item);
    if (connectionId !== undefined) {
      const message = describeGiveUp(decision, delivery.retryCount + 1);
      await deps.recordOnConnection(connectionId, decision.handling.code, message).catch(() => undefined);
    }
    if (decision.why === 'exhausted' && item.kind === 'backfill')
      await deps.queue.push([item], REQUEUE_DELAY_S).catch(() => undefined);
    // Rethrown as well, so the platform's own log holds the failure (STYLE: unexpected errors are rethrown).
    throw err;
  }
}
