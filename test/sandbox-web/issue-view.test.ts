/**
 * The issue view: the UI Kit panel runs in the server, its ForgeDoc becomes escaped HTML, a click on one of its
 * buttons round-trips (handler → resolver → re-render), and every page view gets its own instance.
 */
import { createHost, type SandboxHost } from '../../sandbox/host';
import { z } from 'zod';
import { DEMO_USERS } from '../../sandbox/jira';
import { mountWebPages } from '../../sandbox/web';
import { accountId, attributeValues, flat, get, postJson, startWebHost } from './helpers';

let host: SandboxHost;

beforeAll(async () => {
  host = await startWebHost();
});

afterAll(async () => {
  await host.close();
});

const RenderingSchema = z.looseObject({
  version: z.number(),
  html: z.string(),
  settled: z.boolean(),
  errors: z.array(z.string()),
});

/** The panel section of an issue page, flattened; it ends with its (error) footer. */
function panelOf(page: string): { endpoint: string; handler: string; body: string } {
  const text = flat(page);
  const start = text.indexOf('<section class="app-panel"');
  const body = text.slice(start, text.indexOf('</footer></section>', start));
  const endpoint = attributeValues(body, 'data-uikit-endpoint')[0];
  const handler = attributeValues(body, 'data-forge-handler')[0];
  expect(endpoint).toBeDefined();
  expect(handler).toBeDefined();
  return { endpoint: endpoint ?? '', handler: handler ?? '', body };
}

test('the issue view shows the issue and renders the panel’s ForgeDoc as HTML', async () => {
  const page = await get(host, '/issues/DEMO-1');
  expect(page.status).toBe(200);
  const text = flat(page.text);
  expect(text).toContain('<h1 class="issue-summary">Login page rejects valid passwords</h1>');
  expect(page.text).toContain('Seeded demo issue 1 on local.');
  expect(text).toContain('Looking into DEMO-1.');
  expect(text).toMatch(/<a class="button status" href="\/sites\/local\/view\/DEMO-1#transition"[^>]*>To Do</);
  const panel = panelOf(page.text);
  expect(panel.body).toContain('data-uikit-settled="true"');
  expect(panel.body).toContain('<h4 class="fd-heading small">Fixture panel</h4>');
  // useProductContext answered from the bridge: the issue and the viewing account.
  expect(panel.body).toContain(`Issue DEMO-1 for ${accountId(host, DEMO_USERS.admin.email)}`);
  expect(panel.body).toContain('<span class="lozenge success">not checked</span>');
  expect(panel.body).toContain('<button type="button" class="button primary" data-forge-handler=');
  expect(panel.body).toContain('<th>Key</th><th>Value</th>');
  expect(panel.body).toContain('<td>PARTNER-1</td>');
  // Unknown components are drawn, labelled, with their children.
  expect(panel.body).toMatch(
    /<div class="fd-unknown" data-component="MysteryWidget"><span class="fd-unknown-label">MysteryWidget · not rendered by the sandbox<\/span>inside the mystery<\/div>/,
  );
  // App text is escaped and a javascript: link is neutralised.
  expect(panel.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  expect(panel.body).not.toContain('<script>alert');
  expect(panel.body).toContain('<a href="#">Sneaky link</a>');
  expect(panel.body).toMatch(/<footer data-uikit-errors hidden>$/);
});

test('a panel button click calls the app’s handler, which invokes the resolver, and answers the re-rendered panel', async () => {
  const panel = panelOf((await get(host, '/issues/DEMO-2')).text);
  const before = host.invocations().length;
  const answer = await postJson(host, `${panel.endpoint}/events`, { handler: panel.handler });
  expect(answer.status).toBe(200);
  const rendering = RenderingSchema.parse(answer.body);
  rendering.html = flat(rendering.html);
  expect(rendering).toMatchObject({ settled: true, errors: [] });
  expect(rendering.html).toContain('Clicks: 1');
  expect(rendering.html).toContain('<span class="lozenge success">backend ok</span>');
  const resolverRun = host.invocations(before).find((i) => i.functionKey === 'panel-resolver');
  expect(resolverRun).toMatchObject({ outcome: 'ok', moduleKey: 'tandem-issue-panel' });

  // The re-rendered button has a handler again (a new closure: the id may differ) and it works too.
  const next = attributeValues(rendering.html, 'data-forge-handler')[0] ?? '';
  const again = RenderingSchema.parse(
    (await postJson(host, `${panel.endpoint}/events`, { handler: next })).body,
  );
  expect(again.html).toContain('Clicks: 2');
  expect(again.version).toBeGreaterThan(rendering.version);
});

test('a Textfield’s onChange gets the typed value as event.target.value, and the Label points at it', async () => {
  const page = flat((await get(host, '/issues/DEMO-8')).text);
  const field =
    /<input class="fd-textfield" type="text" id="([^"]+)" placeholder="PARTNER-12" value=""[^>]*data-forge-handler="([^"]+)" data-forge-event="onChange"/.exec(
      page,
    );
  expect(field).not.toBeNull();
  const [, id = '', handler = ''] = field ?? [];
  expect(page).toContain(`<label class="fd-label" for="${id}">Remote issue key</label>`);
  const endpoint = attributeValues(page, 'data-uikit-endpoint')[0] ?? '';
  const answer = await postJson(host, `${endpoint}/events`, {
    handler,
    event: 'onChange',
    value: 'PARTNER-9 <b>',
  });
  expect(answer.status).toBe(200);
  const html = flat(RenderingSchema.parse(answer.body).html);
  expect(html).toContain('Typed: PARTNER-9 &lt;b&gt;');
  expect(html).toContain('value="PARTNER-9 &lt;b&gt;"');
});

test('each page view runs its own instance: state does not leak between views', async () => {
  const first = panelOf((await get(host, '/issues/DEMO-3')).text);
  await postJson(host, `${first.endpoint}/events`, { handler: first.handler });
  const second = panelOf((await get(host, '/issues/DEMO-3')).text);
  expect(second.endpoint).not.toBe(first.endpoint);
  expect(second.body).toContain('Clicks: 0');
  const current = RenderingSchema.parse(
    await get(host, `${first.endpoint}/render`).then((p) => JSON.parse(p.text) as unknown),
  );
  expect(current.html).toContain('Clicks: 1');
});

test('the panel runs as the acting account', async () => {
  const panel = panelOf((await get(host, `/issues/DEMO-4?as=${DEMO_USERS.user.email}`)).text);
  expect(panel.body).toContain(`Issue DEMO-4 for ${accountId(host, DEMO_USERS.user.email)}`);
});

test('a stale handler id answers 409 with the current panel, an unknown instance 404, a bad body 400', async () => {
  const panel = panelOf((await get(host, '/issues/DEMO-5')).text);
  const stale = await postJson(host, `${panel.endpoint}/events`, { handler: 'not-a-handler' });
  expect(stale.status).toBe(409);
  expect(RenderingSchema.parse(stale.body).html).toContain('Clicks: 0');
  expect(
    (
      await postJson(host, '/_sandbox/web/uikit/00000000-0000-4000-8000-000000000000/events', {
        handler: 'x',
      })
    ).status,
  ).toBe(404);
  expect((await postJson(host, `${panel.endpoint}/events`, { handler: 1 })).status).toBe(400);
});

test('an unknown issue is a 404 page', async () => {
  const page = await get(host, '/issues/DEMO-999');
  expect(page.status).toBe(404);
  expect(page.text).toContain('There is no issue DEMO-999 on local.');
});

/**
 * The app's own panel and settings resources (the manifest's, not the fixtures), as `npm start` shows them: the
 * panel must start, render and report no errors, whatever it shows at this stage of the app.
 */
describe('the app’s own resources', () => {
  let real: SandboxHost;

  beforeAll(async () => {
    real = await createHost();
    mountWebPages(real);
  });

  afterAll(async () => {
    await real.close();
  });

  test('the real issue panel renders in the issue view without errors', async () => {
    const res = await fetch(`${real.url}/issues/DEMO-1`);
    expect(res.status).toBe(200);
    const page = flat(await res.text());
    const start = page.indexOf('<section class="app-panel" aria-label="Tandem sync"');
    expect(start).toBeGreaterThan(0);
    const panel = page.slice(start, page.indexOf('</footer></section>', start));
    expect(panel).toContain('<div class="fd-root">');
    expect(panel).toMatch(/<footer data-uikit-errors hidden>$/);
    expect(panel).not.toContain('The app did not render');
  });

  test('the settings page frames the manifest’s Custom UI resource (or says how to build it)', async () => {
    const page = flat(await (await fetch(`${real.url}/projects/DEMO/settings`)).text());
    expect(
      page.includes('data-forge-frame src="/_sandbox/web/custom-ui/settings-ui/"') ||
        page.includes('npm run build:ui'),
    ).toBe(true);
  });
});
