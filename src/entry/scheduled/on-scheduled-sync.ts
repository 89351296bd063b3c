/**
 * Scheduled trigger (every five minutes): starts a sync cycle for every enabled connection. Starting
 * means queueing; the consumer runs the cycles within its own, longer time limit.
 */
import { z } from 'zod';
import { licenseStateOf, type LicenseState } from '../../core/licensing/license-state';
import { startScheduledCycles } from '../../platform/forge-app';
import { parseInput } from '../shared/parse-input';

/** Forge's scheduled trigger request: `{ context: { cloudId, moduleKey }, contextToken }`. */
const ScheduledRequestSchema = z.looseObject({
  context: z.looseObject({ cloudId: z.string().min(1), moduleKey: z.string().min(1) }),
});

export interface ScheduledTick {
  cloudId: string;
  moduleKey: string;
}

export interface ScheduledSyncDeps {
  startCycles(tick: ScheduledTick, license: LicenseState): Promise<void>;
}

/** The platform counts 204 as success and any 5xx as a failure. */
export interface ScheduledTriggerResponse {
  statusCode: number;
}

export const makeScheduledSyncHandler =
  (deps: ScheduledSyncDeps) =>
  async (request: unknown, invocationContext?: unknown): Promise<ScheduledTriggerResponse> => {
    const { context } = parseInput(ScheduledRequestSchema, request, 'scheduled trigger request');
    const tick = { cloudId: context.cloudId, moduleKey: context.moduleKey };
    await deps.startCycles(tick, licenseStateOf(invocationContext));
    return { statusCode: 204 };
  };

export const onScheduledSync = makeScheduledSyncHandler({
  startCycles: (_tick, license) => startScheduledCycles(license),
});
