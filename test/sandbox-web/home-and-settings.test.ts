/** The home page and its links, the project settings page with its Custom UI frame, the "acting as" switch. */
import { z } from 'zod';
import type { SandboxHost } from '../../sandbox/host';
import { DEMO_USERS } from '../../sandbox/jira';
import { openSettingsFrame } from './bridge-harness';
import { accountId, attributeValues, flat, get, postForm, startWebHost } from './helpers';

let host: SandboxHost;

beforeAll(async () => {
  host = await startWebHost();
});

afterAll(async () => {
  await host.close();
});

test('the home page links every project, issue view, plain view and the control API, and every link answers 200', async () => {
  const home = await get(host, '/');
  expect(home.status).toBe(200);
  expect(home.headers.get('content-type')).toContain('text/html');
  const links = [
    ...new Set([...attributeValues(home.text, 'href'), ...attributeValues(home.text, 'src')]),
  ].filter((l) => l.startsWith('/'));
  expect(links).toEqual(
    expect.arrayContaining([
      '/projects/DEMO/settings',
      '/issues/DEMO-1',
      '/issues/DEMO-20',
      '/sites/local/view',
      '/sites/local/view/DEMO-1',
      '/sites/partner/view',
      '/sites/partner/view/PARTNER-1',
      '/_sandbox/api/health',
      '/_sandbox/web/assets/tokens.css',
      '/_sandbox/web/assets/jira.css',
    ]),
  );
  const failures: string[] = [];
  // A few at a time, as a browser would fetch them.
  for (let i = 0; i < links.length; i += 8) {
    await Promise.all(
      links.slice(i, i + 8).map(async (link) => {
        const page = await get(host, link);
        if (page.status !== 200) failures.push(`${link}: ${page.status}`);
      }),
    );
  }
  expect(failures).toEqual([]);
  // The demo credentials are on the page.
  expect(home.text).toContain(DEMO_USERS.admin.email);
  expect(home.text).toContain(DEMO_USERS.admin.apiToken);
  expect(home.text).toContain(DEMO_USERS.user.apiToken);
});

test('the design tokens come from @atlaskit/tokens and the page styles use them', async () => {
  const tokens = await get(host, '/_sandbox/web/assets/tokens.css');
  expect(tokens.text).toContain('--ds-text: #172B4D');
  expect(tokens.text).toContain('--ds-space-100');
  const css = await get(host, '/_sandbox/web/assets/jira.css');
  expect(css.text).toContain('var(--ds-link, #0C66E4)');
});

const SurfaceSchema = z.object({
  context: z.looseObject({
    accountId: z.string(),
    moduleKey: z.string(),
    extension: z.looseObject({
      type: z.string(),
      project: z.looseObject({ key: z.string(), id: z.string() }),
    }),
  }),
  invokePath: z.string(),
  invokeBody: z.looseObject({ moduleKey: z.string(), accountId: z.string() }),
});

function surfaceOf(html: string): z.infer<typeof SurfaceSchema> {
  const json = /<script type="application\/json" id="forge-surface">([^<]*)<\/script>/.exec(html)?.[1];
  expect(json).toBeDefined();
  return SurfaceSchema.parse(JSON.parse(json ?? 'null'));
}

test('the settings page frames the Custom UI and embeds the bridge context for the acting account', async () => {
  const page = await get(host, '/projects/DEMO/settings');
  expect(page.status).toBe(200);
  expect(flat(page.text)).toContain(
    '<iframe class="custom-ui" data-forge-frame src="/_sandbox/web/custom-ui/settings-ui/"',
  );
  // The host script is loaded before the iframe, so it hears the frame's first call.
  expect(page.text.indexOf('custom-ui-host.js')).toBeLessThan(page.text.indexOf('<iframe'));
  const surface = surfaceOf(page.text);
  expect(surface.context).toMatchObject({
    accountId: accountId(host, DEMO_USERS.admin.email),
    moduleKey: 'tandem-project-settings',
    extension: { type: 'jira:projectSettingsPage', project: { key: 'DEMO' } },
    siteUrl: `${host.url}/sites/local`,
  });
  expect(surface.invokePath).toBe('/_sandbox/api/invoke');
  expect(surface.invokeBody).toMatchObject({
    moduleKey: 'tandem-project-settings',
    accountId: surface.context.accountId,
  });

  const asUser = surfaceOf((await get(host, `/projects/DEMO/settings?as=${DEMO_USERS.user.email}`)).text);
  expect(asUser.context.accountId).toBe(accountId(host, DEMO_USERS.user.email));
  expect((await get(host, '/projects/NOPE/settings')).status).toBe(404);
});

test('the invoke body the page embeds runs the settings resolver through the control API', async () => {
  const surface = surfaceOf((await get(host, '/projects/DEMO/settings')).text);
  const res = await fetch(`${host.url}${surface.invokePath}/health%2Fget`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(surface.invokeBody),
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({
    ok: true,
    result: { ok: true },
    invocation: { functionKey: 'settings-resolver' },
  });
});

test('the Custom UI resource is served with the bridge shim as the first script, and nothing outside it', async () => {
  const index = await get(host, '/_sandbox/web/custom-ui/settings-ui/');
  expect(index.status).toBe(200);
  const head = /<head[^>]*>\s*(<script[^>]*><\/script>)/.exec(index.text);
  expect(head?.[1]).toBe('<script src="/_sandbox/web/assets/custom-ui-bridge.js"></script>');
  expect(index.text).toContain('Fixture settings page');
  const css = await get(host, '/_sandbox/web/custom-ui/settings-ui/app.css');
  expect(css.headers.get('content-type')).toContain('text/css');
  expect((await get(host, '/_sandbox/web/custom-ui/settings-ui/..%2f..%2fcustom-ui.test.ts')).status).toBe(
    404,
  );
  expect((await get(host, '/_sandbox/web/custom-ui/issue-panel-ui/')).status).toBe(404);

  const shim = await get(host, '/_sandbox/web/assets/custom-ui-bridge.js');
  expect(shim.headers.get('content-type')).toContain('javascript');
  expect(shim.text).toContain('__bridge');
});

test('the acting-as switch remembers the account in a cookie and goes back', async () => {
  const switched = await postForm(host, '/_sandbox/web/acting-user', {
    email: DEMO_USERS.user.email,
    returnTo: '/issues/DEMO-1?as=x',
  });
  expect(switched.status).toBe(303);
  expect(switched.headers.get('location')).toBe('/issues/DEMO-1');
  const cookie = (switched.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(cookie).toBe(`tandem-sandbox-as=${encodeURIComponent(DEMO_USERS.user.email)}`);
  const page = await get(host, '/projects/DEMO/settings', cookie);
  expect(flat(page.text)).toContain(`<option value="${DEMO_USERS.user.email}" selected>`);
  expect(page.text).toContain('Only project admins see this page in Jira');

  const offsite = await postForm(host, '/_sandbox/web/acting-user', {
    email: DEMO_USERS.admin.email,
    returnTo: '//evil.example/x',
  });
  expect(offsite.headers.get('location')).toBe('/');
  expect((await postForm(host, '/_sandbox/web/acting-user', { email: 'nobody@example.com' })).status).toBe(
    400,
  );
});

test('@forge/bridge in the frame reaches the resolver and the context through the shim and the host page', async () => {
  const { app, style } = await openSettingsFrame(host);
  await expect(app.invoke('health/get')).resolves.toEqual({ ok: true, checks: { runtime: 'ok' } });
  const run = host.invocations().at(-1);
  expect(run).toMatchObject({
    functionKey: 'settings-resolver',
    moduleKey: 'tandem-project-settings',
    outcome: 'ok',
  });

  await expect(app.getContext()).resolves.toMatchObject({
    accountId: accountId(host, DEMO_USERS.admin.email),
    extension: { type: 'jira:projectSettingsPage', project: { key: 'DEMO' } },
  });
  await expect(app.invoke('no/such-key')).rejects.toThrow(/no-such|no\/such|not found|definition/i);
  // The frame reported its height and the page sized the iframe to it.
  expect(style.height).toBe('640px');
});
