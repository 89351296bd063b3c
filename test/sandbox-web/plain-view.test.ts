/**
 * Plain views: list and show issues of every site; the forms edit, comment and transition through the site's
 * REST API as the acting account, so the emulator records the person and fires product events the app hears.
 */
import type { SandboxHost } from '../../sandbox/host';
import { DEMO_USERS, type JiraProductEvent } from '../../sandbox/jira';
import { accountId, flat, get, issueOn, postForm, startWebHost } from './helpers';

let host: SandboxHost;
const events: JiraProductEvent[] = [];

beforeAll(async () => {
  host = await startWebHost();
  host.emulator.onEvent((e) => {
    events.push(e);
  });
});

afterAll(async () => {
  await host.close();
});

const payloadKey = (e: JiraProductEvent): unknown => {
  const issue = e.payload.issue;
  return typeof issue === 'object' && issue !== null ? Reflect.get(issue, 'key') : undefined;
};

test('the host leaves /sites/<site>/view to the web pages', async () => {
  const page = await get(host, '/sites/local/view');
  if (page.headers.get('content-type')?.includes('json') === true) {
    throw new Error(
      `GET /sites/local/view answered ${page.status} from the Jira mount: sandbox/host/http/jira-mount.ts must claim only /sites/<site>/rest/… so the plain views can be served`,
    );
  }
  expect(page.status).toBe(200);
});

test('the plain list shows every project of a site with its issues', async () => {
  const local = await get(host, '/sites/local/view');
  expect(local.status).toBe(200);
  expect(local.text).toContain('href="/sites/local/view/DEMO-20"');
  const partner = await get(host, '/sites/partner/view');
  expect(partner.status).toBe(200);
  expect(flat(partner.text)).toContain('Partner<span class="subtle">(PARTNER)</span>');
  expect(partner.text).toContain('href="/sites/partner/view/PARTNER-7"');
  expect((await get(host, '/sites/nowhere/view')).status).toBe(404);
});

test('an edit in the plain view changes the issue in the emulator, as the acting person, and fires updated:issue', async () => {
  const before = events.length;
  const edited = await postForm(host, '/sites/local/view/DEMO-6/edit', {
    summary: 'Slow search on <big> projects',
    description: 'First line\r\nSecond line',
    labels: 'backend performance  search',
  });
  expect(edited.status).toBe(303);
  expect(edited.headers.get('location')).toBe('/sites/local/view/DEMO-6?done=edited');
  expect(issueOn(host, 'local', 'DEMO-6')).toMatchObject({
    summary: 'Slow search on <big> projects',
    labels: ['backend', 'performance', 'search'],
  });

  const fired = events.slice(before);
  expect(fired).toContainEqual(
    expect.objectContaining({
      site: 'local',
      eventType: 'avi:jira:updated:issue',
      byApp: false,
      atlassianId: accountId(host, DEMO_USERS.admin.email),
    }),
  );
  expect(fired.map(payloadKey)).toContain('DEMO-6');
  // The app's trigger ran for it.
  await host.settle(10_000);
  expect(host.invocations().some((i) => i.functionKey === 'on-jira-event')).toBe(true);

  // The page shows what was saved, escaped.
  const page = await get(host, '/sites/local/view/DEMO-6?done=edited');
  expect(flat(page.text)).toContain('<h1 class="issue-summary">Slow search on &lt;big&gt; projects</h1>');
  expect(page.text).toContain(
    '<textarea id="description" name="description">First line\nSecond line</textarea>',
  );
  expect(page.text).toContain('Issue updated.');
  expect((await get(host, '/issues/DEMO-6')).text).toContain('Slow search on &lt;big&gt; projects');
});

test('saving an unchanged form writes nothing', async () => {
  const before = events.length;
  const issue = issueOn(host, 'local', 'DEMO-7');
  const answer = await postForm(host, '/sites/local/view/DEMO-7/edit', {
    summary: issue.summary,
    description: 'Translate settings page to German.\nSeeded demo issue 7 on local.',
    labels: issue.labels.join(' '),
  });
  expect(answer.headers.get('location')).toBe('/sites/local/view/DEMO-7?done=unchanged');
  expect(events.length).toBe(before);
});

test('a comment on a partner issue is written as the acting person and fires commented:issue there', async () => {
  const before = events.length;
  const cookie = `tandem-sandbox-as=${encodeURIComponent(DEMO_USERS.user.email)}`;
  const answer = await postForm(
    host,
    '/sites/partner/view/PARTNER-2/comment',
    { body: 'Seen on the partner side' },
    cookie,
  );
  expect(answer.headers.get('location')).toBe('/sites/partner/view/PARTNER-2?done=commented');
  expect(events.slice(before)).toContainEqual(
    expect.objectContaining({
      site: 'partner',
      eventType: 'avi:jira:commented:issue',
      atlassianId: accountId(host, DEMO_USERS.user.email, 'partner'),
    }),
  );
  const page = await get(host, '/sites/partner/view/PARTNER-2', cookie);
  expect(page.text).toContain('Seen on the partner side');
});

test('a transition moves the issue and a bad one comes back as an error message', async () => {
  const ok = await postForm(host, '/sites/local/view/DEMO-1/transition', { transition: '21' });
  expect(ok.headers.get('location')).toBe('/sites/local/view/DEMO-1?done=transitioned');
  expect(issueOn(host, 'local', 'DEMO-1').statusId).toBe('10001');

  const bad = await postForm(host, '/sites/local/view/DEMO-1/transition', { transition: '999' });
  const location = bad.headers.get('location') ?? '';
  expect(location).toMatch(/^\/sites\/local\/view\/DEMO-1\?error=/);
  const page = await get(host, location);
  expect(page.text).toContain('Jira refused the change');

  const empty = await postForm(host, '/sites/local/view/DEMO-1/edit', { summary: ' ' });
  expect(decodeURIComponent(empty.headers.get('location') ?? '')).toContain(
    'summary: the summary is required',
  );
});
