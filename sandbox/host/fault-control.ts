/**
 * `POST /_sandbox/api/faults`: one body for both sides. Jira-side faults (latency, error rate) are forwarded
 * to the emulator, per site or for every site; the host keeps duplicate deliveries, early kills and KVS
 * refusals. `burstPerSecond` is kept for old callers: it sets the burst figure of Jira's rate limits
 * (per endpoint and method; `/_sandbox/api/rate-limits` has all of them).
 */
import { z } from 'zod';
import type { FaultSettings, JiraEmulator } from '../jira';
import { KVS_FAULT_STATUSES, type HostFaults, type HostFaultSettings } from './host-faults';

export const FaultsBodySchema = z.strictObject({
  latencyMs: z.number().int().min(0).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  burstPerSecond: z.number().int().positive().nullable().optional(),
  duplicateDeliveryRate: z.number().min(0).max(1).optional(),
  killInvocationAfterMs: z.number().int().positive().nullable().optional(),
  /** Only this share of invocations is killed, each at a random time from `killMinMs` to `killInvocationAfterMs`. */
  killRate: z.number().min(0).max(1).optional(),
  killMinMs: z.number().int().min(0).optional(),
  seed: z.number().int().optional(),
  /** KVS calls refused with `kvsStatus` (429 or 5xx), for every function or only `kvsFunctionKey`. */
  kvsErrorRate: z.number().min(0).max(1).optional(),
  kvsStatus: z.union(KVS_FAULT_STATUSES.map((s) => z.literal(s))).optional(),
  kvsFailNext: z.number().int().min(0).optional(),
  kvsFunctionKey: z.string().min(1).nullable().optional(),
  /** Limit the Jira-side faults to one site; all sites otherwise. */
  site: z.string().optional(),
});
export type FaultsBody = z.infer<typeof FaultsBodySchema>;

export interface FaultsView {
  host: HostFaultSettings;
  jira: Record<string, Partial<FaultSettings>>;
}

export class FaultControl {
  private readonly jira = new Map<string, Partial<FaultSettings>>();

  constructor(
    private readonly emulator: JiraEmulator,
    private readonly host: HostFaults,
  ) {}

  /** Applies the change; returns an error message when it names an unknown site. */
  update(body: FaultsBody): string | undefined {
    const sites = body.site === undefined ? this.emulator.siteNames() : [body.site];
    if (body.site !== undefined && !this.emulator.siteNames().includes(body.site))
      return `no site '${body.site}'`;
    const jiraChange: Partial<FaultSettings> = {
      ...(body.latencyMs !== undefined ? { latencyMs: body.latencyMs } : {}),
      ...(body.errorRate !== undefined ? { errorRate: body.errorRate } : {}),
      ...(body.seed !== undefined ? { seed: body.seed } : {}),
    };
    if (body.burstPerSecond !== undefined)
      for (const site of sites) this.emulator.setRateLimits(site, { burstPerSecond: body.burstPerSecond });
    if (Object.keys(jiraChange).length > 0) {
      for (const site of sites) {
        this.emulator.setFaults(site, jiraChange);
        this.jira.set(site, { ...this.jira.get(site), ...jiraChange });
      }
    }
    this.host.update({
      ...(body.duplicateDeliveryRate !== undefined
        ? { duplicateDeliveryRate: body.duplicateDeliveryRate }
        : {}),
      ...(body.killInvocationAfterMs !== undefined
        ? { killInvocationAfterMs: body.killInvocationAfterMs }
        : {}),
      ...(body.killRate !== undefined ? { killRate: body.killRate } : {}),
      ...(body.killMinMs !== undefined ? { killMinMs: body.killMinMs } : {}),
      ...(body.seed !== undefined ? { seed: body.seed } : {}),
      ...(body.kvsErrorRate !== undefined ? { kvsErrorRate: body.kvsErrorRate } : {}),
      ...(body.kvsStatus !== undefined ? { kvsStatus: body.kvsStatus } : {}),
      ...(body.kvsFailNext !== undefined ? { kvsFailNext: body.kvsFailNext } : {}),
      ...(body.kvsFunctionKey !== undefined ? { kvsFunctionKey: body.kvsFunctionKey } : {}),
    });
    return undefined;
  }

  reset(): void {
    this.emulator.clearFaults();
    this.jira.clear();
    this.host.reset();
  }

  view(): FaultsView {
    return { host: this.host.current, jira: Object.fromEntries(this.jira) };
  }
}
