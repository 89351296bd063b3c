/**
 * The control API under `/_sandbox/api/`: JSON over HTTP on 127.0.0.1, the contract tests, tools and
 * benchmarks drive the sandbox through. Bodies are parsed with zod; every answer is JSON.
 */
import { z } from 'zod';
import type { FaultControl } from './fault-control';
import { FaultsBodySchema } from './fault-control';
import { parseJsonBody } from './fetch-shapes';
import { LicenseBodySchema, type SandboxLicense } from './license';
import { RateLimitsBodySchema, rateLimitsView, updateRateLimits } from './rate-limit-control';
import type { JiraEmulator } from '../jira';
import { describeError } from './function-runner';
import { sendJson, type HttpRequest, type RouteHandler } from './http/http-types';
import type { InvocationLog } from './invocation-log';
import type { PendingWork } from './pending-work';
import type { RequestLog } from './request-log';
import { InvokeBodySchema, type InvokeBody, type InvokeReply } from './resolvers';
import type { Scheduler } from './scheduler';
import type { WebtriggerUrls } from './webtrigger-urls';

export const CONTROL_PREFIX = '/_sandbox/api';
const DEFAULT_SETTLE_MS = 30_000;
const MAX_SETTLE_MS = 10 * 60_000;

export interface ControlDeps {
  health(): unknown;
  demo(): unknown;
  scheduler: Scheduler;
  pending: PendingWork;
  requests: RequestLog;
  invocations: InvocationLog;
  faults: FaultControl;
  emulator: JiraEmulator;
  /** `undefined` when the site does not exist. */
  devInfo(site: string, issueKey: string): unknown;
  localSite: string;
  invoke(functionKey: string, body: InvokeBody): Promise<InvokeReply>;
  webtriggers: WebtriggerUrls;
  webtriggerModules: ReadonlySet<string>;
  license: SandboxLicense;
}

interface Reply {
  status: number;
  body: unknown;
}

type Handler = (req: HttpRequest, match: RegExpExecArray) => Reply | Promise<Reply>;

const error = (status: number, message: string): Reply => ({ status, body: { error: message } });

const SinceSchema = z.coerce.number().int().nonnegative().default(0);
const TimeoutSchema = z.coerce.number().int().positive().max(MAX_SETTLE_MS).default(DEFAULT_SETTLE_MS);
const WebtriggerBodySchema = z.strictObject({ forceCreate: z.boolean().optional() });

/** Parses the JSON body with `schema`; an empty body is `{}`. */
function parseBody<S extends z.ZodType>(
  req: HttpRequest,
  schema: S,
): { ok: true; value: z.output<S> } | { ok: false; reply: Reply } {
  const json = parseJsonBody(req.body);
  if (!json.ok) return { ok: false, reply: error(400, 'request body is not valid JSON') };
  const parsed = schema.safeParse(json.value ?? {});
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reply: error(400, z.prettifyError(parsed.error)) };
}

function queryParam<S extends z.ZodType>(
  req: HttpRequest,
  name: string,
  schema: S,
): { ok: true; value: z.output<S> } | { ok: false; reply: Reply } {
  const parsed = schema.safeParse(req.url.searchParams.get(name) ?? undefined);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reply: error(400, `query parameter ${name}: ${z.prettifyError(parsed.error)}`) };
}

function routes(deps: ControlDeps): { method: string; pattern: RegExp; handler: Handler }[] {
  return [
    { method: 'GET', pattern: /^\/health$/, handler: () => ({ status: 200, body: deps.health() }) },
    { method: 'GET', pattern: /^\/demo$/, handler: () => ({ status: 200, body: deps.demo() }) },
    {
      method: 'POST',
      pattern: /^\/scheduled\/([^/]+)\/run$/,
      handler: async (req, match) => {
        const key = decodeURIComponent(match[1] ?? '');
        if (!deps.scheduler.has(key)) return error(404, `no scheduledTrigger module '${key}'`);
        const running = deps.scheduler.runNow(key);
        if (req.url.searchParams.get('wait') === 'false') {
          running.catch(() => undefined);
          return { status: 202, body: { started: true } };
        }
        const result = await running;
        return { status: 200, body: { outcome: result.outcome, invocation: result.record } };
      },
    },
    {
      method: 'POST',
      pattern: /^\/settle$/,
      handler: async (req) => {
        const timeout = queryParam(req, 'timeoutMs', TimeoutSchema);
        if (!timeout.ok) return timeout.reply;
        const result = await deps.pending.settle(timeout.value);
        return { status: result.settled ? 200 : 504, body: result };
      },
    },
    {
      method: 'GET',
      pattern: /^\/requests$/,
      handler: (req) => {
        const since = queryParam(req, 'since', SinceSchema);
        if (!since.ok) return since.reply;
        const requests = deps.requests.since(since.value);
        return {
          status: 200,
          body: { lastSeq: deps.requests.lastSeq, requests, kvsOps: deps.requests.kvsOpCounts() },
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/invocations$/,
      handler: (req) => {
        const since = queryParam(req, 'since', SinceSchema);
        if (!since.ok) return since.reply;
        return {
          status: 200,
          body: { lastSeq: deps.invocations.lastSeq, invocations: deps.invocations.since(since.value) },
        };
      },
    },
    { method: 'GET', pattern: /^\/license$/, handler: () => ({ status: 200, body: deps.license.view() }) },
    {
      method: 'POST',
      pattern: /^\/license$/,
      handler: (req) => {
        const body = parseBody(req, LicenseBodySchema);
        if (!body.ok) return body.reply;
        deps.license.set(body.value.state);
        return { status: 200, body: deps.license.view() };
      },
    },
    { method: 'GET', pattern: /^\/faults$/, handler: () => ({ status: 200, body: deps.faults.view() }) },
    {
      method: 'POST',
      pattern: /^\/faults$/,
      handler: (req) => {
        const body = parseBody(req, FaultsBodySchema);
        if (!body.ok) return body.reply;
        const problem = deps.faults.update(body.value);
        return problem === undefined ? { status: 200, body: deps.faults.view() } : error(404, problem);
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/faults$/,
      handler: () => {
        deps.faults.reset();
        return { status: 200, body: deps.faults.view() };
      },
    },
    {
      method: 'GET',
      pattern: /^\/rate-limits$/,
      handler: () => ({ status: 200, body: rateLimitsView(deps.emulator) }),
    },
    {
      method: 'POST',
      pattern: /^\/rate-limits$/,
      handler: (req) => {
        const body = parseBody(req, RateLimitsBodySchema);
        if (!body.ok) return body.reply;
        const problem = updateRateLimits(deps.emulator, body.value);
        return problem === undefined
          ? { status: 200, body: rateLimitsView(deps.emulator) }
          : error(404, problem);
      },
    },
    {
      method: 'GET',
      pattern: /^\/devinfo$/,
      handler: (req) => {
        const issueKey = req.url.searchParams.get('issueKey');
        if (issueKey === null || issueKey === '') return error(400, 'query parameter issueKey is required');
        const site = req.url.searchParams.get('site') ?? deps.localSite;
        const devInfo = deps.devInfo(site, issueKey);
        return devInfo === undefined
          ? error(404, `no site '${site}'`)
          : { status: 200, body: { site, issueKey, devInfo } };
      },
    },
    {
      method: 'POST',
      pattern: /^\/invoke\/(.+)$/,
      handler: async (req, match) => {
        const body = parseBody(req, InvokeBodySchema);
        if (!body.ok) return body.reply;
        return deps.invoke(decodeURIComponent(match[1] ?? ''), body.value);
      },
    },
    {
      method: 'GET',
      pattern: /^\/webtriggers$/,
      handler: () => ({ status: 200, body: { urls: deps.webtriggers.list() } }),
    },
    {
      method: 'POST',
      pattern: /^\/webtriggers\/([^/]+)$/,
      handler: (req, match) => {
        const key = decodeURIComponent(match[1] ?? '');
        if (!deps.webtriggerModules.has(key)) return error(404, `no webtrigger module '${key}'`);
        const body = parseBody(req, WebtriggerBodySchema);
        if (!body.ok) return body.reply;
        return {
          status: 200,
          body: { moduleKey: key, url: deps.webtriggers.getUrl(key, body.value.forceCreate ?? false) },
        };
      },
    },
  ];
}

export function controlApi(deps: ControlDeps): RouteHandler {
  const table = routes(deps);
  return async (req, res) => {
    if (!req.url.pathname.startsWith(`${CONTROL_PREFIX}/`)) return false;
    const path = req.url.pathname.slice(CONTROL_PREFIX.length);
    const candidates = table
      .map((r) => ({ route: r, match: r.pattern.exec(path) }))
      .filter((c) => c.match !== null);
    const hit = candidates.find((c) => c.route.method === req.method);
    if (!hit?.match) {
      const reply =
        candidates.length > 0
          ? error(405, `${req.method} not allowed on ${req.url.pathname}`)
          : error(404, `no control endpoint ${req.url.pathname}`);
      sendJson(res, reply.status, reply.body);
      return true;
    }
    try {
      const reply = await hit.route.handler(req, hit.match);
      sendJson(res, reply.status, reply.body);
    } catch (err) {
      sendJson(res, 500, { error: describeError(err) });
    }
    return true;
  };
}
