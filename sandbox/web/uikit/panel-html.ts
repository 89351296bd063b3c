/** A UI Kit instance's current rendering: the ForgeDoc as HTML, plus what the page needs to keep it current. */
import { html, type SafeHtml } from '../html';
import { APP_ICON } from '../look/components';
import { uiKitPath } from '../pages/paths';
import { renderForgeNode } from './render-forge-doc';
import type { UiKitInstance } from './uikit-instance';

export interface Rendering {
  version: number;
  body: SafeHtml;
  settled: boolean;
  errors: string[];
}

export function renderInstance(instance: UiKitInstance, settled: boolean): Rendering {
  const { root } = instance.snapshot();
  const body = root
    ? renderForgeNode(root)
    : instance.errors.length > 0
      ? html`<p class="fd-error">The app did not render.</p>`
      : html`<span class="fd-spinner small" role="status" aria-label="Loading"></span>`;
  return { version: instance.version, body, settled, errors: [...instance.errors] };
}

/** What the panel script receives after a click or a poll (client/uikit-panel.ts). */
export function renderingJson(rendering: Rendering): {
  version: number;
  html: string;
  settled: boolean;
  errors: string[];
} {
  return {
    version: rendering.version,
    html: rendering.body.value,
    settled: rendering.settled,
    errors: rendering.errors,
  };
}

/** The panel's frame on the issue view, as Jira draws an app's issue panel: icon, title, content. */
export function panelSection(title: string, instance: UiKitInstance, rendering: Rendering): SafeHtml {
  return html`<section
    class="app-panel"
    aria-label="${title}"
    data-uikit-endpoint="${uiKitPath(instance.id)}"
    data-uikit-version="${rendering.version}"
    data-uikit-settled="${String(rendering.settled)}"
  >
    <header>
      ${APP_ICON}<span>${title}</span><span class="spacer"></span><span class="subtlest">UI Kit</span>
    </header>
    <div class="body" data-uikit-body aria-busy="${String(!rendering.settled)}">${rendering.body}</div>
    <footer data-uikit-errors${rendering.errors.length === 0 ? html` hidden` : ''}>
      ${rendering.errors.join('\n')}
    </footer>
  </section>`;
}
