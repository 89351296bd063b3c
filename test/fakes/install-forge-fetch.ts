/**
 * Puts a fake Forge platform behind `global.__forge_fetch__`, the one door through which the real
 * @forge/* packages reach Forge, so tests run those packages unmodified (never `jest.mock('@forge/kvs')`).
 *
 * @forge/kvs 1.6.x calls `__forge_fetch__({ type: 'kvs', provider: 'app', remote: 'kvs' }, path, init)`
 * when no runtime is present, or `__forge_fetch__({ type: 'kvs' }, …)` when `__forge_runtime__.kvs` was
 * set before the package loaded; both are answered here, and @forge/kvs needs no `__forge_runtime__`.
 * Other targets (Jira, the queue) go to `otherTargets` once the sandbox has emulators for them.
 */
import { z } from 'zod';
import { KvsService, type KvsServiceOptions } from '../../sandbox/kvs/kvs-service';

const targetSchema = z.looseObject({
  type: z.string().optional(),
  provider: z.string().optional(),
  remote: z.string().optional(),
});
export type ForgeFetchTarget = z.infer<typeof targetSchema>;
export type ForgeFetchHandler = (
  target: ForgeFetchTarget,
  path: string,
  init?: RequestInit,
) => Promise<Response>;

export interface InstallForgeFetchOptions extends KvsServiceOptions {
  /** Serve this KVS instead of a new, empty one (e.g. one loaded from a snapshot). */
  kvs?: KvsService;
  /** Answers every target that is not KVS. Without it such a call throws, naming the target. */
  otherTargets?: ForgeFetchHandler;
}

export interface InstalledForgeFetch {
  kvs: KvsService;
  /** Restores whatever `__forge_fetch__` was before. */
  uninstall(): void;
}

const GLOBAL_NAME = '__forge_fetch__';
const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
};

function kvsResponse(kvs: KvsService, path: string, init?: RequestInit): Response {
  let body: unknown;
  try {
    body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
  } catch {
    return jsonResponse(400, { code: 'BAD_REQUEST', message: 'Request body is not valid JSON' });
  }
  const result = kvs.handle(path, body);
  return jsonResponse(result.status, result.body);
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    statusText: STATUS_TEXT[status] ?? '',
    headers: { 'content-type': 'application/json', 'x-trace-id': 'sandbox' },
  });
}

export function installForgeFetch(options: InstallForgeFetchOptions = {}): InstalledForgeFetch {
  const { kvs: given, otherTargets, ...serviceOptions } = options;
  const kvs = given ?? new KvsService(serviceOptions);
  const previous: unknown = Reflect.get(globalThis, GLOBAL_NAME);
  const hadPrevious = Reflect.has(globalThis, GLOBAL_NAME);

  const forgeFetch: ForgeFetchHandler = (rawTarget, path, init) => {
    const target = targetSchema.parse(rawTarget);
    if (target.type === 'kvs') return Promise.resolve(kvsResponse(kvs, path, init));
    if (otherTargets !== undefined) return otherTargets(target, path, init);
    return Promise.reject(
      new Error(
        `__forge_fetch__: no fake for target ${JSON.stringify(target)} (path ${path}); pass otherTargets`,
      ),
    );
  };
  Reflect.set(globalThis, GLOBAL_NAME, forgeFetch);

  return {
    kvs,
    uninstall: () => {
      if (hadPrevious) Reflect.set(globalThis, GLOBAL_NAME, previous);
      else Reflect.deleteProperty(globalThis, GLOBAL_NAME);
    },
  };
}
