/**
 * A browserless Custom UI frame for the tests: the real @forge/bridge (bundled as the settings page's bundle
 * would be) runs in a fake iframe window after the served shim; the served host script runs in a fake parent
 * window; postMessage between them is simulated with structured clones, as a browser delivers it.
 */
import { build } from 'esbuild';
import path from 'node:path';
import vm from 'node:vm';
import { z } from 'zod';
import type { SandboxHost } from '../../sandbox/host';
import { get } from './helpers';

interface MessageEventLike {
  source: unknown;
  origin: string;
  data: unknown;
}
type Listener = (event: MessageEventLike) => void;

/** A window whose postMessage delivers to its own listeners, as coming from `sender()`. */
function fakeWindow(
  origin: string,
  sender: () => unknown,
): { window: Record<string, unknown>; listeners: Listener[] } {
  const listeners: Listener[] = [];
  const window: Record<string, unknown> = {
    location: { origin },
    addEventListener: (type: string, listener: Listener) => {
      if (type === 'message') listeners.push(listener);
    },
    postMessage: (data: unknown, targetOrigin: string) => {
      if (targetOrigin !== origin) throw new Error(`postMessage to ${targetOrigin}, expected ${origin}`);
      const copy = structuredClone(data);
      setImmediate(() => {
        for (const l of listeners) l({ source: sender(), origin, data: copy });
      });
    },
  };
  return { window, listeners };
}

const fn = <T>() => z.custom<T>((value) => typeof value === 'function');
const AppSchema = z.object({
  invoke: fn<(key: string, payload?: unknown) => Promise<unknown>>(),
  getContext: fn<() => Promise<unknown>>(),
});

async function bundleBridgeApp(): Promise<string> {
  const result = await build({
    stdin: {
      contents:
        "import { invoke, view } from '@forge/bridge'; Object.assign(globalThis, { app: { invoke, getContext: view.getContext } });",
      resolveDir: path.resolve(__dirname, '../..'),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

export interface FakeFrame {
  app: z.infer<typeof AppSchema>;
  /** The iframe element's style, as the host page set it. */
  style: Record<string, string>;
}

/** Loads the settings page of `project` and runs its frame: shim, @forge/bridge, and the page's host script. */
export async function openSettingsFrame(host: SandboxHost, project = 'DEMO'): Promise<FakeFrame> {
  const origin = host.url;
  const page = await get(host, `/projects/${project}/settings`);
  const surface =
    /<script type="application\/json" id="forge-surface">([^<]*)<\/script>/.exec(page.text)?.[1] ?? '';
  const shim = (await get(host, '/_sandbox/web/assets/custom-ui-bridge.js')).text;
  const hostScript = (await get(host, '/_sandbox/web/assets/custom-ui-host.js')).text;

  const holder: { frame?: Record<string, unknown>; parent?: Record<string, unknown> } = {};
  const parent = fakeWindow(origin, () => holder.frame);
  const frame = fakeWindow(origin, () => holder.parent);
  holder.frame = frame.window;
  holder.parent = parent.window;
  frame.window.parent = parent.window;
  const style: Record<string, string> = {};
  const iframe = { contentWindow: frame.window, style };

  const parentGlobals = {
    window: parent.window,
    document: {
      getElementById: (id: string) => (id === 'forge-surface' ? { textContent: surface } : null),
      querySelector: (selector: string) => (selector === 'iframe[data-forge-frame]' ? iframe : null),
    },
    fetch: (url: string, init?: RequestInit) => fetch(new URL(url, origin), init),
    CSS: { escape: (s: string) => s },
    setTimeout,
    console,
  };
  vm.runInContext(hostScript, vm.createContext(parentGlobals));

  const frameGlobals: Record<string, unknown> = {
    window: frame.window,
    document: { documentElement: { scrollHeight: 640 } },
    ResizeObserver: class {
      constructor(private readonly callback: () => void) {}
      observe(): void {
        this.callback();
      }
    },
    console,
    setTimeout,
  };
  frameGlobals.globalThis = frameGlobals;
  const frameContext = vm.createContext(frameGlobals);
  vm.runInContext(shim, frameContext);
  // The shim defines window.__bridge; in a browser window is the global object, here they are separate.
  frameGlobals.__bridge = frame.window.__bridge;
  vm.runInContext(await bundleBridgeApp(), frameContext);
  const app = AppSchema.parse(frameGlobals.app);
  return { app, style };
}
