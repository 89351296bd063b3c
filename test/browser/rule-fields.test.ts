/**
 * In a real browser against the sandbox: the rule editor offers the partner's own fields in the remote picker,
 * with their types, and refuses a mistyped rule with its reason on the rule's row before saving: a two-way rule
 * between DEMO's Severity (a select) and PARTNER's Story point estimate (a number), then Severity on both
 * sides, whose options differ (only PARTNER's has Trivial) and so need a value map.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_CONNECTION_ID } from '../sandbox-sync/world';
import { ok } from '../resolvers/harness';
import { screenshot, startBrowserWorld, type BrowserWorld } from './browser-world';

jest.setTimeout(60_000);

describe('the rule editor’s field catalogs in chromium', () => {
  let bw: BrowserWorld;
  let page: Page;
  let app: FrameLocator;

  beforeAll(async () => {
    bw = await startBrowserWorld();
    page = bw.page;
    app = page.frameLocator('iframe[data-forge-frame]');
  });
  afterAll(async () => {
    await bw.close();
  });

  const rulesOfDemo = async () =>
    (await ok(bw.w, 'connections/list', {})).connections.find((c) => c.connection.id === DEMO_CONNECTION_ID)
      ?.connection.rules;

  const pick = async (id: string, typed: string, option: string) => {
    await app.locator(`#${id}`).fill(typed);
    await app.getByRole('option', { name: option, exact: true }).click();
  };

  it('offers the partner’s fields and refuses a select ↔ number rule with its reason', async () => {
    const before = await rulesOfDemo();
    const added = before?.length ?? 0;
    await page.goto(`${bw.w.host.url}/projects/DEMO/settings`);
    await app.getByRole('tab', { name: 'Rules' }).click();
    await app.getByRole('button', { name: 'Add rule' }).click();

    await pick(`rule-${added}-local`, 'Severity', 'Severity · select');
    // The partner's field, typed as the partner's site types it.
    await pick(`rule-${added}-remote`, 'Story point', 'Story point estimate · number');
    const reason =
      'local "Severity" (select) and remote "Story point estimate" (number) cannot sync both ways: a number field cannot hold select values';
    await app.getByRole('alert').filter({ hasText: reason }).waitFor();
    await screenshot(page, 'settings-rule-refused');
    await app.getByRole('button', { name: 'Save rules' }).click();
    await app.getByText('Fix the rules marked in red first.').waitFor();
    expect(await rulesOfDemo()).toEqual(before);

    // Severity on both sides: the partner's has Trivial, which DEMO's lacks, so a value map must cover it.
    await pick(`rule-${added}-remote`, 'Severity', 'Severity · select');
    await app
      .getByRole('alert')
      .filter({ hasText: 'remote "Severity" (select) has "Trivial", which local "Severity" (select) lacks' })
      .waitFor();
  });
});
