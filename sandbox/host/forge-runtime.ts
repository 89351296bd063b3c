/**
 * The `__forge_runtime__` object of one invocation, shaped as @forge/api declares it (`ForgeRuntime` in
 * out/api/runtime.d.ts) and reads it: `getAppContext()` takes appId, environment, invocationId, installation,
 * moduleKey, license and permissions from `appContext` and the remaining time from `lambdaContext`
 * (out/api/runtime.js); every API call counts itself through `metrics` (wrapInMetrics in out/api/fetch.js);
 * `webTrigger` reads `appContext.appId`, `environmentId` and `contextAri` (out/webTrigger.js).
 * No `kvs` field: @forge/kvs would then send a bearer token to a KVS URL (out/index.js getFetchClient)
 * instead of the `{ type: 'kvs', provider: 'app', remote: 'kvs' }` target the host answers.
 */
import type { ForgeRuntime } from '@forge/api';
import type { License } from './license';
import type { Invocation } from './invocation-context';

export interface Installation {
  appId: string;
  environmentId: string;
  environmentType: string;
  appVersion: string;
  installationId: string;
  cloudId: string;
  scopes: string[];
  egress: string[];
}

export const siteAri = (cloudId: string): string => `ari:cloud:jira::site/${cloudId}`;

const noopTimer = { stop: (): void => undefined };
const noopCounter = {
  incr: (): void => undefined,
  incrBy: (): void => undefined,
  decr: (): void => undefined,
  decrBy: (): void => undefined,
};
/** Metrics go nowhere: the host's own request and invocation logs are what tests and tools read. */
const metrics: ForgeRuntime['metrics'] = {
  timing: () => ({ measure: () => noopTimer }),
  counter: () => noopCounter,
  gauge: () => ({ set: (): void => undefined }),
};

export function buildRuntime(
  invocation: Invocation,
  install: Installation,
  proxyUrl: string,
  license?: License,
): ForgeRuntime {
  const { spec } = invocation;
  const contextAri = siteAri(install.cloudId);
  const installationAri = `ari:cloud:ecosystem::installation/${install.installationId}`;
  const external = { fetch: { backend: install.egress.map((address) => ({ address })) } };
  return {
    proxy: { token: 'sandbox', url: proxyUrl },
    contextAri,
    container: { runtime: 'sandbox', handler: spec.functionKey },
    appContext: {
      appId: install.appId,
      appVersion: install.appVersion,
      environmentId: install.environmentId,
      environmentType: install.environmentType,
      invocationId: invocation.id,
      installationId: install.installationId,
      functionKey: spec.functionKey,
      moduleType: spec.moduleType,
      moduleKey: spec.moduleKey,
      ...(license !== undefined ? { license } : {}),
      installation: {
        ari: {
          installationId: install.installationId,
          toString: () => installationAri,
          toJSON: () => installationAri,
        },
        contexts: [{ cloudId: install.cloudId, toString: () => contextAri }],
      },
      permissions: {
        scopes: install.scopes,
        external,
        format: () => `Scopes: ${install.scopes.join(', ')}`,
      },
    },
    ...(spec.accountId !== undefined ? { aaid: spec.accountId } : {}),
    lambdaContext: {
      awsRequestId: invocation.id,
      getRemainingTimeInMillis: () => invocation.remainingMs(),
    },
    tracing: {
      traceId: invocation.id.replaceAll('-', ''),
      spanId: invocation.id.slice(0, 16).replaceAll('-', '0'),
    },
    realtime: {},
    metrics,
    featureFlags: () => false,
  };
}
