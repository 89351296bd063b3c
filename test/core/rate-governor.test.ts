/**
 * The rate governor against the emulator's documented limits (sandbox/jira/rate-limits): each
 * `RateLimit-Reason` answered its own way. Time is the test's, not the wall's: the emulator's limits and the
 * governor read the same clock, and the governor's sleeps move it.
 */
import { z } from 'zod';
import { JiraEmulator, seedDemo } from '../../sandbox/jira';
import { JiraClient } from '../../src/connectors/jira/jira-client';
import type { JiraTransport } from '../../src/connectors/jira/jira-transport';
import {
  RateGovernor,
  readJiraRateHeaders,
  type GovernorState,
  type GovernorStore,
  type Lane,
} from '../../src/core/rate';

function world() {
  let now = Date.UTC(2026, 2, 2, 14, 0, 0);
  const emulator = new JiraEmulator({ wallClock: () => now });
  seedDemo(emulator);
  const sent: string[] = [];
  const transport: JiraTransport = async (path, init) => {
    const [bare, query = ''] = path.split('?');
    sent.push(`${init.method} ${bare ?? path}`);
    const answer = await emulator.handle(
      {
        site: 'local',
        method: init.method,
        path: bare ?? path,
        query: Object.fromEntries(new URLSearchParams(query)),
        headers: init.headers ?? {},
        body: init.body === undefined ? undefined : Buffer.from(init.body),
        fromApp: true,
      },
      { kind: 'app' },
    );
    const text = answer.body.toString('utf8');
    return {
      status: answer.status,
      headers: { get: (name: string) => answer.headers[name.toLowerCase()] ?? null },
      text: () => Promise.resolve(text),
      arrayBuffer: () => Promise.resolve(new Uint8Array(answer.body).buffer),
    };
  };
  let shared: GovernorState | undefined;
  let saves = 0;
  const store: GovernorStore = {
    load: () => Promise.resolve(shared),
    save: (state) => {
      shared = state;
      saves += 1;
      return Promise.resolve();
    },
  };
  const client = (lane: Lane) =>
    new JiraClient(
      transport,
      'Jira',
      new RateGovernor('Jira', lane, {
        now: () => now,
        sleep: (ms) => {
          now += ms;
          return Promise.resolve();
        },
        schedule: (_lane, send) => send(),
        read: readJiraRateHeaders,
        store,
      }),
    );
  return {
    emulator,
    sent,
    client,
    advance: (ms: number) => (now += ms),
    now: () => now,
    shared: () => shared,
    saves: () => saves,
  };
}

const Any = z.unknown();
const getIssue = (client: JiraClient, key = 'DEMO-1') =>
  client.json(`/rest/api/3/issue/${key}`, Any, { query: { fields: 'summary' } });

describe('quota (jira-quota-tenant-based)', () => {
  it('stops background work at the reserve until the reset, while live work spends the reserve', async () => {
    const w = world();
    w.emulator.setRateLimits('local', { quotaPoints: 100, quotaWindowSeconds: 3600 });
    const background = w.client('background');
    // Each read costs 2 points; the reserve is 10 points.
    for (let i = 0; i < 45; i += 1) await getIssue(background);
    const paused = await getIssue(background).catch((e: unknown) => e);
    expect(paused).toMatchObject({
      code: 'rate_limited',
      reason: 'quota-reserve',
      untilMs: Date.UTC(2026, 2, 2, 15, 0, 0),
      message: expect.stringContaining("waiting for Jira's rate limit until 15:00 UTC") as unknown,
    });
    expect(w.sent).toHaveLength(45);

    // A person's edit in another invocation still crosses: it learns the reserve from storage and spends it.
    const live = w.client('live');
    for (let i = 0; i < 5; i += 1) await getIssue(live);
    expect(w.sent).toHaveLength(50);
    // Now Jira refuses for the quota; nobody asks again before the reset.
    await expect(getIssue(live)).rejects.toMatchObject({ code: 'rate_limited', reason: 'quota' });
    expect(w.sent).toHaveLength(51);
    await expect(getIssue(w.client('live'))).rejects.toMatchObject({ reason: 'quota' });
    await expect(getIssue(w.client('background'))).rejects.toMatchObject({ reason: 'quota' });
    expect(w.sent).toHaveLength(51);
    expect(w.emulator.rateLimitUsage('local').totals.limited['jira-quota-tenant-based']).toBe(1);

    w.advance(3600_000);
    await getIssue(w.client('background'));
    expect(w.sent).toHaveLength(52);
  });

  it('stores the quota reading as it moves (within 1 % of the limit), not at every call', async () => {
    const w = world();
    w.emulator.setRateLimits('local', { quotaPoints: 10_000, quotaWindowSeconds: 3600 });
    const background = w.client('background');
    // 200 reads at 2 points: 400 points, 4 % of the quota.
    for (let i = 0; i < 200; i += 1) await getIssue(background);
    const used = w.emulator.rateLimitUsage('local').window?.used ?? 0;
    expect(used).toBe(400);
    const stored = w.shared()?.quota;
    expect(stored?.limit).toBe(10_000);
    expect(Math.abs(10_000 - (stored?.remaining ?? 0) - used)).toBeLessThanOrEqual(100);
    expect(w.saves()).toBeGreaterThanOrEqual(4);
    expect(w.saves()).toBeLessThanOrEqual(6);
  });
});

describe('burst (jira-burst-based)', () => {
  it('slows only that endpoint, waiting out the short pause in the call', async () => {
    const w = world();
    w.emulator.setRateLimits('local', { burstPerSecond: 2 });
    const client = w.client('background');
    const started = w.now();
    for (let i = 0; i < 5; i += 1) await getIssue(client);
    expect(w.now() - started).toBeGreaterThanOrEqual(2000);
    // At most one 429 per one-second window (the 3rd and 5th calls), then the governor waited instead of
    // asking again: no 429 storm.
    expect(w.emulator.rateLimitUsage('local').totals.limited['jira-burst-based']).toBe(2);
    expect(w.sent.filter((s) => s.startsWith('GET'))).toHaveLength(7);
    // Another endpoint is not held by that pause.
    const before = w.now();
    await client.json('/rest/api/3/myself', Any);
    expect(w.now()).toBe(before);
  });
});

describe('per issue (jira-per-issue-on-write)', () => {
  it('spaces the writes to that issue and lets other issues be written', async () => {
    const w = world();
    w.emulator.setRateLimits('local', { perIssueWrites: 2, perIssueWindowSeconds: 30 });
    const client = w.client('background');
    const edit = (key: string, summary: string) =>
      client.empty(`/rest/api/3/issue/${key}`, { method: 'PUT', json: { fields: { summary } } });
    await edit('DEMO-1', 'a');
    await edit('DEMO-1', 'b');
    // The third write to DEMO-1 is refused for 30 s: longer than a call waits, so it goes back to the queue.
    await expect(edit('DEMO-1', 'c')).rejects.toMatchObject({ code: 'rate_limited', reason: 'per-issue' });
    const sentBefore = w.sent.length;
    await expect(edit('DEMO-1', 'd')).rejects.toMatchObject({ reason: 'per-issue' });
    expect(w.sent).toHaveLength(sentBefore);
    await edit('DEMO-2', 'other');
    expect(w.emulator.site('local').requireIssue('DEMO-1').summary).toBe('b');
    w.advance(30_000);
    await edit('DEMO-1', 'c');
    expect(w.emulator.site('local').requireIssue('DEMO-1').summary).toBe('c');
  });
});
