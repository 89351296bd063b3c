/**
 * Resolver behind the project settings page (Custom UI in static/settings). Each section of the page
 * registers its keys in its own file; a new section (git integrations) adds one line to SECTIONS.
 * Every key goes through guarded(): ADMINISTER_PROJECTS is checked on the server before anything else.
 */
import Resolver from '@forge/resolver';
import { forgeAdminDeps, type AdminDeps } from '../../platform/admin/admin-deps';
import { reportRuntimeAlive, type CheckHealth } from '../shared/health';
import { defineActivity } from './define-activity';
import { defineAnalytics } from './define-analytics';
import { defineConnections } from './define-connections';
import { defineCredentials } from './define-credentials';
import { defineGitIntegrations } from './define-git-integrations';
import { defineHealth } from './define-health';
import { defineRules } from './define-rules';
import { defineSafety } from './define-safety';

export interface SettingsResolverDeps {
  checkHealth: CheckHealth;
  admin: AdminDeps;
}

type Section = (resolver: Resolver, deps: AdminDeps) => void;

/** One entry per settings section, in page order. */
export const SECTIONS: readonly Section[] = [
  defineConnections,
  defineCredentials,
  defineRules,
  defineSafety,
  defineActivity,
  defineGitIntegrations,
  defineAnalytics,
];

export function makeSettingsResolver(deps: SettingsResolverDeps): ReturnType<Resolver['getDefinitions']> {
  const resolver = new Resolver();
  defineHealth(resolver, deps.checkHealth);
  for (const section of SECTIONS) section(resolver, deps.admin);
  return resolver.getDefinitions();
}

export const settingsResolver = makeSettingsResolver({
  checkHealth: reportRuntimeAlive,
  admin: forgeAdminDeps(),
});
