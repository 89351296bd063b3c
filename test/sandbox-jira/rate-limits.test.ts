/**
 * Jira Cloud's three rate limits as Atlassian documents them ("Rate limiting" and "Build an app that respects
 * rate limits", developer.atlassian.com/cloud/jira/platform/): a points quota per tenant per hour for apps, a
 * burst budget per endpoint and method per second, and a write limit per issue, each refusing with 429, its
 * `RateLimit-Reason` and `Retry-After`; the quota headers on every answer an app gets.
 */
import { DEMO_USERS } from '../../sandbox/jira';
import { APP, basicAuth, callJson, obj, seededEmulator, startSeeded } from './harness';


function quotaHeader(headers: Readonly<Record<string, string>>): { r: number; t: number } {
  const match = /^"tenant-app-quota";r=(\d+);t=(\d+)$/.exec(headers['beta-ratelimit'] ?? '');
  if (!match) throw new Error(`no Beta-RateLimit header in ${JSON.stringify(headers)}`);
  return { r: Number(match[1]), t: Number(match[2]) };
}

describe('points quota (jira-quota-tenant-based)', () => {
  it('charges reads 1 plus the objects returned and writes their base cost, with the headers on every answer', async () => {
    let wall = Date.UTC(2026, 2, 2, 9, 0, 0);
    const emulator = seededEmulator({ wallClock: () => wall });
    emulator.setRateLimits('local', { quotaPoints: 1000, quotaWindowSeconds: 3600 });

    const search = await callJson(emulator, APP, 'local', 'POST', '/rest/api/3/search/jql', {
      body: { jql: 'project = DEMO ORDER BY key', maxResults: 3, fields: ['summary'] },
    });
    expect(search.status).toBe(200);
    expect(search.headers['beta-ratelimit-policy']).toBe('"tenant-app-quota";q=1000;w=3600');
    // Three issues returned: 1 + 3 points.
    expect(quotaHeader(search.headers)).toEqual({ r: 996, t: 3600 });
    expect(search.headers['x-beta-ratelimit-reset']).toBe(new Date(wall + 3600_000).toISOString());
    expect(search.headers['x-beta-ratelimit-nearlimit']).toBeUndefined();

    wall += 600_000;
    const edit = await callJson(emulator, APP, 'local', 'PUT', '/rest/api/3/issue/DEMO-1', {
      body: { fields: { summary: 'Edited' } },
    });
    expect(edit.status).toBe(204);
    expect(quotaHeader(edit.headers)).toEqual({ r: 995, t: 3000 });
    expect(emulator.rateLimitUsage('local').totals.points).toBe(5);
  });

  it('refuses every endpoint once the quota is spent, until the window resets, and flags the near limit', async () => {
    let wall = Date.UTC(2026, 2, 2, 9, 0, 0);
    const emulator = seededEmulator({ wallClock: () => wall });
    emulator.setRateLimits('local', { quotaPoints: 10, quotaWindowSeconds: 3600 });

    for (let i = 0; i < 4; i += 1) {
      const got = await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-1', {
        query: { fields: 'summary' },
      });
      expect(got.status).toBe(200); // 2 points each: 8 spent
    }
    const near = await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/myself');
    expect(near.status).toBe(200);
    expect(quotaHeader(near.headers).r).toBe(0);
    expect(near.headers['x-beta-ratelimit-nearlimit']).toBe('true');

    wall += 1_000_000;
    for (const [method, path] of [
      ['GET', '/rest/api/3/issue/DEMO-2'],
      ['PUT', '/rest/api/3/issue/DEMO-2'],
      ['POST', '/rest/api/3/search/jql'],
    ] as const) {
      const refused = await callJson(emulator, APP, 'local', method, path, {
        body:
          method === 'GET'
            ? undefined
            : method === 'PUT'
              ? { fields: { summary: 'x' } }
              : { jql: 'key = DEMO-2' },
      });
      expect(refused.status).toBe(429);
      expect(refused.headers['ratelimit-reason']).toBe('jira-quota-tenant-based');
      expect(refused.headers['retry-after']).toBe('2600');
      expect(quotaHeader(refused.headers)).toEqual({ r: 0, t: 2600 });
    }
    expect(emulator.site('local').requireIssue('DEMO-2').summary).not.toBe('x');
    expect(emulator.rateLimitUsage('local').totals.limited['jira-quota-tenant-based']).toBe(3);

    wall += 2_600_000;
    const after = await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/myself');
    expect(after.status).toBe(200);
    expect(quotaHeader(after.headers)).toEqual({ r: 8, t: 3600 });
  });

  it('does not count API-token traffic against the app quota, which meets only the other limits', async () => {
    const h = await startSeeded();
    try {
      h.emulator.setRateLimits('local', { quotaPoints: 1 });
      const viaToken = (): Promise<Response> =>
        fetch(`${h.server.siteUrl('local')}/rest/api/3/myself`, {
          headers: { authorization: basicAuth(DEMO_USERS.admin.email, DEMO_USERS.admin.apiToken) },
        });
      for (let i = 0; i < 3; i += 1) {
        const answer = await viaToken();
        expect(answer.status).toBe(200);
        expect(answer.headers.get('beta-ratelimit')).toBeNull();
      }
      expect((await callJson(h.emulator, APP, 'local', 'GET', '/rest/api/3/myself')).status).toBe(200);
      expect((await callJson(h.emulator, APP, 'local', 'GET', '/rest/api/3/myself')).status).toBe(429);
    } finally {
      await h.close();
    }
  });
});

describe('burst limit (jira-burst-based)', () => {
  it('counts per endpoint and method per second, answering Retry-After', async () => {
    let wall = 1_000_000;
    const emulator = seededEmulator({ wallClock: () => wall });
    emulator.setRateLimits('partner', { burstPerSecond: 3 });
    const get = (path: string) => callJson(emulator, APP, 'partner', 'GET', path);

    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await get('/rest/api/3/myself')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    wall += 400;
    const limited = await get('/rest/api/3/myself');
    expect(limited.status).toBe(429);
    expect(limited.headers['ratelimit-reason']).toBe('jira-burst-based');
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.headers['x-ratelimit-reset']).toBe(new Date(1_001_000).toISOString());
    expect(obj(limited.json).errorMessages).toEqual(['Rate limit exceeded.']);

    // Another endpoint, another method on a path, and another site each have their own budget.
    expect((await get('/rest/api/3/serverInfo')).status).toBe(200);
    expect((await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/myself')).status).toBe(200);

    wall += 600;
    expect((await get('/rest/api/3/myself')).status).toBe(200);
    expect(emulator.rateLimitUsage('partner').totals.limited['jira-burst-based']).toBe(3);
  });
});

describe('per-issue write limit (jira-per-issue-on-write)', () => {
  it('refuses writes to one issue beyond the window, by id or key alike, while reads and other issues pass', async () => {
    let wall = 5_000_000;
    const emulator = seededEmulator({ wallClock: () => wall });
    emulator.setRateLimits('local', { perIssueWrites: 2, perIssueWindowSeconds: 10 });
    const id = emulator.site('local').requireIssue('DEMO-1').id;
    const write = (issue: string, summary: string) =>
      callJson(emulator, APP, 'local', 'PUT', `/rest/api/3/issue/${issue}`, {
        body: { fields: { summary } },
      });

    expect((await write('DEMO-1', 'one')).status).toBe(204);
    const comment = await callJson(emulator, APP, 'local', 'POST', `/rest/api/3/issue/${id}/comment`, {
      body: { body: { type: 'doc', version: 1, content: [] } },
    });
    expect(comment.status).toBe(201);
    wall += 3000;
    const refused = await write(id, 'three');
    expect(refused.status).toBe(429);
    expect(refused.headers['ratelimit-reason']).toBe('jira-per-issue-on-write');
    expect(refused.headers['retry-after']).toBe('7');
    expect(emulator.site('local').requireIssue('DEMO-1').summary).toBe('one');

    expect((await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-1')).status).toBe(200);
    expect((await write('DEMO-2', 'other')).status).toBe(204);

    wall += 7000;
    expect((await write('DEMO-1', 'four')).status).toBe(204);
  });
});
