/**
 * Browser code, injected as the first script of a Custom UI's index.html. @forge/bridge finds the product
 * through `globalThis.__bridge.callBridge` (out/bridge.js `getCallBridge`), read once when each of its modules
 * loads, so this must run before the app's bundle. Calls go to the hosting page by postMessage, as in Jira.
 * Event subscriptions stay in the frame: their callbacks are functions, which postMessage cannot carry.
 */
import { BRIDGE_SOURCE, asBridgeMessage, type BridgeCallMessage, type BridgeResizeMessage } from './protocol';

type Listener = (payload: unknown) => unknown;

const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
const listeners = new Map<string, Set<Listener>>();
let nextId = 1;

function send(name: string, payload: unknown): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const message: BridgeCallMessage = { source: BRIDGE_SOURCE, kind: 'call', id, name, payload };
    window.parent.postMessage(message, window.location.origin);
  });
}

function eventOf(payload: unknown): { event: string; payload: unknown; callback: unknown } {
  const record = typeof payload === 'object' && payload !== null ? payload : {};
  const event: unknown = Reflect.get(record, 'event');
  return {
    event: typeof event === 'string' ? event : '',
    payload: Reflect.get(record, 'payload'),
    callback: Reflect.get(record, 'callback'),
  };
}

function subscribe(payload: unknown): { unsubscribe: () => void } {
  const { event, callback } = eventOf(payload);
  if (typeof callback !== 'function') return { unsubscribe: () => undefined };
  const listener: Listener = (value) => Reflect.apply(callback, undefined, [value]);
  const set = listeners.get(event) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(event, set);
  return { unsubscribe: () => set.delete(listener) };
}

function emit(payload: unknown): void {
  const { event, payload: value } = eventOf(payload);
  for (const listener of listeners.get(event) ?? []) listener(value);
}

function callBridge(name: string, payload?: unknown): Promise<unknown> {
  switch (name) {
    case 'on':
    case 'onPublic':
      return Promise.resolve(subscribe(payload));
    case 'emit':
    case 'emitPublic':
      emit(payload);
      return Promise.resolve(undefined);
    default:
      return send(name, payload);
  }
}

Object.defineProperty(window, '__bridge', { value: { callBridge }, writable: false, configurable: false });

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || event.origin !== window.location.origin) return;
  const message = asBridgeMessage(event.data);
  if (message?.kind !== 'reply') return;
  const waiting = pending.get(message.id);
  if (!waiting) return;
  pending.delete(message.id);
  if (message.ok) waiting.resolve(message.value);
  else waiting.reject(new Error(message.error ?? 'bridge call failed'));
});

// Jira sizes a Custom UI frame to its content; report the height whenever it changes.
let lastHeight = 0;
const reportHeight = (): void => {
  const height = Math.ceil(document.documentElement.scrollHeight);
  if (height === lastHeight) return;
  lastHeight = height;
  const message: BridgeResizeMessage = { source: BRIDGE_SOURCE, kind: 'resize', height };
  window.parent.postMessage(message, window.location.origin);
};
new ResizeObserver(reportHeight).observe(document.documentElement);
window.addEventListener('load', reportHeight);
