/**
 * Optional credentials on the settings page in chromium: a GitHub connection whose webhook secret is not
 * set still reads "Set" in the table (the webhook secrets are optional), and a previous webhook secret
 * left from a rotation is cleared from the editor, after which the webtrigger refuses it.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { ConnectionSchema } from '../../src/core/schema/connection';
import { DEFAULT_RULES } from '../../src/core/schema/default-rules';
import { keys } from '../../src/platform/kvs/keys';
import { startBrowserWorld, type BrowserWorld } from './browser-world';

jest.setTimeout(60_000);

describe('optional credentials in chromium', () => {
  let bw: BrowserWorld;
  let page: Page;
  let app: FrameLocator;

  beforeAll(async () => {
    bw = await startBrowserWorld({ seedConnection: false });
    page = bw.page;
    app = page.frameLocator('iframe[data-forge-frame]');
    const connection = ConnectionSchema.parse({
      id: 'widgets',
      name: 'Widgets on GitHub',
      enabled: false,
      localProject: 'DEMO',
      remote: { kind: 'github', project: 'acme/widgets' },
      rules: DEFAULT_RULES.github,
    });
    const kvs = bw.w.host.kvs;
    kvs.handle('/api/v1/set', { key: keys.connectionConfig(connection.id), value: connection });
    for (const [name, value] of Object.entries({ token: 'gh-token', previousWebhookSecret: 'old-secret' }))
      kvs.handle('/api/v1/secret/set', { key: keys.credential(connection.id, name), value });
  });
  afterAll(async () => {
    await bw.close();
  });

  it('reads Set without the optional webhook secret, and clears the previous one', async () => {
    await page.goto(`${bw.w.host.url}/projects/DEMO/settings`);
    await app.getByRole('tab', { name: 'Connections' }).click();
    const row = app.getByRole('row', { name: /Widgets on GitHub/ });
    await row.getByText('Set', { exact: true }).waitFor();

    await row.getByRole('button', { name: 'Edit' }).click();
    await app.getByRole('button', { name: 'Clear' }).click();
    await app.getByText('Cleared previousWebhookSecret.').waitFor();
    const stored = bw.w.host.kvs.handle('/api/v1/secret/get', {
      key: keys.credential('widgets', 'previousWebhookSecret'),
    });
    expect(stored.status).toBe(404);
    await expect(app.getByRole('button', { name: 'Clear' }).count()).resolves.toBe(0);
  });
});
