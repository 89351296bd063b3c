/**
 * `/_sandbox/api/rate-limits`: the figures of Jira's three limits per emulated site (all sites, or `site`),
 * and what each site has charged and refused. `resetUsage` starts the windows and totals afresh.
 */
import { z } from 'zod';
import { RateLimitChangeSchema, type JiraEmulator, type RateLimitUsage } from '../jira';

export const RateLimitsBodySchema = RateLimitChangeSchema.extend({
  site: z.string().optional(),
  resetUsage: z.boolean().optional(),
});
export type RateLimitsBody = z.infer<typeof RateLimitsBodySchema>;

export function rateLimitsView(emulator: JiraEmulator): Record<string, RateLimitUsage> {
  return Object.fromEntries(emulator.siteNames().map((site) => [site, emulator.rateLimitUsage(site)]));
}

/** Applies the change; returns an error message when it names an unknown site. */
export function updateRateLimits(emulator: JiraEmulator, body: RateLimitsBody): string | undefined {
  const { site, resetUsage, ...change } = body;
  if (site !== undefined && !emulator.siteNames().includes(site)) return `no site '${site}'`;
  for (const name of site === undefined ? emulator.siteNames() : [site])
    emulator.setRateLimits(name, change, { resetUsage: resetUsage === true });
  return undefined;
}
