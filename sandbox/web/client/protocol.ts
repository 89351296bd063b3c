/**
 * Browser code (bundled by esbuild for the pages, not run in Node). The messages between a Custom UI iframe's
 * bridge shim and the page that hosts it. Real Jira does the same over postMessage: the app's frame cannot
 * reach the product, so every bridge call is a message to the parent and an answer back.
 */

export const BRIDGE_SOURCE = 'tandem-sandbox-bridge';

export interface BridgeCallMessage {
  source: typeof BRIDGE_SOURCE;
  kind: 'call';
  id: number;
  name: string;
  payload: unknown;
}

export interface BridgeReplyMessage {
  source: typeof BRIDGE_SOURCE;
  kind: 'reply';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** The frame's content height, so the host page can size the iframe as Jira does (iframe-resizer). */
export interface BridgeResizeMessage {
  source: typeof BRIDGE_SOURCE;
  kind: 'resize';
  height: number;
}

export type BridgeMessage = BridgeCallMessage | BridgeReplyMessage | BridgeResizeMessage;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

export function asBridgeMessage(data: unknown): BridgeMessage | undefined {
  if (!isObject(data) || data.source !== BRIDGE_SOURCE) return undefined;
  if (data.kind === 'call' && typeof data.id === 'number' && typeof data.name === 'string') {
    return { source: BRIDGE_SOURCE, kind: 'call', id: data.id, name: data.name, payload: data.payload };
  }
  if (data.kind === 'reply' && typeof data.id === 'number' && typeof data.ok === 'boolean') {
    return {
      source: BRIDGE_SOURCE,
      kind: 'reply',
      id: data.id,
      ok: data.ok,
      value: data.value,
      ...(typeof data.error === 'string' ? { error: data.error } : {}),
    };
  }
  if (data.kind === 'resize' && typeof data.height === 'number')
    return { source: BRIDGE_SOURCE, kind: 'resize', height: data.height };
  return undefined;
}

/** What the settings page embeds for the host script (`<script type="application/json" id="forge-surface">`). */
export interface SurfaceConfig {
  /** What `view.getContext()` answers. */
  context: Record<string, unknown>;
  /** `POST <invokePath>/<functionKey>`: the control API. */
  invokePath: string;
  /** The invoke body without `payload` (module, account, context), built by the server. */
  invokeBody: Record<string, unknown>;
  fetchProductPath: string;
}

export function asSurfaceConfig(data: unknown): SurfaceConfig | undefined {
  if (!isObject(data)) return undefined;
  const { context, invokePath, invokeBody, fetchProductPath } = data;
  if (
    !isObject(context) ||
    !isObject(invokeBody) ||
    typeof invokePath !== 'string' ||
    typeof fetchProductPath !== 'string'
  )
    return undefined;
  return { context, invokePath, invokeBody, fetchProductPath };
}
