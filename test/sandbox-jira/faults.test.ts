import { DEMO_USERS, JiraEmulator, seedDemo, serveJiraEmulator } from '../../sandbox/jira';
import { APP, basicAuth, callJson, obj } from './harness';

describe('fault injection', () => {
  it('adds fixed latency', async () => {
    const emulator = new JiraEmulator();
    seedDemo(emulator);
    emulator.setFaults('local', { latencyMs: 60 });
    const started = Date.now();
    expect((await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/myself')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('injects 503s from a seeded RNG, so the same seed fails the same requests', async () => {
    const run = async (): Promise<number[]> => {
      const emulator = new JiraEmulator();
      seedDemo(emulator);
      emulator.setFaults('local', { errorRate: 0.4, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 25; i += 1)
        statuses.push((await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/myself')).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(200);
  });

  it('serves over HTTP only with valid basic auth', async () => {
    const emulator = new JiraEmulator();
    seedDemo(emulator);
    const server = await serveJiraEmulator(emulator);
    try {
      const url = `${server.siteUrl('local')}/rest/api/3/myself`;
      expect((await fetch(url)).status).toBe(401);
      expect(
        (await fetch(url, { headers: { authorization: basicAuth(DEMO_USERS.user.email, 'wrong') } })).status,
      ).toBe(401);
      const ok = await fetch(url, {
        headers: { authorization: basicAuth(DEMO_USERS.user.email, DEMO_USERS.user.apiToken) },
      });
      const me = obj(await ok.json());
      expect(me.emailAddress).toBe(DEMO_USERS.user.email);
      expect(me.self).toBe(
        `${server.siteUrl('local')}/rest/api/3/user?accountId=${encodeURIComponent(String(me.accountId))}`,
      );
    } finally {
      await server.close();
    }
  });
});
