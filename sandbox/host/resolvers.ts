/**
 * Runs a UI resolver call the way Forge does when @forge/bridge `invoke(functionKey, payload)` fires: the
 * module's resolver function gets `{ call: { functionKey, payload }, context }` and, as second argument, the
 * backend runtime payload whose `principal.accountId` @forge/resolver copies into `context.accountId`
 * (out/index.js getDefinitions). Resolvers run as a user and have 25 s.
 */
import { z } from 'zod';
import { describeError, type FunctionRunner } from './function-runner';
import type { InvocationRecord } from './invocation-log';
import { limitMsFor } from './limits';
import type { FunctionDef, ResolverModule } from './manifest';

export const InvokeBodySchema = z.strictObject({
  payload: z.unknown().optional(),
  /** The bridge's context: `moduleKey` picks the module, `extension` (project, issue, …) is passed through. */
  context: z
    .looseObject({
      moduleKey: z.string().optional(),
      accountId: z.string().optional(),
      extension: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  /** The user the call runs as; defaults to the local site's first admin. */
  accountId: z.string().optional(),
  moduleKey: z.string().optional(),
});
export type InvokeBody = z.infer<typeof InvokeBodySchema>;

export interface ResolverDeps {
  modules: readonly ResolverModule[];
  functions: ReadonlyMap<string, FunctionDef>;
  runner: FunctionRunner;
  cloudId: string;
  environmentId: string;
  environmentType: string;
  localSiteUrl: () => string;
  defaultAccountId: () => string | undefined;
  contextArg: (accountId?: string) => Record<string, unknown>;
}

export type InvokeReply =
  | { status: 200; body: { ok: true; result: unknown; invocation: InvocationRecord } }
  | { status: 400 | 404; body: { ok: false; error: { message: string } } }
  | { status: 500 | 504; body: { ok: false; error: { message: string }; invocation: InvocationRecord } };

export async function invokeResolver(
  deps: ResolverDeps,
  functionKey: string,
  body: InvokeBody,
): Promise<InvokeReply> {
  const moduleKey = body.moduleKey ?? body.context?.moduleKey;
  const module = moduleKey === undefined ? deps.modules[0] : deps.modules.find((m) => m.key === moduleKey);
  if (!module) {
    const message =
      moduleKey === undefined
        ? 'The manifest has no module with a resolver.'
        : `No module '${moduleKey}' with a resolver.`;
    return { status: 404, body: { ok: false, error: { message } } };
  }
  const fn = deps.functions.get(module.function);
  if (!fn)
    return { status: 404, body: { ok: false, error: { message: `No function '${module.function}'.` } } };
  const accountId = body.accountId ?? body.context?.accountId ?? deps.defaultAccountId();
  if (accountId === undefined) {
    return {
      status: 400,
      body: { ok: false, error: { message: 'Resolvers run as a user: pass accountId.' } },
    };
  }

  const { extension, ...callerContext } = body.context ?? {};
  const context = {
    localId: `${module.key}-sandbox`,
    cloudId: deps.cloudId,
    siteUrl: deps.localSiteUrl(),
    environmentId: deps.environmentId,
    environmentType: deps.environmentType,
    ...callerContext,
    moduleKey: module.key,
    extension: { type: module.type, ...extension },
  };
  const result = await deps.runner.run({
    spec: {
      functionKey: module.function,
      moduleKey: module.key,
      moduleKind: 'resolver',
      moduleType: module.type,
      limitMs: limitMsFor('resolver', fn.timeoutSeconds),
      accountId,
    },
    handler: fn.handler,
    payload: { call: { functionKey, payload: body.payload }, context },
    context: deps.contextArg(accountId),
  });
  switch (result.outcome) {
    case 'ok':
    case 'retried':
      return { status: 200, body: { ok: true, result: result.value ?? null, invocation: result.record } };
    case 'error':
      return {
        status: 500,
        body: { ok: false, error: { message: describeError(result.error) }, invocation: result.record },
      };
    case 'timeout':
      return {
        status: 504,
        body: { ok: false, error: { message: 'FUNCTION_TIME_OUT' }, invocation: result.record },
      };
  }
}
