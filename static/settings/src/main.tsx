/**
 * The project settings page (Custom UI). It talks to the backend only through resolvers (`invoke`);
 * the sections for connections, rules, safety and activity arrive with the settings-page issue.
 */
import { invoke } from '@forge/bridge';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

type Health = { state: 'loading' } | { state: 'ok'; detail: string } | { state: 'error'; message: string };

function SettingsPage() {
  const [health, setHealth] = useState<Health>({ state: 'loading' });
  useEffect(() => {
    invoke('health/get')
      .then((result) => {
        setHealth({ state: 'ok', detail: JSON.stringify(result) });
      })
      .catch((err: unknown) => {
        setHealth({ state: 'error', message: err instanceof Error ? err.message : String(err) });
      });
  }, []);
  return (
    <main
      style={{
        font: '14px -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif',
        color: '#172B4D',
        padding: 24,
      }}
    >
      <h1 style={{ fontSize: 24, fontWeight: 500 }}>Tandem</h1>
      <p>Two-way sync between this project and other trackers.</p>
      {health.state === 'loading' && <p>Checking the app…</p>}
      {health.state === 'ok' && <p>The app is running.</p>}
      {health.state === 'error' && <p role="alert">The app could not be reached: {health.message}</p>}
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <SettingsPage />
    </StrictMode>,
  );
}
