/**
 * Where the globals send an invocation's platform calls. Each call is checked against the invocation's
 * liveness first (a timed-out or returned invocation is refused), then routed by target as @forge/* builds it:
 * - `{ type: 'kvs', ... }` (@forge/kvs out/index.js) → the KVS service;
 * - `{ type: 'fpp', provider: 'app'|'user'|'none', remote: 'jira', accountId? }` (@forge/api out/api/fetch.js
 *   `__fetchProduct`) → the Jira emulator's local site, as the app or as the user;
 * - `{ type: 'fpp', remote: 'stargate' }` → the queue and the GraphQL web trigger operations;
 * and it is written to the request log, refused calls included.
 */
import { ExternalEndpointNotAllowedError } from '@forge/api/out/api/errors';
import { z } from 'zod';
import type { JiraEmulator } from '../jira';
import type { KvsService } from '../kvs/kvs-service';
import type { EgressPolicy } from './egress';
import type { HostFaults, KvsFaultStatus } from './host-faults';
import { bytesResponse, jsonResponse, parseJsonBody, queryOf, readRequest } from './fetch-shapes';
import { describeError } from './function-runner';
import { outsideInvocation, type Invocation, type InvocationPlatform } from './invocation-context';
import type { RequestInput, RequestLog } from './request-log';
import { passthroughFetch } from './runtime-globals';
import { handleStargate, stargateKind, type StargateDeps } from './stargate';

const TargetSchema = z.looseObject({
  type: z.string(),
  provider: z.string().optional(),
  remote: z.string().optional(),
  accountId: z.string().optional(),
});
type Target = z.infer<typeof TargetSchema>;

export interface PlatformDeps {
  kvs: KvsService;
  emulator: JiraEmulator;
  localSite: string;
  stargate: StargateDeps;
  egress: EgressPolicy;
  requests: RequestLog;
  faults: HostFaults;
  /** After a Jira call that may have changed state, so the host can persist the emulator. */
  onJiraWrite: () => void;
}

type LogBase = Omit<RequestInput, 'status' | 'ms' | 'invocationId' | 'functionKey'>;

/** @forge/api turns this header into an error (`handleProxyResponseErrors` in out/api/fetch.js). */
const proxyError = (status: number, reason: string, message: string): Response =>
  jsonResponse(status, { message }, { 'forge-proxy-error': reason });

const urlOf = (input: string | URL | Request): URL =>
  new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);

export class SandboxPlatform implements InvocationPlatform {
  constructor(private readonly deps: PlatformDeps) {}

  async forgeFetch(
    invocation: Invocation,
    rawTarget: unknown,
    path: string,
    init: RequestInit | undefined,
  ): Promise<Response> {
    const parsed = TargetSchema.safeParse(rawTarget);
    if (!parsed.success) throw new Error(`__forge_fetch__: unrecognised target ${JSON.stringify(rawTarget)}`);
    const target = parsed.data;
    const method = (init?.method ?? 'GET').toUpperCase();
    if (target.type === 'kvs') {
      const op = path.replace(/^\/api\/v1\//, '');
      const fault = this.deps.faults.kvsFault(invocation.spec.functionKey);
      return this.recorded(invocation, { target: 'kvs', method, path, identity: null, kvsOp: op }, () =>
        fault === undefined ? this.kvsCall(path, init) : Promise.resolve(kvsFaultResponse(fault)),
      );
    }
    if (target.type === 'fpp' && target.remote === 'jira')
      return this.jiraCall(invocation, target, path, method, init);
    if (target.type === 'fpp' && target.remote === 'stargate') {
      return this.recorded(
        invocation,
        { target: stargateKind(path.split('?')[0] ?? path), method, path, identity: 'app' },
        () => this.stargateCall(path, init),
      );
    }
    return this.recorded(invocation, { target: 'other', method, path, identity: null }, () =>
      Promise.resolve(
        proxyError(
          400,
          'PROXY_ERR',
          `The sandbox does not emulate the ${target.type}/${target.remote ?? '-'} target.`,
        ),
      ),
    );
  }

  async outboundFetch(
    invocation: Invocation,
    input: string | URL | Request,
    init: RequestInit | undefined,
  ): Promise<Response> {
    const url = urlOf(input);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const base: LogBase = { target: 'fetch', host: url.host, method, path: url.pathname, identity: null };
    if (invocation.live && !this.deps.egress.allows(url)) {
      this.deps.requests.record({
        ...base,
        invocationId: invocation.id,
        functionKey: invocation.spec.functionKey,
        status: null,
        refused: 'egress',
        ms: 0,
      });
      // The error @forge/api declares for this case: name REQUEST_EGRESS_ALLOWLIST_ERR, status 403.
      throw new ExternalEndpointNotAllowedError(url.href);
    }
    return this.recorded(invocation, base, () => outsideInvocation(() => passthroughFetch(input, init)));
  }

  // --- targets -----------------------------------------------------------------------------------------------------

  private async kvsCall(path: string, init: RequestInit | undefined): Promise<Response> {
    const request = await readRequest('http://kvs.sandbox', init);
    const body = parseJsonBody(request.body);
    if (!body.ok)
      return jsonResponse(400, { code: 'BAD_REQUEST', message: 'Request body is not valid JSON' });
    const result = this.deps.kvs.handle(path, body.value);
    return jsonResponse(result.status, result.body);
  }

  private jiraCall(
    invocation: Invocation,
    target: Target,
    path: string,
    method: string,
    init: RequestInit | undefined,
  ): Promise<Response> {
    const asUser = target.provider === 'user';
    const accountId = asUser ? (target.accountId ?? invocation.spec.accountId) : undefined;
    const url = new URL(path, 'http://jira.sandbox');
    const base: LogBase = {
      target: 'jira',
      site: this.deps.localSite,
      method,
      path: url.pathname,
      identity: asUser ? 'user' : 'app',
      ...(accountId !== undefined ? { accountId } : {}),
    };
    return this.recorded(invocation, base, async () => {
      // asUser() outside a user's invocation has nobody to act for; Forge asks for authentication.
      if (asUser && accountId === undefined) {
        return proxyError(
          401,
          'NEEDS_AUTHENTICATION_ERR',
          'asUser() needs a user: this invocation has no principal.',
        );
      }
      const request = await readRequest(url.href, init);
      const answer = await this.deps.emulator.handle(
        {
          site: this.deps.localSite,
          method: request.method,
          path: url.pathname,
          query: queryOf(url),
          headers: request.headers,
          body: request.body,
          fromApp: true,
        },
        accountId !== undefined ? { kind: 'user', accountId } : { kind: 'app' },
      );
      if (request.method !== 'GET') this.deps.onJiraWrite();
      return bytesResponse(answer.status, answer.headers, answer.body);
    });
  }

  private async stargateCall(path: string, init: RequestInit | undefined): Promise<Response> {
    const request = await readRequest('http://stargate.sandbox', init);
    const body = parseJsonBody(request.body);
    if (!body.ok) return jsonResponse(400, { message: 'Request body is not valid JSON' });
    const reply = handleStargate(this.deps.stargate, request.method, path.split('?')[0] ?? path, body.value);
    return jsonResponse(reply.status, reply.body);
  }

  // --- bookkeeping -------------------------------------------------------------------------------------------------

  private async recorded(
    invocation: Invocation,
    base: LogBase,
    call: () => Promise<Response>,
  ): Promise<Response> {
    const entry = { ...base, invocationId: invocation.id, functionKey: invocation.spec.functionKey };
    if (!invocation.live) {
      this.deps.requests.record({
        ...entry,
        status: null,
        refused: invocation.timedOut ? 'timeout' : 'returned',
        ms: 0,
      });
      invocation.assertLive(`${base.method} ${base.path}`);
    }
    const started = Date.now();
    try {
      const response = await call();
      this.deps.requests.record({ ...entry, status: response.status, ms: Date.now() - started });
      return response;
    } catch (error) {
      this.deps.requests.record({
        ...entry,
        status: null,
        error: describeError(error),
        ms: Date.now() - started,
      });
      throw error;
    }
  }
}

/**
 * An injected KVS refusal, in the shape Forge's storage answers: `{ code, message }` with the HTTP status; over a
 * quota or limit "a 429 status with an error code of RATE_LIMIT_EXCEEDED"
 * (https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs/). @forge/kvs turns it
 * into a ForgeKvsAPIError (out/utils/error-handling.js `checkResponseError`).
 */
function kvsFaultResponse(status: KvsFaultStatus): Response {
  return status === 429
    ? jsonResponse(429, { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded (injected)' })
    : jsonResponse(status, {
        code: 'INTERNAL_SERVER_ERROR',
        message: `Storage failed with ${status} (injected)`,
      });
}
