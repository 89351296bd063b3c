/**
 * The manifest's UI side, which the host's AppManifest leaves out: which module shows which resource, and
 * where each resource lives. Custom UI (`resource` is a directory with index.html) is served in an iframe;
 * UI Kit (`render: native`, `resource` is an entry file) is bundled and run in the server.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Permissions } from '@forge/manifest';
import { z } from 'zod';

const UiModuleSchema = z.looseObject({
  key: z.string().min(1),
  title: z.string().optional(),
  resource: z.string().min(1),
  render: z.string().optional(),
  resolver: z.looseObject({ function: z.string().min(1) }).optional(),
});

const ManifestUiSchema = z.looseObject({
  modules: z.record(z.string(), z.array(z.unknown())).default({}),
  resources: z.array(z.looseObject({ key: z.string().min(1), path: z.string().min(1) })).default([]),
  /** Passed to @forge/csp as it is: its own types describe it (sandbox/web/csp/forge-csp.ts). */
  permissions: z.looseObject({}).default({}),
});

export const SETTINGS_PAGE_TYPE = 'jira:projectSettingsPage';
export const ISSUE_PANEL_TYPE = 'jira:issuePanel';

export interface UiModule {
  /** `jira:projectSettingsPage`, `jira:issuePanel`, … */
  type: string;
  key: string;
  title: string;
  resourceKey: string;
  /** Absolute path of the resource: a directory (Custom UI) or an entry file (UI Kit). */
  resourcePath: string;
  kind: 'custom-ui' | 'ui-kit';
  /** The manifest function behind `resolver.function`; `invoke` runs it. */
  resolverFunction?: string;
}

export interface UiManifest {
  modules: UiModule[];
  /** Resource key → absolute path. */
  resources: ReadonlyMap<string, string>;
  /** The manifest's `permissions`, for the Custom UI's content security policy. */
  permissions: Permissions;
}

const UI_TYPES = new Set([SETTINGS_PAGE_TYPE, ISSUE_PANEL_TYPE]);

/**
 * `overrides` replaces a resource's path (tests point the issue panel at a fixture). Relative manifest paths
 * are resolved against the manifest's directory, as the Forge CLI does.
 */
export function loadUiManifest(
  manifestPath: string,
  overrides: Readonly<Record<string, string>> = {},
): UiManifest {
  const parsed = ManifestUiSchema.safeParse(parseYaml(readFileSync(manifestPath, 'utf8')));
  if (!parsed.success) throw new Error(`${manifestPath}: ${z.prettifyError(parsed.error)}`);
  const root = path.dirname(manifestPath);
  const resources = new Map<string, string>();
  for (const r of parsed.data.resources) resources.set(r.key, path.resolve(root, overrides[r.key] ?? r.path));
  for (const [key, p] of Object.entries(overrides))
    if (!resources.has(key)) resources.set(key, path.resolve(root, p));

  const modules: UiModule[] = [];
  for (const [type, items] of Object.entries(parsed.data.modules)) {
    if (!UI_TYPES.has(type)) continue;
    for (const item of items) {
      const m = UiModuleSchema.safeParse(item);
      if (!m.success) throw new Error(`${manifestPath}: ${type}: ${z.prettifyError(m.error)}`);
      const resourcePath = resources.get(m.data.resource);
      if (resourcePath === undefined)
        throw new Error(`${manifestPath}: module ${m.data.key} uses unknown resource ${m.data.resource}`);
      modules.push({
        type,
        key: m.data.key,
        title: m.data.title ?? m.data.key,
        resourceKey: m.data.resource,
        resourcePath,
        kind: m.data.render === 'native' ? 'ui-kit' : 'custom-ui',
        ...(m.data.resolver ? { resolverFunction: m.data.resolver.function } : {}),
      });
    }
  }
  return { modules, resources, permissions: parsed.data.permissions };
}

export function modulesOfType(ui: UiManifest, type: string): UiModule[] {
  return ui.modules.filter((m) => m.type === type);
}
