/**
 * ADF → Markdown (GitHub/GitLab flavour, which Redmine's CommonMark setting also reads).
 *
 * Chosen over `adf-to-md` (mangles nested lists, drops task lists) and `mdast-util-from-adf` (correct but
 * heavy). What Markdown cannot hold degrades visibly: panels become quotes with their kind in bold, Jira
 * attachments a bracketed name, any node this file does not know its text or `[type]`. Nothing vanishes.
 */
import type { Json } from '../../core/model';
import { attrString, readNode, textOf, type AdfNode } from './adf-node';
import { renderInline, type InlineOptions } from './adf-inline';
import { escapeLineStarts, escapeText } from './escape-markdown';
import { renderTable } from './render-table';

export type MarkdownOptions = Pick<InlineOptions, 'mentionName'>;

export function adfToMarkdown(doc: Json, opts: MarkdownOptions = {}): string {
  const root = readNode(doc);
  if (!root) return '';
  return blocks(root.content, opts).trim();
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => (line === '' ? line : by + line))
    .join('\n');

function blocks(nodes: readonly AdfNode[], opts: MarkdownOptions): string {
  return sequence(nodes, opts, () => '\n\n');
}

const family = (n: AdfNode) =>
  n.type === 'orderedList'
    ? 'ordered'
    : ['bulletList', 'taskList', 'decisionList'].includes(n.type)
      ? 'bullet'
      : undefined;

/**
 * Blocks in order. Two lists of one kind in a row would merge into one list in Markdown, so every second
 * one uses the other marker (`*` for `-`, `)` for `.`), which CommonMark reads as a new list.
 */
function sequence(
  nodes: readonly AdfNode[],
  opts: MarkdownOptions,
  separator: (next: AdfNode) => string,
): string {
  let out = '';
  let prev: { family: string | undefined; alt: boolean } = { family: undefined, alt: false };
  for (const n of nodes) {
    const f = family(n);
    const alt = f !== undefined && f === prev.family && !prev.alt;
    const text = block(n, opts, alt);
    if (text === '') continue;
    out += out === '' ? text : separator(n) + text;
    prev = { family: f, alt };
  }
  return out;
}

function paragraph(nodes: readonly AdfNode[], opts: MarkdownOptions): string {
  return renderInline(nodes, opts)
    .split('\n')
    .map((line) => escapeLineStarts(line.replace(/^[ \t]+/, '')))
    .join('\n');
}

function block(node: AdfNode, opts: MarkdownOptions, alt = false): string {
  switch (node.type) {
    case 'paragraph':
      return paragraph(node.content, opts);
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs.level) || 1));
      return `${'#'.repeat(level)} ${renderInline(node.content, opts).replace(/\s*\n\s*/g, ' ')}`.trimEnd();
    }
    case 'bulletList':
      return list(node, opts, () => (alt ? '* ' : '- '));
    case 'orderedList': {
      const start = Number(node.attrs.order) || 1;
      return list(node, opts, (i) => `${start + i}${alt ? ')' : '.'} `);
    }
    case 'taskList':
    case 'decisionList':
      return taskList(node, opts, alt ? '*' : '-');
    case 'codeBlock':
      return codeBlock(textOf(node), attrString(node, 'language'));
    case 'blockquote':
      return quote(blocks(node.content, opts));
    case 'panel': {
      const kind = attrString(node, 'panelType') ?? 'info';
      return quote(`**${kind[0]?.toUpperCase() ?? ''}${kind.slice(1)}:**\n\n${blocks(node.content, opts)}`);
    }
    case 'rule':
      return '---';
    case 'table':
      return renderTable(node, opts);
    case 'expand':
    case 'nestedExpand': {
      const title = attrString(node, 'title');
      return [title ? `**${escapeText(title)}**` : '', blocks(node.content, opts)]
        .filter(Boolean)
        .join('\n\n');
    }
    case 'mediaSingle':
    case 'mediaGroup':
      return node.content.map(media).join('\n');
    case 'media':
      return media(node);
    case 'blockCard':
    case 'embedCard': {
      const url = attrString(node, 'url');
      return url ? `<${url}>` : '\\[card\\]';
    }
    case 'layoutSection':
    case 'layoutColumn':
    case 'bodiedExtension':
    case 'multiBodiedExtension':
    case 'extensionFrame':
      return blocks(node.content, opts);
    case 'extension':
      return `\\[${escapeText(attrString(node, 'extensionKey') ?? 'extension')}\\]`;
    default:
      return unknownBlock(node, opts);
  }
}

function unknownBlock(node: AdfNode, opts: MarkdownOptions): string {
  if (node.content.length === 0) return node.text ? escapeText(node.text) : `\\[${escapeText(node.type)}\\]`;
  const inline = node.content.every((c) => !c.content.length || c.type === 'text');
  return inline ? paragraph(node.content, opts) : blocks(node.content, opts);
}

function list(node: AdfNode, opts: MarkdownOptions, marker: (i: number) => string): string {
  return node.content
    .map((item, i) => {
      const m = marker(i);
      const body = item.type === 'listItem' ? itemBlocks(item.content, opts) : block(item, opts);
      return m + indent(body, ' '.repeat(m.length)).slice(m.length);
    })
    .join('\n');
}

/** A list right under an item's text stays tight (`- a\n  - b`); other blocks in an item are spaced. */
function itemBlocks(nodes: readonly AdfNode[], opts: MarkdownOptions): string {
  return sequence(nodes, opts, (next) => (family(next) ? '\n' : '\n\n'));
}

function taskList(node: AdfNode, opts: MarkdownOptions, bullet: string): string {
  const lines: string[] = [];
  for (const item of node.content) {
    if (item.type === 'taskList' || item.type === 'decisionList') {
      // A nested list belongs to the item above it.
      lines.push(indent(taskList(item, opts, '-'), '  '));
    } else if (item.type === 'taskItem' || item.type === 'decisionItem') {
      const done = attrString(item, 'state') === 'DONE';
      const box = item.type === 'decisionItem' ? 'Decision: ' : done ? '[x] ' : '[ ] ';
      // A hard break continues the item on an indented line.
      // An empty item keeps the space after its box, or Markdown would read `[ ]` as text.
      lines.push(`${bullet} ${box}${renderInline(item.content, opts).replace(/\n/g, '\n  ')}`);
    } else {
      lines.push(`${bullet} ${block(item, opts)}`);
    }
  }
  return lines.join('\n');
}

function codeBlock(text: string, requested: string | undefined): string {
  // An info string with spaces or backticks would break the fence; such a language is left out.
  const language = requested && /^[\w+#.-]+$/.test(requested) ? requested : undefined;
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return text === '' ? `${fence}${language ?? ''}\n${fence}` : `${fence}${language ?? ''}\n${text}\n${fence}`;
}

const quote = (text: string) =>
  text
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');

function media(node: AdfNode): string {
  const alt = attrString(node, 'alt') ?? '';
  const url = attrString(node, 'url');
  if (attrString(node, 'type') === 'external' && url) return `![${escapeText(alt)}](${url})`;
  // A Jira attachment has no URL the other tracker could open; say what it was.
  return `\\[attachment ${escapeText(alt || (attrString(node, 'id') ?? ''))}\\]`;
}

export { textOf };
