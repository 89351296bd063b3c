/** Resolver behind the issue panel (UI Kit, src/frontend/issue-panel.tsx). */
import Resolver from '@forge/resolver';
import { reportRuntimeAlive, type CheckHealth } from '../shared/health';
import { defineHealth } from './define-health';

export interface IssuePanelResolverDeps {
  checkHealth: CheckHealth;
}

export function makeIssuePanelResolver(deps: IssuePanelResolverDeps): ReturnType<Resolver['getDefinitions']> {
  const resolver = new Resolver();
  defineHealth(resolver, deps.checkHealth);
  return resolver.getDefinitions();
}

export const issuePanelResolver = makeIssuePanelResolver({ checkHealth: reportRuntimeAlive });
