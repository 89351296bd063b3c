/**
 * The app's license on the sandbox's site, as Forge reports it: `license` in each invocation's context (the
 * handler's second argument, which @forge/resolver copies into `req.context.license`) and in the runtime's
 * `appContext.license` (@forge/api `getAppContext()`). Three settings, as on Forge:
 * - `none`: no license at all, as in a development or staging install or a free app (the default);
 * - `active` / `inactive`: a paid app's production install with a license whose `active` says which.
 * The deprecated `isActive` is left out, so an app that still reads it sees no license state at all.
 * Fields follow @forge/api's `License` type (out/api/runtime.d.ts).
 */
import type { ForgeRuntime } from '@forge/api';
import { z } from 'zod';

/** @forge/api declares `License` but does not export it by name; it is `appContext.license`'s type. */
export type License = NonNullable<ForgeRuntime['appContext']['license']>;

export const LicenseSettingSchema = z.enum(['active', 'inactive', 'none']);
export type LicenseSetting = z.infer<typeof LicenseSettingSchema>;

export const LicenseBodySchema = z.strictObject({ state: LicenseSettingSchema });

export class SandboxLicense {
  constructor(private state: LicenseSetting = 'none') {}

  get setting(): LicenseSetting {
    return this.state;
  }

  set(state: LicenseSetting): void {
    this.state = state;
  }

  /** What an invocation sees; undefined for `none`, as Forge sends no license then. */
  forgeLicense(): License | undefined {
    if (this.state === 'none') return undefined;
    return {
      active: this.state === 'active',
      type: 'commercial',
      billingPeriod: 'MONTHLY',
      capabilitySet: 'capabilityStandard',
      isEvaluation: false,
    };
  }

  view(): { state: LicenseSetting; license: License | null } {
    return { state: this.state, license: this.forgeLicense() ?? null };
  }
}
