/**
 * Automatic webhook installation (`git-integrations/auto-install`) against fake GitHub and GitLab APIs on
 * 127.0.0.1: the state goes in_progress → ready once the hook has delivered to Tandem, or error with the
 * server's message; running it again on a repository that has the hook adds no second one.
 */
import { z } from 'zod';
import { GitIntegrationSchema, type InstallState } from '../../src/core/devinfo/integration';
import { fakeGitHub, fakeGitLab, GOOD_TOKEN, type FakeGitServer } from './fake-git-servers';
import { settle, startDevInfoWorld, type DevInfoWorld } from './harness';
import { containing } from './matchers';
import { resolved } from './resolvers';

let w: DevInfoWorld;
let github: FakeGitServer;
let gitlab: FakeGitServer;
beforeAll(async () => {
  [w, github, gitlab] = await Promise.all([startDevInfoWorld(), fakeGitHub(), fakeGitLab()]);
});
afterAll(async () => {
  await Promise.all([w.close(), github.close(), gitlab.close()]);
});

const Started = z.object({ integration: GitIntegrationSchema });
const Listed = z.object({ integrations: z.array(GitIntegrationSchema) });

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

async function install(integrationId: string, apiBaseUrl: string, token = GOOD_TOKEN) {
  const started = await resolved(
    w,
    'git-integrations/auto-install',
    { integrationId, repository: 'acme/app', token, apiBaseUrl },
    Started,
  );
  expect(started.integration.install?.state).toBe<InstallState>('in_progress');
  await settle(w);
  const { integrations } = await resolved(w, 'git-integrations/list', {}, Listed);
  const found = integrations.find((i) => i.id === integrationId);
  expect(JSON.stringify(found)).not.toContain(token);
  return found?.install;
}

it('installs the GitHub hook, sees its ping, and is ready; a second run adds no hook', async () => {
  expect(await install('gh-demo', github.url)).toMatchObject({
    state: 'ready',
    created: true,
    hookId: '100',
  });
  expect(github.hooks).toHaveLength(1);
  expect(github.hooks[0]?.url).toBe(w.github.webhookUrl);
  // GitHub's ping reached Tandem, which answered 200 (ping acknowledged); the fake records it shortly after.
  await waitFor(() => github.hooks[0]?.lastCode === 200);
  expect(await install('gh-demo', github.url)).toMatchObject({
    state: 'ready',
    created: false,
    hookId: '100',
  });
  expect(github.hooks).toHaveLength(1);
});

it('installs the GitLab hook, sees its test push, and is ready; a second run adds no hook', async () => {
  const api = `${gitlab.url}/api/v4`;
  expect(await install('gl-demo', api)).toMatchObject({ state: 'ready', created: true });
  expect(gitlab.hooks).toHaveLength(1);
  await waitFor(() => gitlab.hooks[0]?.lastCode === 202);
  expect(await install('gl-demo', api)).toMatchObject({ state: 'ready', created: false });
  expect(gitlab.hooks).toHaveLength(1);
});

it("ends in error with the server's message when the token is refused", async () => {
  const result = await install('gh-demo', github.url, 'bad-token');
  expect(result).toMatchObject({ state: 'error', message: containing('Bad credentials') });
});
