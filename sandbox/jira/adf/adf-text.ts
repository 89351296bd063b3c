import type { Json } from '../state';

/** Plain-text and HTML renderings of ADF, for changelog strings and `renderedFields`; not a full renderer. */

type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function children(node: JsonObject): JsonObject[] {
  const content = node.content;
  return Array.isArray(content) ? content.filter(isObject) : [];
}

const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'codeBlock', 'listItem', 'rule', 'panel']);

export function adfToText(doc: Json | null): string {
  if (!isObject(doc)) return '';
  const walk = (node: JsonObject): string => {
    if (node.type === 'text') return typeof node.text === 'string' ? node.text : '';
    if (node.type === 'hardBreak') return '\n';
    const inner = children(node).map(walk).join('');
    return typeof node.type === 'string' && BLOCKS.has(node.type) ? `${inner}\n` : inner;
  };
  return walk(doc).trim();
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const TAGS: Readonly<Record<string, string>> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  codeBlock: 'pre',
};

const MARKS: Readonly<Record<string, string>> = {
  strong: 'b',
  em: 'em',
  code: 'tt',
  strike: 'del',
  underline: 'ins',
};

function renderText(node: JsonObject): string {
  let html = escapeHtml(typeof node.text === 'string' ? node.text : '');
  const marks = Array.isArray(node.marks) ? node.marks.filter(isObject) : [];
  for (const mark of marks) {
    const type = typeof mark.type === 'string' ? mark.type : '';
    const tag = MARKS[type];
    if (tag) html = `<${tag}>${html}</${tag}>`;
    const attrs = mark.attrs;
    if (type === 'link' && isObject(attrs) && typeof attrs.href === 'string') {
      html = `<a href="${escapeHtml(attrs.href)}">${html}</a>`;
    }
  }
  return html;
}

export function adfToHtml(doc: Json | null): string {
  if (!isObject(doc)) return '';
  const walk = (node: JsonObject): string => {
    const type = typeof node.type === 'string' ? node.type : '';
    if (type === 'text') return renderText(node);
    if (type === 'hardBreak') return '<br/>';
    if (type === 'rule') return '<hr/>';
    const inner = children(node).map(walk).join('');
    if (type === 'heading') {
      const attrs = node.attrs;
      const level = isObject(attrs) && typeof attrs.level === 'number' ? attrs.level : 1;
      return `<h${level}>${inner}</h${level}>`;
    }
    const tag = TAGS[type];
    return tag ? `<${tag}>${inner}</${tag}>` : inner;
  };
  return walk(doc);
}

/** One paragraph per line: how seeds and tests write ADF without spelling out the tree. */
export function textToAdf(text: string): Json {
  return {
    type: 'doc',
    version: 1,
    content: text.split('\n').map((line) => ({
      type: 'paragraph',
      content: line.length > 0 ? [{ type: 'text', text: line }] : [],
    })),
  };
}
