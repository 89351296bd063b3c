/**
 * The app's license on this site, as Forge reports it in every invocation's context (`context.license`;
 * resolvers see it as `req.context.license`, which @forge/resolver copies from the same place).
 *
 * Forge sends a license only for a paid app's production installs (Marketplace: "List a Forge app" →
 * "Building a paid app"); development and staging installs, and free apps, get none. So three states:
 * - `active`: `license.active === true`: everything runs;
 * - `inactive`: a license is present and not active (expired, cancelled, unpaid): Tandem syncs nothing and
 *   uploads no development information, and keeps what arrives (see platform/licensing/held-work.ts);
 * - `none`: no license in the context: a development or staging install, which works normally.
 * `active` replaces the deprecated `isActive` (@forge/react's `LicenseDetails` marks `isActive` deprecated);
 * `isActive` is read only when a runtime sends no `active`.
 */
import { z } from 'zod';

export const LicenseStateSchema = z.enum(['active', 'inactive', 'none']);
export type LicenseState = z.infer<typeof LicenseStateSchema>;

const LicenseSchema = z.looseObject({ active: z.boolean().optional(), isActive: z.boolean().optional() });

const ContextWithLicenseSchema = z.looseObject({ license: z.unknown().optional() });

export function licenseStateOf(context: unknown): LicenseState {
  const outer = ContextWithLicenseSchema.safeParse(context);
  if (!outer.success || outer.data.license === undefined || outer.data.license === null) return 'none';
  const license = LicenseSchema.safeParse(outer.data.license);
  // A license that is there but unreadable is not proof of payment: fail closed, keep the work held.
  if (!license.success) return 'inactive';
  const active = license.data.active ?? license.data.isActive;
  return active === true ? 'active' : 'inactive';
}

/** Whether sync and dev info uploads may run; an inactive license holds the work instead. */
export const mayRun = (state: LicenseState): boolean => state !== 'inactive';

/**
 * Jira's "Manage apps" page, relative to the site (Apps → Manage your apps), where an admin renews or
 * buys the license. Relative so it stays on the site the UI runs in.
 */
export const MANAGE_APPS_PATH = '/plugins/servlet/upm';

/** What the settings page and the issue panel show about the license. */
export const LicenseViewSchema = z.strictObject({
  state: LicenseStateSchema,
  manageUrl: z.string(),
  /** Present when the license stops Tandem: why, in a sentence the UI shows as is. */
  notice: z.string().optional(),
});
export type LicenseView = z.infer<typeof LicenseViewSchema>;

export const INACTIVE_NOTICE =
  'Tandem’s license on this site is not active, so nothing is synced and no development information is ' +
  'uploaded. Changes and webhook deliveries are kept and will be caught up once a site admin renews the ' +
  'license under Manage apps.';

export const licenseView = (state: LicenseState): LicenseView => ({
  state,
  manageUrl: MANAGE_APPS_PATH,
  ...(state === 'inactive' ? { notice: INACTIVE_NOTICE } : {}),
});
