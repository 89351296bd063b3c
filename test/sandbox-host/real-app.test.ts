/** The real manifest.yml and src/index.ts on the host: what `npm start` runs. */
import { z } from 'zod';
import { createHost, type SandboxHost } from '../../sandbox/host';
import { call } from './helpers';

let host: SandboxHost;

beforeAll(async () => {
  host = await createHost({ queueDelayScale: 0.01 });
});

afterAll(async () => {
  await host.close();
});

test('every function of the manifest is known to the host', async () => {
  const health = z
    .object({ functions: z.array(z.string()) })
    .parse((await call(host, 'GET', '/_sandbox/api/health')).body);
  expect(health.functions).toEqual(
    expect.arrayContaining([
      'on-jira-event',
      'on-scheduled-sync',
      'on-sync-work',
      'settings-resolver',
      'panel-resolver',
    ]),
  );
  expect(host.manifest.consumers).toEqual([
    { key: 'sync-work-consumer', queue: 'sync-work', function: 'on-sync-work' },
  ]);
  expect(host.manifest.functions.get('on-sync-work')?.timeoutSeconds).toBe(900);
});

test.each(['tandem-project-settings', 'tandem-issue-panel'])(
  'the %s resolver answers health/get',
  async (moduleKey) => {
    const answer = await call(host, 'POST', '/_sandbox/api/invoke/health/get', { context: { moduleKey } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      ok: true,
      result: { ok: true },
      invocation: { moduleKey, limitMs: 25_000 },
    });
  },
);

test('the health-check web trigger answers GET through its URL', async () => {
  const url = host.webtriggerUrl('health-check');
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true });
});

test('the scheduled sync runs and the host settles', async () => {
  const run = await call(host, 'POST', '/_sandbox/api/scheduled/sync-cycle-schedule/run');
  expect(run.body).toMatchObject({
    outcome: 'ok',
    invocation: { functionKey: 'on-scheduled-sync', limitMs: 55_000 },
  });
  expect((await call(host, 'POST', '/_sandbox/api/settle?timeoutMs=5000')).status).toBe(200);
});
