/**
 * Uninstalling the app from the sandbox's site, as Forge does it: every `preUninstall` module's function runs
 * (manifest reference "Pre-uninstall trigger": no user, 55 s, its answer ignored, a failure does not stop the
 * uninstall), and every `trigger` subscribed to the lifecycle event `avi:forge:uninstalled:app` gets it, with
 * the payload shape of the lifecycle events reference (`{ id, app: { id, version } }` plus `eventType`).
 * What the app leaves in KVS afterwards is reported, so a test can see whether it erased everything.
 */
import type { KvsService } from '../kvs/kvs-service';
import type { Installation } from './forge-runtime';
import type { FunctionRunner } from './function-runner';
import type { InvocationRecord } from './invocation-log';
import { outsideInvocation } from './invocation-context';
import { PRODUCT_TRIGGER_LIMIT_MS } from './limits';
import type { FunctionDef, KeyedFunctionModule, TriggerModule } from './manifest';

export const UNINSTALLED_EVENT = 'avi:forge:uninstalled:app';

export interface LifecycleDeps {
  preUninstall: readonly KeyedFunctionModule[];
  triggers: readonly TriggerModule[];
  functions: ReadonlyMap<string, FunctionDef>;
  runner: FunctionRunner;
  install: Installation;
  kvs: KvsService;
  contextArg: () => Record<string, unknown>;
}

export interface UninstallReport {
  invocations: InvocationRecord[];
  /** Keys left per KVS namespace (`kvs`, `secret`, `entity:<name>`), empty when the app erased everything. */
  left: Record<string, string[]>;
}

export async function simulateUninstall(deps: LifecycleDeps): Promise<UninstallReport> {
  const payload = {
    eventType: UNINSTALLED_EVENT,
    id: deps.install.installationId,
    app: { id: deps.install.appId, version: deps.install.appVersion },
  };
  const runs = [
    ...deps.preUninstall.map((m) => ({ module: m.key, fn: m.function, moduleType: 'core:preUninstall' })),
    ...deps.triggers
      .filter((t) => t.events.includes(UNINSTALLED_EVENT))
      .map((t) => ({ module: t.key, fn: t.function, moduleType: 'core:trigger' })),
  ];
  const invocations: InvocationRecord[] = [];
  for (const run of runs) {
    const fn = deps.functions.get(run.fn);
    const result = await outsideInvocation(() =>
      deps.runner.run({
        spec: {
          functionKey: run.fn,
          moduleKey: run.module,
          moduleKind: 'trigger',
          moduleType: run.moduleType,
          limitMs: PRODUCT_TRIGGER_LIMIT_MS,
        },
        handler: fn?.handler ?? `missing.${run.fn}`,
        payload: structuredClone(payload),
        context: deps.contextArg(),
      }),
    );
    invocations.push(result.record);
  }
  const { spaces } = deps.kvs.toJSON();
  const left = Object.fromEntries(
    Object.entries(spaces)
      .map(([space, entries]) => [space, Object.keys(entries)] as const)
      .filter(([, keys]) => keys.length > 0),
  );
  return { invocations, left };
}
