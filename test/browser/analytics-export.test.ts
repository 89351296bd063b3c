/**
 * The settings page's Analytics export tab in chromium against the sandbox: an admin turns the export on for
 * DEMO, watches the backfill's progress, then sees the last export time, each table's rows (as many as Jira
 * holds) and a DuckDB snippet, which DuckDB itself runs as copied from the page; then rotates the secret with a
 * grace period, and the old URL keeps working while the page says until when.
 *
 * Web trigger bodies are written one byte per character (`latin1`), as serving Parquet assumes of Forge
 * (README, "Analytics export"; test/analytics/duckdb-over-http.test.ts).
 */
import type { FrameLocator, Page } from 'playwright-core';
import { z } from 'zod';
import { startDuckDbPage, type DuckDbPage } from '../analytics/duckdb-page';
import { ok } from '../resolvers/harness';
import { screenshot, startBrowserWorld, type BrowserWorld } from './browser-world';

jest.setTimeout(120_000);

/** What Jira says of DEMO, read with the REST API as a person would: issues by status, and comments. */
const SearchSchema = z.looseObject({
  issues: z.array(
    z.looseObject({
      fields: z.looseObject({
        status: z.looseObject({ name: z.string() }),
        comment: z.looseObject({ comments: z.array(z.unknown()) }),
      }),
    }),
  ),
  isLast: z.literal(true),
});

describe('the analytics export on the settings page in chromium', () => {
  let bw: BrowserWorld;
  let duck: DuckDbPage;
  let page: Page;
  let app: FrameLocator;
  let firstUrl = '';

  beforeAll(async () => {
    [bw, duck] = await Promise.all([
      startBrowserWorld({ seedConnection: false, webtriggerBodyEncoding: 'latin1' }),
      startDuckDbPage(),
    ]);
    page = bw.page;
    app = page.frameLocator('iframe[data-forge-frame]');
  });
  afterAll(async () => {
    await Promise.all([duck.close(), bw.close()]);
  });

  const openTab = async () => {
    await page.goto(`${bw.w.host.url}/projects/DEMO/settings`);
    await app.getByRole('tab', { name: 'Analytics export' }).click();
  };
  const section = () => app.getByRole('region', { name: 'Analytics export' });

  const jiraSays = async () => {
    const { status, json } = await bw.w.rest('local', 'POST', '/rest/api/3/search/jql', {
      jql: 'project = DEMO ORDER BY key ASC',
      fields: ['status', 'comment'],
      maxResults: 100,
    });
    expect(status).toBe(200);
    return SearchSchema.parse(json).issues;
  };

  /** The cell of `table`'s row in the page's table of rows per table, in column `column` (1-based). */
  const cell = (table: string, column: number) =>
    section()
      .getByRole('row')
      .filter({ has: app.getByRole('cell', { name: table, exact: true }) })
      .getByRole('cell')
      .nth(column - 1);

  it('turned on, shows the backfill running month by month, then done with the rows Jira holds', async () => {
    await openTab();
    await section().getByText('Off', { exact: true }).waitFor();
    // Every Jira answer takes a while, so the backfill's months are seen going by (the page polls).
    await bw.w.faults({ site: 'local', latencyMs: 120 });
    // A person clicks the toggle's label (Atlaskit draws its own switch over the hidden checkbox).
    await section().locator('label[for="analytics-enabled"]').click();
    await section().getByText('On', { exact: true }).waitFor();
    await expect(section().getByRole('checkbox', { name: 'Export this project' }).isChecked()).resolves.toBe(
      true,
    );
    await section()
      .getByText(/^Backfill: [1-9]\d* of \d+ months exported/)
      .waitFor({ timeout: 60_000 });
    const running = await ok(bw.w, 'analytics/get', {});
    expect(running.backfill?.state).toBe('running');
    await screenshot(page, 'settings-analytics-backfill');
    await bw.w.faults('clear');
    await bw.w.settle();

    const view = await ok(bw.w, 'analytics/get', {});
    const jira = await jiraSays();
    expect(view.backfill).toMatchObject({ state: 'done', issuesExported: jira.length });
    const months = view.backfill?.months.length ?? 0;
    await section()
      .getByText(`Backfill done: ${String(months)} months, ${String(jira.length)} issues exported`)
      .waitFor();
    await section()
      .getByText(/^Last export/)
      .waitFor();
    await expect(section().getByTestId('analytics-last-export').getAttribute('title')).resolves.toMatch(
      /\d{4}, \d{2}:\d{2}$/,
    );
    // The page counts what Jira holds, not only what the server answered.
    await expect(cell('issues', 2).textContent()).resolves.toBe(String(jira.length));
    const comments = jira.reduce((n, i) => n + i.fields.comment.comments.length, 0);
    expect(comments).toBeGreaterThan(0);
    await expect(cell('comments', 2).textContent()).resolves.toBe(String(comments));
    await expect(cell('issues', 3).textContent()).resolves.toBe(String(months));
    await screenshot(page, 'settings-analytics');
  });

  it('shows a DuckDB snippet that DuckDB runs as copied, and counts DEMO by status as Jira does', async () => {
    const snippet = await section().getByLabel('DuckDB snippet').inputValue();
    const manifestUrl = await section().getByLabel('Manifest URL').inputValue();
    firstUrl = manifestUrl.replace(/\/manifest\.json$/, '');
    expect(snippet).toContain(`files from ${manifestUrl}`);
    expect(snippet).toContain(`read_parquet(['${firstUrl}/issues/`);
    // No glob: DuckDB cannot list files over HTTP, so every file is named.
    expect(snippet).not.toMatch(/\*\.parquet/);
    expect(snippet.match(/\.parquet'/g)).toHaveLength(
      (await ok(bw.w, 'analytics/get', {})).tables.reduce((n, t) => n + t.files, 0),
    );

    // DuckDB-Wasm reads http(s) with its built-in reader and cannot download extensions here
    // (duckdb-page.ts), so the snippet's `INSTALL httpfs; LOAD httpfs;` line is the one line left out.
    const lines = snippet.split('\n');
    expect(lines.filter((l) => l.includes('httpfs'))).toEqual(['INSTALL httpfs; LOAD httpfs;']);
    const rows = await duck.query(lines.filter((l) => !l.includes('httpfs')).join('\n'));

    const byStatus = new Map<string, number>();
    for (const issue of await jiraSays())
      byStatus.set(issue.fields.status.name, (byStatus.get(issue.fields.status.name) ?? 0) + 1);
    const expected = [...byStatus].map(([status, issues]) => ({ status, issues }));
    const order = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      Number(b.issues) - Number(a.issues) || String(a.status).localeCompare(String(b.status));
    expect(rows.sort(order)).toEqual(expected.sort(order));
  });

  it('rotates the secret: a new URL on the page, and the old one still served for the grace period', async () => {
    await section().getByRole('button', { name: 'Rotate secret' }).click();
    const form = section().getByRole('group', { name: "Rotate the export's secret" });
    await form.getByLabel('Grace period (hours)').fill('500');
    await form.getByRole('button', { name: 'Rotate secret' }).click();
    // Checked with the resolver's own schema before anything is sent.
    await form.getByRole('alert').waitFor();
    expect((await ok(bw.w, 'analytics/get', {})).url).toBe(firstUrl);

    await form.getByLabel('Grace period (hours)').fill('2');
    await form.getByRole('button', { name: 'Rotate secret' }).click();
    await section().getByText('Secret rotated: copy the new URL and snippet.').waitFor();
    await section()
      .getByText(/^The previous URL keeps working until/)
      .waitFor();
    const view = await ok(bw.w, 'analytics/get', {});
    expect(view.url).not.toBe(firstUrl);
    await expect(section().getByLabel('Manifest URL').inputValue()).resolves.toBe(
      `${String(view.url)}/manifest.json`,
    );
    const until = Date.parse(view.previousSecretValidUntil ?? '');
    expect(until - Date.now()).toBeGreaterThan(1.9 * 3_600_000);
    expect(until - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);
    for (const url of [firstUrl, String(view.url)])
      expect([url === firstUrl ? 'old' : 'new', (await fetch(`${url}/manifest.json`)).status]).toEqual([
        url === firstUrl ? 'old' : 'new',
        200,
      ]);
    await screenshot(page, 'settings-analytics-rotated');
    expect(bw.w.failedInvocations()).toEqual([]);
  });
});
