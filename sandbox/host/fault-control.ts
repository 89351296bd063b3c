/**
 * `POST /_sandbox/api/faults`: one body for both sides. Jira-side faults (latency, error rate, burst limit) are
 * forwarded to the emulator, per site or for every site; the host keeps duplicate deliveries and early kills.
 */
import { z } from 'zod';
import type { FaultSettings, JiraEmulator } from '../jira';
import type { HostFaults, HostFaultSettings } from './host-faults';

export const FaultsBodySchema = z.strictObject({
  latencyMs: z.number().int().min(0).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  burstPerSecond: z.number().int().positive().nullable().optional(),
  duplicateDeliveryRate: z.number().min(0).max(1).optional(),
  killInvocationAfterMs: z.number().int().positive().nullable().optional(),
  seed: z.number().int().optional(),
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
      ...(body.burstPerSecond !== undefined ? { burstPerSecond: body.burstPerSecond } : {}),
      ...(body.seed !== undefined ? { seed: body.seed } : {}),
    };
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
      ...(body.seed !== undefined ? { seed: body.seed } : {}),
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
