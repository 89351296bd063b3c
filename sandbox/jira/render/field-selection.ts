import { SYSTEM_FIELDS } from '../catalog';
import type { Site } from '../site';
import { EPIC_LINK_FIELD_ID } from '../domain/epic-link';

/**
 * Resolves Jira's `fields` parameter (`*all`, `*navigable`, names, `-name` exclusions) to the set of field ids to
 * render. Unknown names are ignored, as Jira does.
 */
export function selectFields(
  site: Site,
  requested: readonly string[] | undefined,
  fallback: '*all' | '*navigable' | 'id',
): Set<string> {
  // Data Center's Epic Link is a navigable custom field (domain/epic-link.ts).
  const custom = [
    ...site.state.customFields.map((f) => f.id),
    ...(site.dataCenter ? [EPIC_LINK_FIELD_ID] : []),
  ];
  const all = [...SYSTEM_FIELDS.map((f) => f.id), ...custom];
  const navigable = [...SYSTEM_FIELDS.filter((f) => f.navigable).map((f) => f.id), ...custom];
  const tokens = requested ?? [];
  const includes = tokens.filter((t) => !t.startsWith('-'));
  const excludes = tokens.filter((t) => t.startsWith('-')).map((t) => t.slice(1));
  const base =
    includes.length > 0 ? [] : fallback === 'id' && excludes.length > 0 ? navigable : expand(fallback);
  const selected = new Set<string>(base);
  for (const token of includes) for (const id of expand(token)) selected.add(id);
  for (const id of excludes) selected.delete(id);
  return selected;

  function expand(token: string): string[] {
    if (token === '*all') return all;
    if (token === '*navigable') return navigable;
    if (token === 'id' || token === 'key' || token === '*none') return [];
    return all.includes(token) ? [token] : [];
  }
}
