/**
 * Queue consumer for sync work. Delivery is at least once, so the work item runner must be idempotent;
 * this adapter only parses the Forge async event and passes the item on with its delivery facts.
 */
import { z } from 'zod';
import type { WorkItem } from '../../core/ports';
import { JsonSchema } from '../../core/schema/rules';
import { licenseStateOf, type LicenseState } from '../../core/licensing/license-state';
import { runWorkItem } from '../../platform/forge-app';
import { parseInput } from '../shared/parse-input';

/** What the platform's WorkQueue pushes as the event body. */
const WorkItemSchema = z.strictObject({ kind: z.string().min(1), body: JsonSchema });

/** Forge's AsyncEvent: `{ body, queueName, jobId, eventId, retryContext? }`. */
const SyncWorkEventSchema = z.looseObject({
  body: WorkItemSchema,
  queueName: z.string().min(1),
  jobId: z.string().min(1),
  eventId: z.string().min(1),
  retryContext: z.looseObject({ retryCount: z.number().int().nonnegative() }).optional(),
});

export interface Delivery {
  jobId: string;
  eventId: string;
  /** 0 on the first delivery. */
  retryCount: number;
}

export interface SyncWorkDeps {
  /** Resolves to Forge's retry request (an InvocationError) when the item should be delivered again. */
  runWorkItem(item: WorkItem, delivery: Delivery, license: LicenseState): Promise<unknown>;
}

export const makeSyncWorkHandler =
  (deps: SyncWorkDeps) =>
  async (event: unknown, context?: unknown): Promise<unknown> => {
    const parsed = parseInput(SyncWorkEventSchema, event, 'sync work event');
    // Returned, not awaited away: Forge retries an event only when its consumer returns the InvocationError.
    return deps.runWorkItem(
      parsed.body,
      {
        jobId: parsed.jobId,
        eventId: parsed.eventId,
        retryCount: parsed.retryContext?.retryCount ?? 0,
      },
      licenseStateOf(context),
    );
  };

export const onSyncWork = makeSyncWorkHandler({ runWorkItem });
