/**
 * "Link to an existing remote issue" in the issue panel, in chromium against the sandbox, before any
 * cycle (so every DEMO issue is unlinked): an editor types a key of the connection's project and the
 * panel shows the issue linked; a key of another partner project (SECRET, on the same partner site) is
 * refused with a message naming the connection's project, and nothing of it is stored or copied; the
 * viewer, who may only browse, is refused the write.
 */
import type { Page } from 'playwright-core';
import { z } from 'zod';
import { keys } from '../../src/platform/kvs/keys';
import { DEMO_CONNECTION_ID } from '../sandbox-sync/world';
import { ok, USER } from '../resolvers/harness';
import { screenshot, startBrowserWorld, type BrowserWorld } from './browser-world';

jest.setTimeout(60_000);

describe('linking an existing remote issue from the issue panel in chromium', () => {
  let bw: BrowserWorld;
  let page: Page;
  let secretKey = '';

  beforeAll(async () => {
    bw = await startBrowserWorld();
    page = bw.page;
    const site = bw.w.host.emulator.site('partner');
    const admin = site.userByEmail('admin@example.com');
    if (!admin) throw new Error('no partner admin');
    site.addProject({ key: 'SECRET', name: 'Secret', leadAccountId: admin.accountId });
    const created = await bw.w.rest('partner', 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'SECRET' },
        issuetype: { name: 'Task' },
        summary: 'Confidential: Initech terms',
      },
    });
    secretKey = z.object({ key: z.string() }).parse(created.json).key;
  });
  afterAll(async () => {
    await bw.close();
  });

  const panel = () => page.getByRole('region', { name: 'Tandem sync' });
  const storedPairKeys = () =>
    Object.keys(bw.w.host.kvs.toJSON().spaces.kvs ?? {}).filter(
      (k) =>
        k.startsWith(keys.pairPrefix(DEMO_CONNECTION_ID)) ||
        k.startsWith(keys.sideIndex(DEMO_CONNECTION_ID, 'local', 'x').slice(0, -1)),
    );
  const link = async (issueKey: string, as: string, typed: string) => {
    await page.goto(`${bw.w.host.url}/issues/${issueKey}?as=${encodeURIComponent(as)}`);
    await panel().getByRole('button', { name: 'Link to an existing remote issue' }).click();
    await panel().getByLabel('Remote issue key').fill(typed);
    await panel().getByRole('button', { name: 'Link', exact: true }).click();
  };
  const summaryOf = async (site: 'local' | 'partner', key: string) =>
    z
      .object({ fields: z.object({ summary: z.string() }) })
      .parse((await bw.w.rest(site, 'GET', `/rest/api/3/issue/${key}?fields=summary`)).json).fields.summary;

  it('an editor links DEMO-8 to PARTNER-8 by its key, and the panel shows it linked', async () => {
    expect(storedPairKeys()).toEqual([]);
    await link('DEMO-8', USER, 'PARTNER-8');
    await panel().getByText('Linked to PARTNER-8.', { exact: false }).waitFor();
    await page.reload();
    await panel().getByRole('link', { name: 'PARTNER-8' }).waitFor();
    await screenshot(page, 'issue-panel-linked-existing');
    const demo8 = await bw.w.search('local', 'key = DEMO-8');
    const answer = await ok(bw.w, 'panel/get', {}, { email: USER, issue: demo8[0]! });
    expect(answer.links[0]).toMatchObject({ state: 'linked', remote: { key: 'PARTNER-8' } });
  });

  it('a key of another partner project is refused with a clear message, and nothing of it is copied', async () => {
    const pairsBefore = storedPairKeys();
    const summaryBefore = await summaryOf('local', 'DEMO-7');
    await link('DEMO-7', USER, secretKey);
    await panel()
      .getByText(`${secretKey} is not in this connection: it links to issues of PARTNER only.`)
      .waitFor();
    await screenshot(page, 'issue-panel-link-out-of-scope');
    expect(storedPairKeys()).toEqual(pairsBefore);
    expect(await summaryOf('local', 'DEMO-7')).toBe(summaryBefore);
    const copies = (await bw.w.search('local', 'project = DEMO')).filter((i) =>
      i.fields.summary.includes('Initech'),
    );
    expect(copies).toEqual([]);
  });

  it('the viewer, who may only browse, is refused the link and nothing is stored', async () => {
    const pairsBefore = storedPairKeys();
    await link('DEMO-9', 'viewer@example.com', 'PARTNER-9');
    await panel().getByText('you need permission to edit issue DEMO-9').waitFor();
    await expect(panel().getByText('Linked to PARTNER-9', { exact: false }).count()).resolves.toBe(0);
    expect(storedPairKeys()).toEqual(pairsBefore);
  });
});
