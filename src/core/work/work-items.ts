/**
 * The work that travels through the queue. Each item is small and names what to do, never the data:
 * a consumer always reads the current state, so a late or repeated delivery does no harm.
 */
import { z } from 'zod';
import { ConnectionIdSchema } from '../schema/connection';
import { FieldPathSchema } from '../schema/rules';
import { IntegrationIdSchema } from '../devinfo/integration';
import { AnalyticsWorkSchema } from '../analytics/export-config';

/** Ids a follow-up carries per side: well inside the queue's 200 KB payload; the hourly full scan does the rest. */
export const MAX_FOLLOW_UP_IDS = 1000;

/**
 * Follow-ups in a row: Jira's tree has three levels, so a sub-task's copy waits for its story's, which waits
 * for its epic's. Epics are copied by the cycle, stories by its follow-up, sub-tasks by the follow-up's own.
 */
export const MAX_FOLLOW_UP_CHAIN = 2;

export const CycleWorkSchema = z.strictObject({
  kind: z.literal('cycle'),
  body: z.strictObject({
    connectionId: ConnectionIdSchema,
    /** Why it runs: shown in activity, useful in logs. */
    reason: z.enum(['schedule', 'event', 'continuation', 'manual', 'busy-retry', 'follow-up', 'webhook']),
    /** How many times in a row this cycle found the connection busy: it sets the wait, never a cap. */
    busyRetries: z.number().int().min(0).default(0),
    /**
     * Only these issues, by id per side: a follow-up, or the remote issues a verified webhook named, read at
     * once rather than at the schedule's listing. Cursors stay where they are, so the schedule still sees
     * everything. Absent: what changed since the cursors.
     */
    issues: z
      .strictObject({
        local: z.array(z.string().min(1).max(200)).max(MAX_FOLLOW_UP_IDS),
        remote: z.array(z.string().min(1).max(200)).max(MAX_FOLLOW_UP_IDS),
      })
      .optional(),
    /** Which follow-up in a row this is (absent: the first); see MAX_FOLLOW_UP_CHAIN. */
    followUpDepth: z.number().int().min(1).max(MAX_FOLLOW_UP_CHAIN).optional(),
  }),
});

/** Bulk connect, asked for by an admin: link matching issues, then a full cycle. */
export const BackfillWorkSchema = z.strictObject({
  kind: z.literal('backfill'),
  body: z.strictObject({
    connectionId: ConnectionIdSchema,
    match: z.strictObject({ local: FieldPathSchema, remote: FieldPathSchema }),
  }),
});

/**
 * Dev info: drain the inbox of received git webhooks (the deliveries themselves wait in KVS), or take
 * the next step of an automatic webhook installation.
 */
export const DevInfoWorkSchema = z.strictObject({
  kind: z.literal('devinfo'),
  body: z.discriminatedUnion('task', [
    z.strictObject({
      task: z.literal('drain'),
      reason: z.enum(['delivery', 'continuation', 'sweep', 'busy']),
      busyRetries: z.number().int().min(0).default(0),
    }),
    z.strictObject({ task: z.literal('install'), integrationId: IntegrationIdSchema }),
  ]),
});

export const WorkItemSchema = z.discriminatedUnion('kind', [
  CycleWorkSchema,
  BackfillWorkSchema,
  DevInfoWorkSchema,
  AnalyticsWorkSchema,
]);
export type DevInfoWork = z.infer<typeof DevInfoWorkSchema>;
export type BackfillWork = z.infer<typeof BackfillWorkSchema>;
export type CycleWork = z.infer<typeof CycleWorkSchema>;
export type TandemWorkItem = z.infer<typeof WorkItemSchema>;
