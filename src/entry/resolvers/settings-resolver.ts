/**
 * Resolver behind the project settings page (Custom UI in static/settings). Admin operations added
 * here must start with a server-side check that the caller administers the project.
 */
import Resolver from '@forge/resolver';
import { reportRuntimeAlive, type CheckHealth } from '../shared/health';
import { defineHealth } from './define-health';

export interface SettingsResolverDeps {
  checkHealth: CheckHealth;
}

export function makeSettingsResolver(deps: SettingsResolverDeps): ReturnType<Resolver['getDefinitions']> {
  const resolver = new Resolver();
  defineHealth(resolver, deps.checkHealth);
  return resolver.getDefinitions();
}

export const settingsResolver = makeSettingsResolver({ checkHealth: reportRuntimeAlive });
