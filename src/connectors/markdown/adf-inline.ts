/**
 * Inline ADF → Markdown. Marks become delimiters opened and closed across neighbouring text nodes, so
 * `**a _b_**` stays one strong run; whitespace is kept outside delimiters, where CommonMark needs it.
 * Marks Markdown cannot express keep their text: underline and sub/superscript as HTML that GitHub and
 * GitLab render, colours and annotations as plain text. Inline nodes without a Markdown form show as text.
 */
import { attrString, textOf, type AdfMark, type AdfNode } from './adf-node';
import { codeSpan, escapeText } from './escape-markdown';

export interface InlineOptions {
  /** The other tracker's name for a mentioned Jira account, e.g. a GitHub login. */
  mentionName?: (accountId: string) => string | undefined;
  /** Inside a table cell, where a line break must stay on one line. */
  inTable?: boolean;
}

interface Delimiter {
  key: string;
  open: string;
  close: string;
}

function delimiter(mark: AdfMark): Delimiter | undefined {
  switch (mark.type) {
    case 'strong':
      return { key: 'strong', open: '**', close: '**' };
    case 'em':
      return { key: 'em', open: '*', close: '*' };
    case 'strike':
      return { key: 'strike', open: '~~', close: '~~' };
    case 'underline':
      return { key: 'underline', open: '<ins>', close: '</ins>' };
    case 'subsup': {
      const tag = attrString(mark, 'type') === 'sub' ? 'sub' : 'sup';
      return { key: `subsup:${tag}`, open: `<${tag}>`, close: `</${tag}>` };
    }
    case 'link': {
      const href = attrString(mark, 'href') ?? '';
      return { key: `link:${href}`, open: '[', close: `](${linkTarget(href)})` };
    }
    default:
      // code is handled on the text itself; colours, annotations, alignment and the like keep their text.
      return undefined;
  }
}

/** Links are the outermost delimiter so a link around bold text reads `[**a**](u)`. */
const ORDER = ['link', 'strong', 'em', 'strike', 'underline', 'subsup'];
const rank = (d: Delimiter) => ORDER.indexOf(d.key.split(':')[0] ?? d.key);

function linkTarget(href: string): string {
  return /[\s()<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURIComponent)}>` : href;
}

interface Piece {
  delimiters: Delimiter[];
  text: string;
  /** Already Markdown (code spans, mentions): not escaped, and not split around whitespace. */
  raw: boolean;
}

export function renderInline(nodes: readonly AdfNode[], opts: InlineOptions = {}): string {
  const pieces = mergeText(nodes).map((n) => piece(n, opts));
  let out = '';
  const open: Delimiter[] = [];
  pieces.forEach((p, i) => {
    const shared = sharedPrefix(open, p.delimiters);
    const lead = p.raw ? '' : (/^\s*/.exec(p.text)?.[0] ?? '');
    const closing = open.length > shared;
    // Whitespace at the start of a piece goes before any delimiter that closes or opens here.
    if (closing || p.delimiters.length > shared) out += lead;
    while (open.length > shared) out += open.pop()?.close ?? '';
    let body = closing || p.delimiters.length > shared ? p.text.slice(lead.length) : p.text;
    for (const d of p.delimiters.slice(shared)) {
      out += d.open;
      open.push(d);
    }
    const next = pieces[i + 1];
    const keeps = next ? sharedPrefix(open, next.delimiters) : 0;
    const trail = !p.raw && keeps < open.length ? (/\s*$/.exec(body)?.[0] ?? '') : '';
    body = body.slice(0, body.length - trail.length);
    out += body;
    while (open.length > keeps) out += open.pop()?.close ?? '';
    out += trail;
  });
  return out;
}

/**
 * A bare address in text: GitHub and GitLab (GFM) turn it into a link on their own, so it is written as one
 * (`<https://…>`), which reads back the same way. Trailing punctuation stays outside, as GFM leaves it.
 */
const BARE_URL = /https?:\/\/[^\s<>]*[^\s<>.,:;!?)\]'"*_~]/g;

function escapeWithUrls(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(BARE_URL)) {
    out += `${escapeText(text.slice(last, m.index))}<${m[0]}>`;
    last = m.index + m[0].length;
  }
  return out + escapeText(text.slice(last));
}

/** A link whose text is its address reads best, and round-trips, as `<https://…>`. */
const isAutolink = (node: AdfNode) =>
  node.marks.length === 1 &&
  node.marks[0]?.type === 'link' &&
  attrString(node.marks[0], 'href') === node.text &&
  /^https?:\/\/[^\s<>]+$/.test(node.text);

/** Neighbouring text with the same marks is one run: escaping must see `~~` split over two nodes. */
function mergeText(nodes: readonly AdfNode[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const n of nodes) {
    const prev = out[out.length - 1];
    if (prev?.type === 'text' && n.type === 'text' && JSON.stringify(prev.marks) === JSON.stringify(n.marks))
      out[out.length - 1] = { ...prev, text: prev.text + n.text };
    else out.push(n);
  }
  return out;
}

function sharedPrefix(open: readonly Delimiter[], wanted: readonly Delimiter[]): number {
  let n = 0;
  while (n < open.length && n < wanted.length && open[n]?.key === wanted[n]?.key) n += 1;
  return n;
}

function piece(node: AdfNode, opts: InlineOptions): Piece {
  const delimiters = node.marks
    .map(delimiter)
    .filter((d): d is Delimiter => d !== undefined)
    .sort((a, b) => rank(a) - rank(b));
  const raw = (text: string): Piece => ({ delimiters, text, raw: true });
  switch (node.type) {
    case 'text': {
      if (node.marks.some((m) => m.type === 'code')) {
        const span = codeSpan(node.text);
        // GFM splits a table row at every unescaped pipe, even inside code.
        return raw(opts.inTable ? span.replace(/\|/g, '\\|') : span);
      }
      if (isAutolink(node)) return { delimiters: [], text: `<${node.text}>`, raw: true };
      // Whitespace alone carries no marks: `* *` would be an empty emphasis, shown as stars.
      if (node.text.trim() === '') return { delimiters: [], text: node.text, raw: false };
      const linked = node.marks.some((m) => m.type === 'link');
      const text = linked ? escapeText(node.text) : escapeWithUrls(node.text);
      return { delimiters, text: opts.inTable ? text.replace(/\|/g, '\\|') : text, raw: false };
    }
    case 'hardBreak':
      return { delimiters: [], text: opts.inTable ? '<br>' : '\\\n', raw: true };
    case 'mention': {
      const id = attrString(node, 'id') ?? '';
      const name = opts.mentionName?.(id) ?? (attrString(node, 'text') ?? id).replace(/^@/, '');
      return raw(`@${escapeText(name)}`);
    }
    case 'emoji':
      return raw(escapeText(attrString(node, 'text') ?? attrString(node, 'shortName') ?? ''));
    case 'date': {
      const ms = Number(attrString(node, 'timestamp'));
      return raw(Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '(date)');
    }
    case 'status':
      return raw(`\\[${escapeText(attrString(node, 'text') ?? 'status')}\\]`);
    case 'inlineCard': {
      const url = attrString(node, 'url');
      return raw(url ? `<${url}>` : '\\[card\\]');
    }
    case 'placeholder':
      return raw(escapeText(attrString(node, 'text') ?? ''));
    case 'mediaInline':
      return raw(`\\[attachment ${escapeText(attrString(node, 'alt') ?? attrString(node, 'id') ?? '')}\\]`);
    default: {
      // Anything else shows what it holds, or at least its kind, never nothing.
      const text = textOf(node);
      return raw(text ? escapeText(text) : `\\[${escapeText(node.type)}\\]`);
    }
  }
}
