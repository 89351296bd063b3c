/**
 * The work that travels through the queue. Each item is small and names what to do, never the data:
 * a consumer always reads the current state, so a late or repeated delivery does no harm.
 */
import { z } from 'zod';
import { ConnectionIdSchema } from '../schema/connection';

export const CycleWorkSchema = z.strictObject({
  kind: z.literal('cycle'),
  body: z.strictObject({
    connectionId: ConnectionIdSchema,
    /** Why it runs: shown in activity, useful in logs. */
    reason: z.enum(['schedule', 'event', 'continuation', 'manual', 'busy-retry']),
    /** How many times in a row this cycle found the connection busy; bounded, then the schedule takes over. */
    busyRetries: z.number().int().min(0).default(0),
  }),
});

export const WorkItemSchema = z.discriminatedUnion('kind', [CycleWorkSchema]);
export type CycleWork = z.infer<typeof CycleWorkSchema>;
export type TandemWorkItem = z.infer<typeof WorkItemSchema>;
