/** State under the state directory survives a restart; scheduled triggers run at interval / speed. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { call, kvsValues, resolve, startTestHost } from './helpers';

let stateDir: string;

beforeAll(() => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-sandbox-'));
});

afterAll(() => {
  rmSync(stateDir, { recursive: true, force: true });
});

test('KVS, Jira, web trigger URLs and queued events survive a restart', async () => {
  const first = await startTestHost({ stateDir });
  await resolve(first, 'kvs/roundtrip', { value: 'kept' });
  const created = z.object({ key: z.string() }).parse(await resolve(first, 'jira/create-as-user'));
  const url = first.webtriggerUrl('hook');
  // 900 s scaled by 0.01: still waiting when the host stops.
  await resolve(first, 'queue/push', {
    queue: 'work',
    events: [{ body: { id: 'across' }, delayInSeconds: 900 }],
  });
  await first.close();

  const second = await startTestHost({ stateDir });
  try {
    expect(kvsValues(second, 'greeting')).toEqual(['kept']);
    expect(second.emulator.site('local').findIssue(created.key)).toBeDefined();
    const moved = url.replace(/^http:\/\/127\.0\.0\.1:\d+/, second.url);
    expect((await fetch(moved, { method: 'POST', body: '{}' })).status).toBe(201);
    expect((await call(second, 'GET', '/_sandbox/api/health')).body).toMatchObject({ pending: { queue: 1 } });
  } finally {
    await second.close();
  }
});

test('scheduled triggers run by themselves when a speed is set', async () => {
  // fiveMinute / 3000 = 100 ms.
  const host = await startTestHost({ scheduleSpeed: 3000, seed: 'none' });
  try {
    await new Promise((r) => setTimeout(r, 450));
    expect(kvsValues(host, 'tick:').length).toBeGreaterThanOrEqual(2);
  } finally {
    await host.close();
  }
});
