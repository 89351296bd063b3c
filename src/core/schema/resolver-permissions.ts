/**
 * What each resolver key needs of its caller, beside the payload schemas: one table, checked by guarded()
 * on the server before the payload is read and before any side effect (storage included). A key cannot be
 * added to PAYLOADS without a line here: the mapped type makes a missing one a compile error.
 *
 * Jira answers all of it in one `GET /rest/api/3/mypermissions` as the caller: project permissions in
 * the context of the project (`projectKey`) or of the issue (`issueId`, which also applies issue-level
 * security), and a global permission such as ADMINISTER in the same answer.
 */
import type { ResolverKey } from './resolver-payloads';

/** Jira permission keys Tandem asks about (Jira's built-in keys; see GET /rest/api/3/permissions). */
export type JiraPermission = 'ADMINISTER_PROJECTS' | 'BROWSE_PROJECTS' | 'EDIT_ISSUES' | 'ADMINISTER';

export interface PermissionNeed {
  /** Where the permission is asked: the page's project, or the issue the panel is open on. */
  readonly on: 'project' | 'issue';
  /** Every one of these must be held. */
  readonly requires: readonly JiraPermission[];
  /**
   * Asked in the same call but not required: the handler learns whether the caller holds them (the
   * panel hides buttons the caller cannot use) at no extra request.
   */
  readonly alsoAsks?: readonly JiraPermission[];
  /**
   * The key writes to Jira or a partner (a sync, an approved plan, a copy): refused while the license is
   * inactive (core/licensing/license-state.ts). Reads and configuration stay open, so an admin can see why.
   */
  readonly syncs?: true;
}

const SETTINGS: PermissionNeed = { on: 'project', requires: ['ADMINISTER_PROJECTS'] };
/** Git integrations write to every project's issues: changing one also takes Jira's global Administer. */
const SITE_WIDE: PermissionNeed = { on: 'project', requires: ['ADMINISTER_PROJECTS', 'ADMINISTER'] };
/** The panel's writes change the issue on this site and its partner: the caller must be able to edit it. */
const PANEL_WRITE: PermissionNeed = { on: 'issue', requires: ['EDIT_ISSUES'], syncs: true };
/** A settings action that writes to one side or both. */
const SETTINGS_SYNC: PermissionNeed = { ...SETTINGS, syncs: true };

export const PERMISSION_NEEDS: { readonly [K in ResolverKey]: PermissionNeed } = {
  'connections/list': SETTINGS,
  'connections/save': SETTINGS,
  'connections/delete': SETTINGS,
  'connections/test': SETTINGS,
  'connections/test-status': SETTINGS,
  'credentials/set': SETTINGS,
  'credentials/clear': SETTINGS,
  'rules/validate': SETTINGS,
  'fields/list': SETTINGS,
  'fields/catalog': SETTINGS,
  'limits/save': SETTINGS,
  'plans/dry-run': SETTINGS,
  'plans/held': SETTINGS,
  'plans/approve': SETTINGS_SYNC,
  'plans/discard': SETTINGS,
  'activity/get': SETTINGS,
  'pairs/retry': SETTINGS_SYNC,
  'pairs/bulk-connect': SETTINGS_SYNC,

  // The export hands every issue of the project to whoever has its URL: the project's admins decide that.
  'analytics/get': SETTINGS,
  'analytics/set-enabled': SETTINGS,
  'analytics/rotate-secret': SETTINGS,

  'panel/get': { on: 'issue', requires: ['BROWSE_PROJECTS'], alsoAsks: ['EDIT_ISSUES'] },
  'panel/sync-now': PANEL_WRITE,
  'panel/resolve-conflict': PANEL_WRITE,
  'panel/link-existing': PANEL_WRITE,
  'panel/create-remote': PANEL_WRITE,

  'git-integrations/list': SETTINGS,
  'git-integrations/deliveries': SETTINGS,
  'git-integrations/create': SITE_WIDE,
  'git-integrations/rotate-secret': SITE_WIDE,
  'git-integrations/delete': SITE_WIDE,
  'git-integrations/auto-install': SITE_WIDE,
};
