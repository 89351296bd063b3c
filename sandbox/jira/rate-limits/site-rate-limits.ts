/**
 * Jira Cloud's three limits for one site, all at once ("Rate limiting" and "Build an app that respects rate
 * limits", developer.atlassian.com/cloud/jira/platform/): the app's hourly points quota per tenant, a burst
 * budget per endpoint and method per second, and a write limit per issue. Each refusal is a 429 naming its
 * `RateLimit-Reason`. The quota counts app traffic only (Forge, Connect, OAuth apps); "API token-based
 * traffic is not affected ... and will continue to be governed by existing burst rate limits".
 */
import type { Reply } from '../http/reply';
import { pointsFor } from './cost';
import { limitedHeaders, quotaHeaders, type QuotaState } from './headers';
import { LIMIT_REASONS, type LimitReason } from './reasons';
import { changeSettings, NO_RATE_LIMITS, type RateLimitChange, type RateLimitSettings } from './settings';
import { WindowCounter } from './window-counter';

export interface LimitedCall {
  readonly method: string;
  /** The route template, e.g. `/rest/api/3/issue/{issueIdOrKey}`: Jira's burst budget is per endpoint. */
  readonly pattern: string;
  /** The issue a write goes to, when the route names one. */
  readonly issueId: string | undefined;
  readonly write: boolean;
  /** App traffic, which the points quota counts. */
  readonly charged: boolean;
}

export interface RateLimitUsage {
  readonly settings: RateLimitSettings;
  /** Points spent in the current quota window, and when it resets (ISO), when a quota is set. */
  readonly window: { readonly used: number; readonly remaining: number; readonly resetAt: string } | null;
  readonly totals: {
    readonly points: number;
    readonly requests: number;
    readonly limited: Readonly<Record<LimitReason, number>>;
  };
}

function noneLimited(): Record<LimitReason, number> {
  return Object.fromEntries(LIMIT_REASONS.map((r) => [r, 0])) as Record<LimitReason, number>;
}

export class SiteRateLimits {
  private settings: RateLimitSettings;
  private quota = this.quotaCounter();
  private readonly bursts = new Map<string, WindowCounter>();
  private readonly issueWrites = new Map<string, WindowCounter>();
  private points = 0;
  private requests = 0;
  private limited = noneLimited();

  constructor(settings: RateLimitSettings = NO_RATE_LIMITS) {
    this.settings = settings;
  }

  get current(): RateLimitSettings {
    return this.settings;
  }

  update(change: RateLimitChange): void {
    this.settings = changeSettings(this.settings, change);
  }

  /** Starts every window afresh and zeroes the totals (the control API's `resetUsage`). */
  resetUsage(): void {
    this.quota = this.quotaCounter();
    this.bursts.clear();
    this.issueWrites.clear();
    this.points = 0;
    this.requests = 0;
    this.limited = noneLimited();
  }

  /** A 429 when a limit refuses the call, checked quota first: an exhausted quota refuses every endpoint. */
  admit(call: LimitedCall, now: number): Reply | undefined {
    const { quotaPoints, burstPerSecond, perIssueWrites } = this.settings;
    const quota = this.quotaState(now);
    if (call.charged && quota !== null && quotaPoints !== null && quota.used >= quotaPoints)
      return this.refuse('jira-quota-tenant-based', quota.resetAt, now, call, 'Rate limit exceeded: quota.');

    const burst = this.counter(this.bursts, `${call.method} ${call.pattern}`, () => 1000);
    if (burstPerSecond !== null && burst.usedAt(now) >= burstPerSecond)
      return this.refuse('jira-burst-based', burst.resetAt(now), now, call, 'Rate limit exceeded.', {
        'x-ratelimit-limit': String(burstPerSecond),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': new Date(burst.resetAt(now)).toISOString(),
      });

    const issue =
      call.write && call.issueId !== undefined
        ? this.counter(this.issueWrites, call.issueId, () => this.settings.perIssueWindowSeconds * 1000)
        : undefined;
    if (issue && perIssueWrites !== null && issue.usedAt(now) >= perIssueWrites)
      return this.refuse(
        'jira-per-issue-on-write',
        issue.resetAt(now),
        now,
        call,
        'Rate limit exceeded: too many writes to this issue.',
      );

    burst.add(now, 1);
    issue?.add(now, 1);
    return undefined;
  }

  /** Charges a served call its points and adds the quota headers to the answer an app gets. */
  settle(call: LimitedCall, reply: Reply, now: number): Reply {
    this.requests += 1;
    if (!call.charged) return reply;
    const cost = pointsFor(
      call.method,
      call.pattern,
      reply.status,
      reply.kind === 'json' ? reply.body : null,
    );
    this.points += cost;
    this.quota.add(now, cost);
    const quota = this.quotaState(now);
    return quota === null ? reply : { ...reply, headers: { ...reply.headers, ...quotaHeaders(quota, now) } };
  }

  usage(now: number): RateLimitUsage {
    const quota = this.quotaState(now);
    return {
      settings: this.settings,
      window:
        quota === null
          ? null
          : {
              used: quota.used,
              remaining: Math.max(0, quota.quotaPoints - quota.used),
              resetAt: new Date(quota.resetAt).toISOString(),
            },
      totals: { points: this.points, requests: this.requests, limited: { ...this.limited } },
    };
  }

  private quotaCounter(): WindowCounter {
    return new WindowCounter(() => this.settings.quotaWindowSeconds * 1000);
  }

  private quotaState(now: number): QuotaState | null {
    const { quotaPoints, quotaWindowSeconds } = this.settings;
    if (quotaPoints === null) return null;
    return {
      quotaPoints,
      windowSeconds: quotaWindowSeconds,
      used: this.quota.usedAt(now),
      resetAt: this.quota.resetAt(now),
    };
  }

  private counter(map: Map<string, WindowCounter>, key: string, windowMs: () => number): WindowCounter {
    let counter = map.get(key);
    if (!counter) {
      counter = new WindowCounter(windowMs);
      map.set(key, counter);
    }
    return counter;
  }

  private refuse(
    reason: LimitReason,
    retryAt: number,
    now: number,
    call: LimitedCall,
    message: string,
    extra: Record<string, string> = {},
  ): Reply {
    this.limited[reason] += 1;
    const quota = call.charged ? this.quotaState(now) : null;
    return {
      kind: 'json',
      status: 429,
      body: { errorMessages: [message], errors: {} },
      headers: {
        ...(quota === null ? {} : quotaHeaders(quota, now)),
        ...extra,
        ...limitedHeaders(reason, retryAt, now),
      },
    };
  }
}
