import { checkRequestTraffic, checkResponseTraffic } from './contract/check-traffic';
import { sharedContractValidator } from './contract/validator';
import { devInfoForIssueKey } from './domain/devinfo-store';
import { actorFor, identityFromBasicAuth, identityFromBearer } from './identity';
import { checkRoutePermission } from './http/permission-gate';
import { SiteFaults } from './faults';
import {
  isRead,
  NO_RATE_LIMITS,
  SiteRateLimits,
  type RateLimitChange,
  type RateLimitSettings,
  type RateLimitUsage,
} from './rate-limits';
import type { EmulatorLimits, RequestContext } from './http/context';
import { QueryReader } from './http/query';
import { JiraHttpError, type Reply } from './http/reply';
import type { RouteMatch, Router } from './http/router';
import type { Actor } from './domain/actor';
import { AdminWebhookDeliverer } from './admin-webhook-delivery';
import { createRouter } from './routes';
import { Site, emptySiteState } from './site';
import { EmulatorSnapshotSchema, type EmulatorSnapshot, type JsonRecord, type SiteState } from './state';
import type {
  ContractViolation,
  EmulatorRequest,
  EmulatorResponse,
  FaultSettings,
  Identity,
  JiraEventListener,
  JiraProductEvent,
} from './types';

export interface JiraEmulatorOptions {
  /** Clock for timestamps on issues, comments and events (epoch ms). */
  readonly now?: () => number;
  /** Public base URL of a site, used in `self` links; `serve` sets it to the listening address. */
  readonly baseUrl?: (site: string) => string;
  /** Validate every request and response against Atlassian's OpenAPI documents (on in tests). */
  readonly contract?: boolean;
  readonly limits?: Partial<EmulatorLimits>;
  /** The site the app is installed on: the only one with development information. */
  readonly localSite?: string;
  /**
   * Clock of the rate limits (epoch ms); separate from `now` because tests freeze `now` but still pace
   * requests, and a test of an hour's quota moves this one.
   */
  readonly wallClock?: () => number;
  /** Every site's rate limits until `setRateLimits` changes one: none by default (`npm start` sets Jira's). */
  readonly rateLimits?: RateLimitSettings;
}

const DEFAULT_LIMITS: EmulatorLimits = { attachmentMaxBytes: 10 * 1024 * 1024 };

/**
 * A stateful Jira Cloud emulator for several sites. `handle` is transport-neutral: the HTTP server in
 * `serve.ts` and the Forge host's `requestJira` both call it, each resolving the caller's identity first.
 */
export class JiraEmulator {
  private readonly sites = new Map<string, Site>();
  private readonly faults = new Map<string, SiteFaults>();
  private readonly rateLimits = new Map<string, SiteRateLimits>();
  private readonly defaultRateLimits: RateLimitSettings;
  private readonly listeners = new Set<JiraEventListener>();
  /** The sites' admin webhooks, sent after each change (admin-webhook-delivery.ts). */
  readonly adminWebhooks = new AdminWebhookDeliverer();
  private readonly router: Router = createRouter();
  private readonly violations: ContractViolation[] = [];
  private readonly limits: EmulatorLimits;
  private readonly localSite: string;
  private readonly contract: boolean;
  private clock: () => number;
  private wallClock: () => number;
  private baseUrlFor: (site: string) => string;

  constructor(options: JiraEmulatorOptions = {}) {
    this.clock = options.now ?? Date.now;
    this.baseUrlFor = options.baseUrl ?? ((site) => `https://${site}.atlassian.net`);
    this.contract = options.contract ?? false;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.localSite = options.localSite ?? 'local';
    this.wallClock = options.wallClock ?? Date.now;
    this.defaultRateLimits = options.rateLimits ?? NO_RATE_LIMITS;
  }

  // --- configuration ------------------------------------------------------------------------------------------

  private siteEnv(): { now: () => number; baseUrl: (site: string) => string } {
    return { now: () => this.clock(), baseUrl: (site) => this.baseUrlFor(site) };
  }

  addSite(name: string, options: { flavor?: SiteState['flavor'] } = {}): Site {
    if (this.sites.has(name)) throw new Error(`site '${name}' already exists`);
    const site = new Site(emptySiteState(name, options.flavor), this.siteEnv());
    this.sites.set(name, site);
    return site;
  }

  site(name: string): Site {
    const site = this.sites.get(name);
    if (!site) throw new Error(`no site '${name}'`);
    return site;
  }

  siteNames(): string[] {
    return [...this.sites.keys()];
  }

  setBaseUrl(baseUrl: (site: string) => string): void {
    this.baseUrlFor = baseUrl;
  }

  setClock(now: () => number): void {
    this.clock = now;
  }

  /** Runs `fn` with another clock installed, then puts the previous one back. */
  withClock<T>(now: () => number, fn: () => T): T {
    const previous = this.clock;
    this.clock = now;
    try {
      return fn();
    } finally {
      this.clock = previous;
    }
  }

  now(): number {
    return this.clock();
  }

  setFaults(site: string, change: Partial<FaultSettings>): void {
    let faults = this.faults.get(site);
    if (!faults) {
      faults = new SiteFaults();
      this.faults.set(site, faults);
    }
    faults.update(change);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  private siteRateLimits(site: string): SiteRateLimits {
    let limits = this.rateLimits.get(site);
    if (!limits) {
      limits = new SiteRateLimits(this.defaultRateLimits);
      this.rateLimits.set(site, limits);
    }
    return limits;
  }

  /** Changes one site's rate-limit figures; `resetUsage` also starts its windows and totals afresh. */
  setRateLimits(site: string, change: RateLimitChange, options: { resetUsage?: boolean } = {}): void {
    const limits = this.siteRateLimits(site);
    limits.update(change);
    if (options.resetUsage === true) limits.resetUsage();
  }

  /** The site's figures, its current quota window and its totals: points charged and 429s by reason. */
  rateLimitUsage(site: string): RateLimitUsage {
    return this.siteRateLimits(site).usage(this.wallClock());
  }

  /** Replaces the rate limits' clock (a test's host time). */
  setWallClock(now: () => number): void {
    this.wallClock = now;
  }

  // --- events and contract -------------------------------------------------------------------------------------

  /** Subscribes to product events; returns the unsubscribe function. */
  onEvent(listener: JiraEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get contractViolations(): readonly ContractViolation[] {
    return this.violations;
  }

  clearContractViolations(): void {
    this.violations.length = 0;
  }

  private deliver(events: readonly JiraProductEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          const result = listener(event);
          // A failing listener is the host's bug, not a failed Jira request: report it and keep delivering.
          if (result instanceof Promise)
            result.catch((err: unknown) => {
              console.error('jira emulator: event listener failed', err);
            });
        } catch (err) {
          console.error('jira emulator: event listener failed', err);
        }
      }
    }
  }

  // --- identity ------------------------------------------------------------------------------------------------

  /** Resolves HTTP basic auth (`email:apiToken`) to a user of the site, or `undefined`. */
  identityFromBasicAuth(siteName: string, authorization: string | undefined): Identity | undefined {
    const site = this.sites.get(siteName);
    return site ? identityFromBasicAuth(site, authorization) : undefined;
  }

  /** Basic auth on any site; on a Data Center site also a personal access token (`Bearer`). */
  identityFromAuthorization(siteName: string, authorization: string | undefined): Identity | undefined {
    const site = this.sites.get(siteName);
    if (!site) return undefined;
    return (
      identityFromBasicAuth(site, authorization) ??
      (site.dataCenter ? identityFromBearer(site, authorization) : undefined)
    );
  }

  // --- requests ------------------------------------------------------------------------------------------------

  async handle(req: EmulatorRequest, identity: Identity): Promise<EmulatorResponse> {
    const method = req.method.toUpperCase();
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const site = this.sites.get(req.site);
    if (!site)
      return serialize(new JiraHttpError(404, [`The emulator has no site '${req.site}'.`]).toReply());

    // The contracts are Cloud's v3 OpenAPI; no v2 document is checked, so Data Center traffic goes unchecked.
    const validator = this.contract && !site.dataCenter ? await sharedContractValidator() : undefined;
    const operationId = validator
      ? checkRequestTraffic(validator, req, method, headers, this.violations)
      : null;

    const reply = await this.dispatch(site, req, method, headers, identity);
    if (validator && operationId !== null)
      checkResponseTraffic(validator, req, method, operationId, reply, this.violations);
    const events = site.drainEvents();
    this.deliver(events);
    this.adminWebhooks.deliver(site, events);
    return serialize(reply);
  }

  private async dispatch(
    site: Site,
    req: EmulatorRequest,
    method: string,
    headers: Record<string, string>,
    identity: Identity,
  ): Promise<Reply> {
    const actor = actorFor(site, identity);
    if (!actor)
      return new JiraHttpError(401, ['Client must be authenticated to access this resource.']).toReply();
    const fault = await this.faults.get(site.name)?.apply();
    if (fault) return fault;
    const match = this.router.match(method, req.path);
    if (match.kind === 'method-not-allowed')
      return new JiraHttpError(405, [`Method ${method} is not allowed here.`]).toReply();
    if (
      match.kind === 'not-found' ||
      (match.route.localSiteOnly === true && site.name !== this.localSite) ||
      (match.route.flavor ?? 'cloud') !== site.state.flavor
    ) {
      return new JiraHttpError(404, [`No emulated endpoint for ${method} ${req.path}.`]).toReply();
    }
    const params = match.params;
    const limits = this.siteRateLimits(site.name);
    const issueParam = params.issueIdOrKey;
    const call = {
      method,
      pattern: match.route.pattern,
      issueId: issueParam === undefined ? undefined : (site.findIssue(issueParam)?.id ?? issueParam),
      write: !isRead(method, match.route.pattern),
      charged: identity.kind === 'app' || req.fromApp === true,
    };
    const limited = limits.admit(call, this.wallClock());
    if (limited) return limited;
    return limits.settle(call, await this.serve(site, req, match, actor, method, headers), this.wallClock());
  }

  private async serve(
    site: Site,
    req: EmulatorRequest,
    match: Extract<RouteMatch, { kind: 'found' }>,
    actor: Actor,
    method: string,
    headers: Record<string, string>,
  ): Promise<Reply> {
    const params = match.params;
    const ctx: RequestContext = {
      site,
      actor,
      query: new QueryReader(req.query),
      headers,
      body: req.body,
      limits: this.limits,
      param: (name) => {
        const value = params[name];
        if (value === undefined) throw new Error(`route ${match.route.pattern} has no parameter ${name}`);
        return value;
      },
    };
    try {
      checkRoutePermission(ctx, method, match.route.pattern);
      return await match.route.handler(ctx);
    } catch (err) {
      if (err instanceof JiraHttpError) return err.toReply();
      // An unexpected exception is an emulator bug; answer like Jira's 500 so the client sees a server fault.
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      return new JiraHttpError(500, [`Emulator failure: ${message}`]).toReply();
    }
  }

  // --- persistence and inspection ------------------------------------------------------------------------------

  toJSON(): EmulatorSnapshot {
    return {
      version: 1,
      sites: Object.fromEntries([...this.sites].map(([name, site]) => [name, structuredClone(site.state)])),
    };
  }

  /** Replaces all sites with a snapshot from `toJSON()`; anything malformed throws before state changes. */
  load(snapshot: unknown): void {
    const parsed = EmulatorSnapshotSchema.parse(snapshot);
    this.sites.clear();
    for (const [name, state] of Object.entries(parsed.sites))
      this.sites.set(name, new Site(state, this.siteEnv()));
  }

  /** Development information stored for an issue key, per repository, as the issue's development panel shows it. */
  devInfoForIssue(site: string, issueKey: string): JsonRecord[] {
    return devInfoForIssueKey(this.site(site), issueKey);
  }
}

function serialize(reply: Reply): EmulatorResponse {
  const headers: Record<string, string> = { ...reply.headers };
  switch (reply.kind) {
    case 'json':
      headers['content-type'] = 'application/json;charset=UTF-8';
      return { status: reply.status, headers, body: Buffer.from(JSON.stringify(reply.body)) };
    case 'bytes':
      headers['content-type'] = reply.contentType;
      return { status: reply.status, headers, body: reply.body };
    case 'empty':
      return { status: reply.status, headers, body: Buffer.alloc(0) };
  }
}
