/**
 * Runs UI Kit resources for the pages: bundles each resource once (rebuilt when its sources change), starts a
 * fresh instance per page view, and keeps a bounded number of them alive for the page's later clicks.
 */
import vm from 'node:vm';
import type { SandboxHost } from '../../host';
import type { Account } from '../accounts';
import type { Bundler } from '../bundler';
import { surfaceContext } from '../bridge/forge-context';
import type { JiraClient } from '../jira/jira-client';
import type { UiModule } from '../ui-manifest';
import { panelBridge } from './panel-bridge';
import { UiKitInstance } from './uikit-instance';

/** Enough for a handful of open tabs per person; the oldest is dropped first (its page then reloads). */
const MAX_INSTANCES = 32;
const IDLE_MS = 30 * 60_000;

export interface UiKitRuntimeDeps {
  host: SandboxHost;
  bundler: Bundler;
  jira: JiraClient;
  localSite: string;
}

export class UiKitRuntime {
  private readonly instances = new Map<string, UiKitInstance>();
  private readonly scripts = new Map<string, { generation: number; script: vm.Script }>();

  constructor(private readonly deps: UiKitRuntimeDeps) {}

  /** Starts the module's app for one page view, as `account`, with `extension` as its context. */
  async open(
    module: UiModule,
    account: Account,
    extension: Record<string, unknown>,
    label: string,
  ): Promise<UiKitInstance> {
    const script = await this.script(module);
    const context = surfaceContext(this.deps.host, this.deps.localSite, module, account, extension);
    const bridge = panelBridge({
      host: this.deps.host,
      jira: this.deps.jira,
      localSite: this.deps.localSite,
      account,
      context,
    });
    const instance = new UiKitInstance(script, bridge, label);
    this.instances.set(instance.id, instance);
    this.evict();
    return instance;
  }

  get(id: string): UiKitInstance | undefined {
    const instance = this.instances.get(id);
    if (instance) instance.lastUsed = Date.now();
    return instance;
  }

  get size(): number {
    return this.instances.size;
  }

  private evict(): void {
    const now = Date.now();
    for (const [id, instance] of this.instances) {
      if (now - instance.lastUsed > IDLE_MS) this.drop(id, instance);
    }
    const byAge = [...this.instances.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    while (byAge.length > MAX_INSTANCES) {
      const oldest = byAge.shift();
      if (oldest) this.drop(oldest[0], oldest[1]);
    }
  }

  private drop(id: string, instance: UiKitInstance): void {
    instance.dispose();
    this.instances.delete(id);
  }

  /** Compiling once per bundle generation lets every instance reuse V8's parse of the ~600 kB bundle. */
  private async script(module: UiModule): Promise<vm.Script> {
    const bundle = await this.deps.bundler.get(module.resourcePath);
    const cached = this.scripts.get(module.resourcePath);
    if (cached?.generation === bundle.generation) return cached.script;
    const script = new vm.Script(bundle.code, { filename: `${module.resourceKey}.js` });
    this.scripts.set(module.resourcePath, { generation: bundle.generation, script });
    return script;
  }
}
