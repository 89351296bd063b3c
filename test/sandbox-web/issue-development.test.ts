/**
 * Issue 7's "done when", end to end over HTTP: a signed GitHub push to the demo integration's web trigger URL
 * puts its commit and branch in the emulated devinfo store, and DEMO's issue view shows them in its
 * Development card with links; a pull request shows with its status. An unsigned push shows nothing.
 */
import type { SandboxHost } from '../../sandbox/host';
import { seedDemoGitIntegrations, type DemoGitIntegration } from '../../sandbox/devinfo-seed';
import { deliver, githubSignature } from '../devinfo/harness';
import { examplePullRequest, examplePush } from '../devinfo/example-events';
import { flat, get, startWebHost } from './helpers';

let host: SandboxHost;
let github: DemoGitIntegration & { secret: string };

beforeAll(async () => {
  host = await startWebHost();
  const seeded = seedDemoGitIntegrations(host).find((i) => i.server === 'github');
  if (!seeded?.secret) throw new Error('the demo seed made no GitHub integration with a secret');
  github = { ...seeded, secret: seeded.secret };
});
afterAll(async () => {
  await host.close();
});

let n = 0;
function sendGithub(event: string, payload: unknown, secret = github.secret) {
  const body = JSON.stringify(payload);
  return deliver(
    github.webhookUrl,
    {
      'X-GitHub-Event': event,
      'X-GitHub-Delivery': `issue-development-${String(process.pid)}-${String(++n)}`,
      'X-Hub-Signature-256': githubSignature(secret, body),
    },
    body,
  );
}

async function settled(): Promise<void> {
  const result = await host.settle(20_000);
  if (!result.settled) throw new Error(`the host did not settle: ${JSON.stringify(result.pending)}`);
}

/** The Development card of an issue page, flattened. */
async function developmentCard(key: string): Promise<string> {
  const page = await get(host, `/issues/${key}`);
  expect(page.status).toBe(200);
  const text = flat(page.text);
  const start = text.indexOf('<section class="card" aria-label="Development">');
  expect(start).toBeGreaterThan(-1);
  return text.slice(start, text.indexOf('</section>', start));
}

test('before any push, the Development card says nothing names the issue', async () => {
  expect(await developmentCard('DEMO-3')).toContain(
    'No branches, commits or pull requests name this issue yet.',
  );
});

test('a signed GitHub push shows its commit and branch on the DEMO issue it names, in the store and the view', async () => {
  const push = examplePush('DEMO-3');
  const commit = push.commits[0]!;
  expect((await sendGithub('push', push)).status).toBe(202);
  await settled();

  const stored = JSON.stringify(host.emulator.devInfoForIssue('local', 'DEMO-3'));
  expect(stored).toContain(commit.id);

  const card = await developmentCard('DEMO-3');
  expect(card).toContain('1 branch · 1 commit · 0 pull requests');
  expect(card).toContain(
    `<a href="${commit.url}" target="_blank" rel="noreferrer noopener">${commit.id.slice(0, 7)}</a>`,
  );
  expect(card).toContain(commit.message);
  expect(commit.message).toMatch(/^DEMO-3 /);
  expect(card).toContain('>DEMO-3-master</a>');
  expect(card).toContain(push.repository.full_name);
  // Another issue's view does not show it.
  expect(await developmentCard('DEMO-4')).not.toContain(commit.id.slice(0, 7));
});

test('a pull request shows with its status and link', async () => {
  const pr = examplePullRequest('DEMO-3');
  expect((await sendGithub('pull_request', pr)).status).toBe(202);
  await settled();
  const card = await developmentCard('DEMO-3');
  expect(card).toContain('1 pull request');
  expect(card).toMatch(/<span class="lozenge inprogress">OPEN<\/span>/);
  expect(card).toContain(`href="${pr.pull_request.html_url}"`);
  expect(card).toContain(pr.pull_request.title);
});

test('a push signed with the wrong secret is refused and shows nowhere', async () => {
  const push = examplePush('DEMO-5');
  expect((await sendGithub('push', push, 'not-the-secret')).status).toBe(401);
  await settled();
  expect(host.emulator.devInfoForIssue('local', 'DEMO-5')).toEqual([]);
  expect(await developmentCard('DEMO-5')).toContain('No branches, commits or pull requests');
});
