/**
 * Browser code for UI Kit panels the server rendered. Controls carry `data-forge-handler` (the app function's
 * id), `data-forge-event` (onClick, onChange) and `data-forge-path` (where the control sits in the ForgeDoc).
 * A click or an edit posts the handler id to the panel's instance; the server calls the app's function, waits
 * for the app to settle and answers the re-rendered HTML (escaped by the server), which replaces the body.
 *
 * Events go out one at a time, in order. Each re-render gives closures new ids, so an event looks its control
 * up again by path just before it is sent: a click right after typing uses the handler that saw the text.
 * Typing is sent shortly after the last keystroke; the field keeps focus, caret and any newer text across the
 * re-render. While the app is still busy (a slow resolver), the page polls for the newer rendering.
 */

interface Rendering {
  version: number;
  html: string;
  settled: boolean;
  errors: string[];
}

function asRendering(data: unknown): Rendering | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const version: unknown = Reflect.get(data, 'version');
  const html: unknown = Reflect.get(data, 'html');
  const settled: unknown = Reflect.get(data, 'settled');
  const errors: unknown = Reflect.get(data, 'errors');
  if (typeof version !== 'number' || typeof html !== 'string' || typeof settled !== 'boolean')
    return undefined;
  return { version, html, settled, errors: Array.isArray(errors) ? errors.map(String) : [] };
}

const POLL_MS = 500;
const MAX_POLLS = 60;
const TYPING_MS = 200;

type Field = HTMLInputElement | HTMLTextAreaElement;
const isField = (el: Element | null): el is Field =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;

class Panel {
  private queue: Promise<void> = Promise.resolve();
  private typing: { path: string; timer: number } | undefined;

  constructor(private readonly root: HTMLElement) {}

  private get body(): HTMLElement | null {
    return this.root.querySelector<HTMLElement>('[data-uikit-body]');
  }

  private control(path: string, event: string): HTMLElement | null {
    return this.root.querySelector<HTMLElement>(
      `[data-forge-path="${CSS.escape(path)}"][data-forge-event="${CSS.escape(event)}"]`,
    );
  }

  /** Runs `task` after every earlier event has been answered. */
  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch(() => {
      this.body?.setAttribute('aria-busy', 'false');
    });
  }

  click(target: HTMLElement): void {
    const path = target.dataset.forgePath;
    if (path === undefined) return;
    this.flushTyping();
    this.enqueue(async () => {
      const control = this.control(path, 'onClick');
      if (!control || control.hasAttribute('disabled')) return;
      await this.send({ handler: control.dataset.forgeHandler, event: 'onClick' });
    });
  }

  typed(field: Field): void {
    const path = field.dataset.forgePath;
    if (path === undefined) return;
    if (this.typing && this.typing.path !== path) this.flushTyping();
    if (this.typing) window.clearTimeout(this.typing.timer);
    this.typing = {
      path,
      timer: window.setTimeout(() => {
        this.flushTyping();
      }, TYPING_MS),
    };
  }

  private flushTyping(): void {
    const typing = this.typing;
    if (!typing) return;
    window.clearTimeout(typing.timer);
    this.typing = undefined;
    this.enqueue(async () => {
      const field = this.control(typing.path, 'onChange');
      if (!isField(field)) return;
      await this.send({ handler: field.dataset.forgeHandler, event: 'onChange', value: field.value });
    });
  }

  private async send(event: { handler: string | undefined; event: string; value?: string }): Promise<void> {
    this.body?.setAttribute('aria-busy', 'true');
    const rendering = await this.request('/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    if (rendering) this.apply(rendering);
    await this.pollUntilSettled(rendering);
  }

  async pollUntilSettled(first: Rendering | undefined): Promise<void> {
    let rendering = first;
    for (let i = 0; rendering !== undefined && !rendering.settled && i < MAX_POLLS; i++) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      rendering = await this.request('/render');
      if (rendering) this.apply(rendering);
    }
  }

  private async request(path: string, init?: RequestInit): Promise<Rendering | undefined> {
    const base = this.root.dataset.uikitEndpoint;
    if (base === undefined) return undefined;
    const res = await fetch(`${base}${path}`, init);
    if (res.status === 404) {
      // The server dropped this instance (restart, or too many open views): a fresh page view starts a new one.
      window.location.reload();
      return undefined;
    }
    return asRendering(await res.json());
  }

  /** Swaps in a rendering, keeping the focused field's text, caret and focus (the person may still be typing). */
  private apply(rendering: Rendering): void {
    const body = this.body;
    if (!body) return;
    const shown = Number(this.root.dataset.uikitVersion ?? '0');
    if (rendering.version >= shown) {
      const active = document.activeElement;
      const kept =
        isField(active) && body.contains(active) && active.dataset.forgePath !== undefined
          ? {
              path: active.dataset.forgePath,
              value: active.value,
              start: active.selectionStart,
              end: active.selectionEnd,
            }
          : undefined;
      body.innerHTML = rendering.html;
      this.root.dataset.uikitVersion = String(rendering.version);
      if (kept) {
        const field = this.control(kept.path, 'onChange');
        if (isField(field)) {
          field.focus();
          if (field.value !== kept.value) {
            field.value = kept.value;
            this.typed(field);
          }
          if (kept.start !== null && kept.end !== null) field.setSelectionRange(kept.start, kept.end);
        }
      }
    }
    body.setAttribute('aria-busy', String(!rendering.settled));
    const errors = this.root.querySelector<HTMLElement>('[data-uikit-errors]');
    if (errors) {
      errors.textContent = rendering.errors.join('\n');
      errors.hidden = rendering.errors.length === 0;
    }
  }
}

const panels = new WeakMap<HTMLElement, Panel>();
function panelOf(el: Element | null): Panel | undefined {
  const root = el?.closest<HTMLElement>('[data-uikit-endpoint]');
  if (!root) return undefined;
  let panel = panels.get(root);
  if (!panel) {
    panel = new Panel(root);
    panels.set(root, panel);
  }
  return panel;
}

document.addEventListener('click', (event) => {
  const target =
    event.target instanceof Element
      ? event.target.closest<HTMLElement>('[data-forge-event="onClick"]')
      : null;
  if (!target || target.hasAttribute('disabled')) return;
  event.preventDefault();
  panelOf(target)?.click(target);
});

document.addEventListener('input', (event) => {
  const field =
    event.target instanceof Element ? event.target.closest('[data-forge-event="onChange"]') : null;
  if (isField(field)) panelOf(field)?.typed(field);
});

// A panel whose first rendering was still busy (slow resolver at page load) keeps updating by itself.
document
  .querySelectorAll<HTMLElement>('[data-uikit-endpoint][data-uikit-settled="false"]')
  .forEach((root) => {
    void panelOf(root)?.pollUntilSettled({
      version: Number(root.dataset.uikitVersion ?? '0'),
      html: '',
      settled: false,
      errors: [],
    });
  });
