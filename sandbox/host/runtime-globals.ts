/**
 * The three process-wide doors the real @forge/* packages use to reach the platform:
 * - `__forge_runtime__` (read by @forge/api `__getRuntime`, out/api/runtime.js): a getter that answers the
 *   runtime of the invocation in scope, so concurrent invocations each see their own context and deadline;
 * - `__forge_fetch__(target, path, init)` (@forge/api out/api/fetch.js `__fetchProduct`, @forge/kvs
 *   out/index.js, @forge/events through `__requestAtlassianAsApp`): routed to the invoking host;
 * - `fetch`: @forge/api 8 exports the global fetch as is (`getFetchAPI().fetch` wraps whatever `fetch` was when
 *   the package loaded), and on Forge the runtime's fetch is what enforces egress. So the global is replaced,
 *   and it must be replaced before @forge/api loads: importing the host does it.
 * Outside any invocation `fetch` behaves as Node's, so tests and tools keep their own HTTP.
 */
import { currentInvocation } from './invocation-context';

const FORGE_FETCH = '__forge_fetch__';
const FORGE_RUNTIME = '__forge_runtime__';
const MARK = Symbol.for('tandem.sandbox.runtimeGlobals');

type FetchFn = typeof globalThis.fetch;

const nodeFetch: FetchFn = globalThis.fetch.bind(globalThis);

/**
 * The fetch this module found, for the host's outbound calls on behalf of the app (after the egress check).
 * Callers run it outside the invocation: if a second copy of this module loaded after the first had already
 * replaced the global, what it found is the sandbox wrapper, which then passes straight through.
 */
export const passthroughFetch: FetchFn = (input, init) => nodeFetch(input, init);

export function installRuntimeGlobals(): void {
  if (Reflect.get(globalThis, MARK) === true) return;
  Reflect.set(globalThis, MARK, true);

  Reflect.defineProperty(globalThis, FORGE_RUNTIME, {
    configurable: true,
    enumerable: false,
    get: () => currentInvocation()?.runtime,
  });

  const forgeFetch = (target: unknown, path: string, init?: RequestInit): Promise<Response> => {
    const invocation = currentInvocation();
    if (!invocation) {
      return Promise.reject(
        new Error(
          `__forge_fetch__ called outside a Forge invocation (path ${path}); the sandbox host only serves app code it runs`,
        ),
      );
    }
    return invocation.platform.forgeFetch(invocation, target, path, init);
  };
  Reflect.set(globalThis, FORGE_FETCH, forgeFetch);

  const sandboxFetch: FetchFn = (input, init) => {
    const invocation = currentInvocation();
    return invocation ? invocation.platform.outboundFetch(invocation, input, init) : nodeFetch(input, init);
  };
  globalThis.fetch = sandboxFetch;
}

installRuntimeGlobals();
