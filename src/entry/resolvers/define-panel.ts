/**
 * Issue panel: what Tandem knows about this issue for each connection of its project, and the actions a
 * person can take from the issue (define-panel-actions). The issue comes from the product's context.
 */
import { licenseView } from '../../core/licensing/license-state';
import type Resolver from '@forge/resolver';
import type { AdminDeps } from '../../platform/admin/admin-deps';
import { connectionsOfProject } from '../../platform/admin/admin-deps';
import { panelLink } from '../../platform/admin/panel-view';
import { defineIssueActions } from './define-panel-actions';
import { definePanel, issueOf } from './define-guarded';

export function defineIssuePanel(resolver: Resolver, deps: AdminDeps): void {
  definePanel(resolver, 'panel/get', async (call) => {
    const issue = issueOf(call);
    const connections = (await connectionsOfProject(deps, call.projectKey)).filter((c) => c.enabled);
    return {
      issueKey: issue.key,
      license: licenseView(call.license),
      links: await Promise.all(connections.map((c) => panelLink(deps, c, issue.id))),
    };
  });
  defineIssueActions(resolver, deps);
}
