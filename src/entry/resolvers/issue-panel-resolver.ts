/** Resolver behind the issue panel (UI Kit, src/frontend/issue-panel.tsx). */
import Resolver from '@forge/resolver';
import { forgeAdminDeps, type AdminDeps } from '../../platform/admin/admin-deps';
import { reportRuntimeAlive, type CheckHealth } from '../shared/health';
import { defineHealth } from './define-health';
import { defineIssuePanel } from './define-panel';

export interface IssuePanelResolverDeps {
  checkHealth: CheckHealth;
  admin: AdminDeps;
}

export function makeIssuePanelResolver(deps: IssuePanelResolverDeps): ReturnType<Resolver['getDefinitions']> {
  const resolver = new Resolver();
  defineHealth(resolver, deps.checkHealth);
  defineIssuePanel(resolver, deps.admin);
  return resolver.getDefinitions();
}

export const issuePanelResolver = makeIssuePanelResolver({
  checkHealth: reportRuntimeAlive,
  admin: forgeAdminDeps(),
});
