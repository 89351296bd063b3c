/**
 * HTML building with escaping by default. Issue summaries, descriptions, comments and whatever an app puts in
 * its ForgeDoc are user input: every interpolated value is escaped unless it is already `SafeHtml`, so a page
 * can only contain markup that this folder wrote.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v: HtmlValue) => render(v)).join('');
  if (typeof value === 'string') return escapeHtml(value);
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested `html` results pass through. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup this module trusts as written (constant CSS, pre-escaped fragments). Never pass user input. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * A URL that may go into `href`: http(s), mailto and same-origin paths. Anything else (`javascript:`, `data:`,
 * protocol-relative `//host`) becomes `#`, because an app's ForgeDoc Link or an issue's text must not run script.
 */
export function safeHref(url: string): string {
  const trimmed = url.trim();
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return trimmed;
  if (trimmed.startsWith('#') || trimmed.startsWith('?')) return trimmed;
  try {
    const parsed = new URL(trimmed);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : '#';
  } catch {
    return '#';
  }
}

/**
 * JSON for a `<script type="application/json">` block: `<` is escaped so text such as `</script>` inside a
 * value cannot close the element; U+2028/2029 are escaped for older parsers.
 */
export function jsonForScript(value: unknown): SafeHtml {
  // JSON.stringify answers undefined (not a string) for these, whatever its declared type says.
  const text =
    value === undefined || typeof value === 'function' || typeof value === 'symbol'
      ? 'null'
      : JSON.stringify(value);
  return new SafeHtml(
    text
      .replace(/</g, '\\u003c')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}
