/**
 * Browser code for the page that hosts a Custom UI iframe: the product's end of the bridge. It answers the
 * frame's calls with the context the server embedded, runs `invoke` through the sandbox's control API
 * (`POST /_sandbox/api/invoke/<functionKey>`) and `requestJira` through the page's fetch-product route, both as
 * the account the page acts as.
 */
import {
  BRIDGE_SOURCE,
  asBridgeMessage,
  asSurfaceConfig,
  type BridgeReplyMessage,
  type SurfaceConfig,
} from './protocol';

function readConfig(): SurfaceConfig | undefined {
  const text = document.getElementById('forge-surface')?.textContent;
  if (text === undefined) return undefined;
  try {
    return asSurfaceConfig(JSON.parse(text));
  } catch {
    return undefined;
  }
}

const field = (payload: unknown, name: string): unknown =>
  typeof payload === 'object' && payload !== null ? Reflect.get(payload, name) : undefined;

/** A payload field shown as text (flag titles, ids); anything but a string or number shows as `fallback`. */
const textField = (payload: unknown, name: string, fallback = ''): string => {
  const value = field(payload, name);
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
};

async function postJson(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${url} answered ${res.status}: ${text.slice(0, 200)}`);
  }
  if (!res.ok) {
    const error = field(json, 'error');
    const message = field(error, 'message') ?? error;
    throw new Error(typeof message === 'string' ? message : `${url} answered ${res.status}`);
  }
  return json;
}

function showFlag(payload: unknown): void {
  const id = textField(payload, 'id', 'flag');
  document.querySelector(`[data-flag-id="${CSS.escape(id)}"]`)?.remove();
  const flag = document.createElement('div');
  flag.className = 'flag';
  flag.dataset.flagId = id;
  const title = document.createElement('strong');
  title.textContent = textField(payload, 'title');
  const description = document.createElement('div');
  description.textContent = textField(payload, 'description');
  const text = document.createElement('div');
  text.append(title, description);
  flag.append(text);
  document.body.append(flag);
  setTimeout(() => {
    flag.remove();
  }, 8000);
}

async function answer(
  config: SurfaceConfig,
  frame: HTMLIFrameElement,
  name: string,
  payload: unknown,
): Promise<unknown> {
  switch (name) {
    case 'getContext':
      return config.context;
    case 'invoke': {
      const functionKey = field(payload, 'functionKey');
      if (typeof functionKey !== 'string') throw new Error('invoke needs a functionKey');
      const inner = field(payload, 'payload');
      const reply = await postJson(`${config.invokePath}/${encodeURIComponent(functionKey)}`, {
        ...config.invokeBody,
        ...(inner !== undefined ? { payload: inner } : {}),
      });
      return field(reply, 'result');
    }
    case 'fetchProduct':
      return postJson(config.fetchProductPath, payload);
    case 'navigate': {
      const url = field(payload, 'url');
      if (typeof url !== 'string')
        throw new Error('navigation to a product location is not emulated; pass a URL');
      if (field(payload, 'type') === 'new-tab') window.open(url, '_blank', 'noopener');
      else window.location.assign(url);
      return undefined;
    }
    case 'reload':
      window.location.reload();
      return undefined;
    case 'refresh':
      frame.contentWindow?.location.reload();
      return true;
    case 'showFlag':
      showFlag(payload);
      return undefined;
    case 'closeFlag':
      document.querySelector(`[data-flag-id="${CSS.escape(textField(payload, 'id'))}"]`)?.remove();
      return undefined;
    case 'submit':
    case 'close':
      return false;
    case 'enableTheming':
    case 'emitReadyEvent':
    case 'changeWindowTitle':
    case 'trackFeatureFlagEvent':
    case 'trackObjectStoreAction':
      return undefined;
    default:
      throw new Error(`bridge call '${name}' is not supported by the Tandem sandbox`);
  }
}

/**
 * Listens from the moment the script runs: the page loads it before the iframe element, so no early call from
 * the frame can be missed. The frame and the embedded config are looked up when a message arrives.
 */
function start(): void {
  let config: SurfaceConfig | undefined;
  window.addEventListener('message', (event) => {
    const frame = document.querySelector<HTMLIFrameElement>('iframe[data-forge-frame]');
    if (!frame || event.source !== frame.contentWindow || event.origin !== window.location.origin) return;
    const message = asBridgeMessage(event.data);
    if (message?.kind === 'resize') {
      frame.style.height = `${Math.max(message.height, 200)}px`;
      return;
    }
    if (message?.kind !== 'call') return;
    const reply = (body: Omit<BridgeReplyMessage, 'source' | 'kind' | 'id'>): void => {
      frame.contentWindow?.postMessage(
        { source: BRIDGE_SOURCE, kind: 'reply', id: message.id, ...body },
        window.location.origin,
      );
    };
    config ??= readConfig();
    if (!config) {
      reply({ ok: false, error: 'the page has no surface configuration' });
      return;
    }
    answer(config, frame, message.name, message.payload).then(
      (value) => {
        reply({ ok: true, value });
      },
      (err: unknown) => {
        reply({ ok: false, error: err instanceof Error ? err.message : String(err) });
      },
    );
  });
}

start();
