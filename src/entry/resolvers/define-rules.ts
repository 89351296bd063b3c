/**
 * Settings page, Rules: every problem in a rule list at once (the page shows each next to its field), and
 * the site's fields for the field picker. Rules are saved with their connection (connections/save).
 */
import type Resolver from '@forge/resolver';
import { RuleListSchema } from '../../core/schema/rules';
import { listSiteFields } from '../../platform/admin/site-fields';
import { defineAdmin } from './define-guarded';

export function defineRules(resolver: Resolver): void {
  defineAdmin(resolver, 'rules/validate', ({ payload }) => {
    const parsed = RuleListSchema.safeParse(payload.rules);
    const errors = parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    return Promise.resolve({ errors });
  });

  defineAdmin(resolver, 'fields/list', async () => ({ fields: await listSiteFields() }));
}
