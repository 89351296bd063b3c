/**
 * Settings page, Rules: every problem in a rule list at once (the page shows each next to its field), the
 * site's fields for the field picker, and both sides' field catalogs. Rules are saved with their connection
 * (connections/save), which checks them against the catalogs again: the server is the authority.
 */
import type Resolver from '@forge/resolver';
import { RuleListSchema } from '../../core/schema/rules';
import type { AdminDeps } from '../../platform/admin/admin-deps';
import { checkAgainstCatalogs, readCatalogs } from '../../platform/admin/field-catalogs';
import { listSiteFields } from '../../platform/admin/site-fields';
import { defineAdmin } from './define-guarded';
import { requireConnection } from './project-connection';

export function defineRules(resolver: Resolver, deps: AdminDeps): void {
  defineAdmin(resolver, 'rules/validate', async ({ payload, projectKey }) => {
    const parsed = RuleListSchema.safeParse(payload.rules);
    if (!parsed.success)
      return {
        errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        warnings: [],
      };
    if (payload.connectionId === undefined) return { errors: [], warnings: [] };
    const connection = await requireConnection(deps, projectKey, payload.connectionId);
    return checkAgainstCatalogs(deps, connection, parsed.data);
  });

  defineAdmin(resolver, 'fields/list', async () => ({ fields: await listSiteFields() }));

  defineAdmin(resolver, 'fields/catalog', async ({ payload, projectKey }) => {
    const connection = await requireConnection(deps, projectKey, payload.connectionId);
    return readCatalogs(deps, connection);
  });
}
