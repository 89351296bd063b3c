/**
 * Finds the function a manifest `handler` names. `index.onJiraEvent` is export `onJiraEvent` of the module
 * `index` next to the handlers module (Forge resolves handlers relative to `src/`); tests can pass the module
 * object itself instead of a path.
 */
import path from 'node:path';

export type HandlerFn = (payload: unknown, context: unknown) => Promise<unknown>;

export type HandlersModule = string | Readonly<Record<string, unknown>>;

export class HandlerRegistry {
  private readonly modules = new Map<string, Promise<unknown>>();
  private readonly mainName: string;

  constructor(private readonly source: HandlersModule) {
    this.mainName =
      typeof source === 'string' ? path.basename(source).replace(/\.[cm]?[jt]sx?$/, '') : 'index';
  }

  /** Loads the main module now, so a broken import fails the host's start rather than the first event. */
  async preload(): Promise<void> {
    await this.load(this.mainName);
  }

  async resolve(handler: string): Promise<HandlerFn> {
    const dot = handler.lastIndexOf('.');
    const file = handler.slice(0, dot);
    const exportName = handler.slice(dot + 1);
    const mod = await this.load(file);
    const value: unknown = typeof mod === 'object' && mod !== null ? Reflect.get(mod, exportName) : undefined;
    if (typeof value !== 'function') {
      throw new Error(`handler ${handler}: module ${file} has no exported function ${exportName}`);
    }
    return async (payload, context) => {
      const result: unknown = await Reflect.apply(value, undefined, [payload, context]);
      return result;
    };
  }

  private load(file: string): Promise<unknown> {
    let loading = this.modules.get(file);
    if (!loading) {
      loading = this.importModule(file);
      this.modules.set(file, loading);
    }
    return loading;
  }

  private async importModule(file: string): Promise<unknown> {
    if (typeof this.source !== 'string') {
      if (file !== this.mainName)
        throw new Error(`handler module ${file}: only ${this.mainName} was given to the host`);
      return this.source;
    }
    const target = file === this.mainName ? this.source : path.join(path.dirname(this.source), file);
    const mod: unknown = await import(target);
    return mod;
  }
}
