/**
 * Jira's project sidebar: the project at the top, the project's pages, and under "Apps" the app's project
 * settings pages. Jira items the sandbox does not have are shown greyed, so the frame reads like Jira.
 */
import { html, type SafeHtml } from '../html';
import { projectAvatar } from '../look/components';
import type { UiModule } from '../ui-manifest';
import { plainListPath, settingsPath } from './paths';

export interface SidebarOptions {
  project: { key: string; name: string };
  site: string;
  settingsModules: readonly UiModule[];
  selected: 'issues' | { module: string };
}

export function projectSidebar(options: SidebarOptions): SafeHtml {
  const { project, selected } = options;
  const isSelected = (moduleKey: string): boolean =>
    typeof selected === 'object' && selected.module === moduleKey;
  const apps = options.settingsModules.map(
    (m) =>
      html`<a
        href="${settingsPath(project.key)}${options.settingsModules.length > 1
          ? `?module=${encodeURIComponent(m.key)}`
          : ''}"
        ${isSelected(m.key) ? html` class="selected" aria-current="page"` : ''}
        >${m.title}</a
      >`,
  );
  const greyed = (names: readonly string[]): SafeHtml[] =>
    names.map((n) => html`<span class="item" aria-disabled="true">${n}</span>`);
  return html`<aside class="sidebar" aria-label="Project">
    <div class="project">
      ${projectAvatar(project.key)}
      <div><strong>${project.name}</strong><span class="subtlest">Software project</span></div>
    </div>
    <h4>Planning</h4>
    <a
      href="${plainListPath(options.site)}"
      ${selected === 'issues' ? html` class="selected" aria-current="page"` : ''}
      >Issues</a
    >
    ${greyed(['Board', 'Timeline'])}
    <h4>Project settings</h4>
    ${greyed(['Details', 'People', 'Permissions', 'Issue types', 'Workflows'])}
    ${apps.length > 0
      ? html`<h4>Apps</h4>
          ${apps}`
      : ''}
  </aside>`;
}
