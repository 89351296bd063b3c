/**
 * One project's analytics export as stored: whether it is on, its secret's rotation, the backfill's progress
 * and the last export. The secret itself is in Forge secret storage, never in this record.
 */
import { z } from 'zod';
import { MonthSchema } from './export-manifest';

export const BackfillProgressSchema = z.strictObject({
  state: z.enum(['running', 'done']),
  startedAt: z.string(),
  /** Every month from the oldest issue's to the month the backfill started in. */
  months: z.array(MonthSchema),
  /** How many of `months` are written, in order: the backfill resumes at the next one. */
  monthsDone: z.number().int().nonnegative(),
  issuesExported: z.number().int().nonnegative(),
  finishedAt: z.string().optional(),
});
export type BackfillProgress = z.infer<typeof BackfillProgressSchema>;

export const ExportConfigSchema = z.strictObject({
  /** The project key; also the first segment of the export's URL path. */
  exportId: z.string().min(1),
  enabled: z.boolean(),
  createdAt: z.string(),
  secretRotatedAt: z.string().optional(),
  /** Until then the previous secret opens the export too (a rotation's grace period). */
  previousSecretValidUntil: z.string().optional(),
  lastExportAt: z.string().optional(),
  /** The last month export's failure, shown in Settings until a later export succeeds. */
  lastError: z.string().optional(),
  backfill: BackfillProgressSchema.optional(),
  /** When the last self-healing scan began: the next asks Jira for the changes since (stale-months.ts). */
  scannedAt: z.string().optional(),
});
export type ExportConfig = z.infer<typeof ExportConfigSchema>;

/** Queue work of the export. Small and naming what to do, never the data, like every work item. */
export const AnalyticsWorkSchema = z.strictObject({
  kind: z.literal('analytics'),
  body: z.discriminatedUnion('task', [
    /** Walk the project's months from the oldest, resuming where the progress says. */
    z.strictObject({ task: z.literal('backfill'), exportId: z.string().min(1) }),
    /** Re-export one month (events on its issues, coalesced). */
    z.strictObject({ task: z.literal('month'), exportId: z.string().min(1), month: MonthSchema }),
    /** The self-healing scan: re-export the months whose files miss a change that sent no event. */
    z.strictObject({ task: z.literal('scan'), exportId: z.string().min(1) }),
    /** An event named an issue but not its creation time: find its month first. */
    z.strictObject({
      task: z.literal('locate'),
      exportId: z.string().min(1),
      issueId: z.string().min(1),
    }),
  ]),
});
export type AnalyticsWork = z.infer<typeof AnalyticsWorkSchema>;
