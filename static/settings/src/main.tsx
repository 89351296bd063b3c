/**
 * The project settings page (Custom UI): connections, rules, safety, activity and git integrations for
 * this project. It talks to the backend only through resolvers (`invoke`); Jira's design tokens come from
 * the product (`view.theme.enable()`), and every Atlaskit style carries the light theme as its fallback.
 */
import './zod-setup';
import { view } from '@forge/bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './page.css';

// Theming is a nicety: a product that cannot provide it leaves the fallbacks in place.
view.theme.enable().catch(() => undefined);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
