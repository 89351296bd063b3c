/**
 * Wire shapes of the async events API as @forge/events 3.0.8 speaks it: the push request built in
 * out/queue.js (`{ queueName, jobId, type, schema, payload: PushEvent[], time }`), the stats and cancel
 * requests in out/jobProgress.js, and what a consumer returns to ask for a retry: `new InvocationError(...)`
 * whose constructor returns `{ _retry: true, retryOptions }` (out/invocationError.js), or a QueueResponse on
 * which `.retry()` was called (out/queueResponse.js).
 */
import { z } from 'zod';

const BodySchema = z.record(z.string(), z.unknown());

export const PushEventSchema = z.looseObject({
  body: BodySchema,
  delayInSeconds: z.number().optional(),
  concurrency: z.looseObject({ key: z.string(), limit: z.number() }).optional(),
});
export type PushEvent = z.infer<typeof PushEventSchema>;

export const PushRequestSchema = z.looseObject({
  queueName: z.string(),
  jobId: z.string().min(1),
  type: z.string().optional(),
  schema: z.string().optional(),
  payload: z.array(PushEventSchema),
  time: z.string().optional(),
});

export const JobRequestSchema = z.looseObject({ queueName: z.string(), jobId: z.string().min(1) });

export const RetryAskSchema = z.looseObject({
  _retry: z.literal(true),
  retryOptions: z
    .looseObject({
      retryAfter: z.number().optional(),
      retryReason: z.string().optional(),
      retryData: z.unknown().optional(),
    })
    .optional(),
});

/** @forge/events out/retryOptions.js: MIN_RETRY_AFTER = 1, default reason FUNCTION_RETRY_REQUEST. */
export const MIN_RETRY_AFTER_SECONDS = 1;
export const RETRY_REQUEST_REASON = 'FUNCTION_RETRY_REQUEST';
/** @forge/events out/invocationErrorCode.js: the reason the platform gives when it retries a timed-out run. */
export const TIME_OUT_REASON = 'FUNCTION_TIME_OUT';

export const asksForRetry = (value: unknown): boolean => RetryAskSchema.safeParse(value).success;

/** A queued event as the host keeps it (and persists it across restarts). */
export const QueuedEventSchema = z.object({
  eventId: z.string(),
  jobId: z.string(),
  queueName: z.string(),
  body: BodySchema,
  delayInSeconds: z.number().optional(),
  concurrency: z.looseObject({ key: z.string(), limit: z.number() }).optional(),
  retryCount: z.number().int().nonnegative(),
  retryReason: z.string().optional(),
  retryData: z.unknown().optional(),
  dueAt: z.number(),
});
export type QueuedEvent = z.infer<typeof QueuedEventSchema>;

export const QueueSnapshotSchema = z.object({
  version: z.literal(1),
  events: z.array(QueuedEventSchema),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshotSchema>;
