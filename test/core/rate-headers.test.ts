/** Reading each tracker's rate-limit headers into one shape, and the queue hops of a long wait. */
import { laneOf } from '../../src/core/work/run-work-item';
import {
  QUEUE_MAX_DELAY_S,
  queueDelaySeconds,
  readJiraRateHeaders,
  readRemainingResetHeaders,
} from '../../src/core/rate';

const headers = (values: Record<string, string>) => ({
  get: (name: string) => values[name.toLowerCase()] ?? null,
});
const NOW = Date.UTC(2026, 2, 2, 14, 0, 0);

it('reads Jira’s quota headers on a success and the reason of a 429', () => {
  const quota = {
    'beta-ratelimit-policy': '"tenant-app-quota";q=100100;w=3600',
    'beta-ratelimit': '"tenant-app-quota";r=420;t=300',
  };
  expect(readJiraRateHeaders(200, headers(quota), NOW)).toEqual({
    quota: { limit: 100100, remaining: 420, resetAtMs: NOW + 300_000 },
  });
  const reasons = {
    'jira-quota-tenant-based': 'quota',
    'jira-quota-global-based': 'quota',
    'jira-burst-based': 'burst',
    'jira-per-issue-on-write': 'per-issue',
  } as const;
  for (const [reason, kind] of Object.entries(reasons))
    expect(
      readJiraRateHeaders(429, headers({ ...quota, 'ratelimit-reason': reason, 'retry-after': '7' }), NOW)
        .limited,
    ).toEqual({ kind, retryAtMs: NOW + 7000 });
  // A quota refusal without Retry-After waits for the reset the quota headers name.
  expect(
    readJiraRateHeaders(429, headers({ ...quota, 'ratelimit-reason': 'jira-quota-tenant-based' }), NOW)
      .limited,
  ).toEqual({ kind: 'quota', retryAtMs: NOW + 300_000 });
});

it('reads GitHub’s primary and secondary limits and GitLab’s RateLimit headers', () => {
  const reset = String(NOW / 1000 + 600);
  const primary = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset };
  expect(readRemainingResetHeaders(403, headers(primary), NOW, 'x-ratelimit').limited).toEqual({
    kind: 'quota',
    retryAtMs: NOW + 600_000,
  });
  const secondary = { ...primary, 'x-ratelimit-remaining': '4000', 'retry-after': '60' };
  expect(readRemainingResetHeaders(403, headers(secondary), NOW, 'x-ratelimit').limited).toEqual({
    kind: 'burst',
    retryAtMs: NOW + 60_000,
  });
  // A plain 403 (no permission) is not a rate limit.
  expect(readRemainingResetHeaders(403, headers({}), NOW, 'x-ratelimit').limited).toBeUndefined();
  const gitlab = { 'ratelimit-limit': '600', 'ratelimit-remaining': '12', 'ratelimit-reset': reset };
  expect(readRemainingResetHeaders(200, headers(gitlab), NOW, 'ratelimit')).toEqual({
    quota: { limit: 600, remaining: 12, resetAtMs: NOW + 600_000 },
  });
});

it('waits out a reset further than the queue’s longest delay in hops', () => {
  expect(queueDelaySeconds(45 * 60_000)).toBe(QUEUE_MAX_DELAY_S);
  expect(queueDelaySeconds(1500)).toBe(2);
  expect(queueDelaySeconds(-5)).toBe(0);
});

it('puts a person’s work in the live lane and the rest in the background', () => {
  const cycle = (reason: 'event' | 'manual' | 'webhook' | 'schedule' | 'continuation' | 'follow-up') => ({
    kind: 'cycle' as const,
    body: { connectionId: 'c1', reason, busyRetries: 0 },
  });
  expect(['event', 'manual', 'webhook'].map((r) => laneOf(cycle(r as 'event')))).toEqual([
    'live',
    'live',
    'live',
  ]);
  expect(['schedule', 'continuation', 'follow-up'].map((r) => laneOf(cycle(r as 'schedule')))).toEqual([
    'background',
    'background',
    'background',
  ]);
  expect(
    laneOf({
      kind: 'backfill',
      body: { connectionId: 'c1', match: { local: 'summary', remote: 'summary' } },
    }),
  ).toBe('background');
});
