/**
 * ADF → Jira wiki markup, for Data Center, whose REST v2 holds descriptions and comments as wiki text.
 * What wiki markup cannot hold keeps its text (panels, mentions, status lozenges), as in adf-to-markdown.
 */
import type { Json } from '../../../core/model';
import { attrString, readNode, textOf, type AdfNode } from '../../markdown/adf-node';

export function adfToWiki(doc: Json): string {
  const root = readNode(doc);
  return root ? blocks(root.content, '').trim() : '';
}

const blocks = (nodes: readonly AdfNode[], list: string): string =>
  nodes
    .map((n) => block(n, list))
    .filter((b) => b !== '')
    .join(list === '' ? '\n\n' : '\n');

function block(node: AdfNode, list: string): string {
  switch (node.type) {
    case 'paragraph':
      return inline(node.content);
    case 'heading':
      return `h${attrString(node, 'level') ?? '1'}. ${inline(node.content)}`;
    case 'bulletList':
    case 'orderedList':
    case 'taskList': {
      const marker = list + (node.type === 'orderedList' ? '#' : '*');
      return node.content.map((item) => listItem(item, marker)).join('\n');
    }
    case 'codeBlock': {
      const language = attrString(node, 'language');
      return `{code${language ? `:${language}` : ''}}\n${textOf(node)}\n{code}`;
    }
    case 'blockquote':
      return `{quote}\n${blocks(node.content, '')}\n{quote}`;
    case 'rule':
      return '----';
    case 'table':
      return node.content.map(tableRow).join('\n');
    default:
      return node.content.length > 0 ? blocks(node.content, list) : inline([node]);
  }
}

/** An item's first paragraph follows its marker; nested lists go one level deeper. */
function listItem(item: AdfNode, marker: string): string {
  const [first, ...rest] = item.content;
  const head = first && first.type !== 'bulletList' && first.type !== 'orderedList' ? first : undefined;
  const lines = [`${marker} ${head ? inline(head.content.length > 0 ? head.content : [head]) : ''}`];
  for (const child of head ? rest : item.content)
    lines.push(child.type.endsWith('List') ? block(child, marker) : inline(child.content));
  return lines.join('\n');
}

function tableRow(row: AdfNode): string {
  const header = row.content.every((c) => c.type === 'tableHeader');
  const sep = header ? '||' : '|';
  return (
    sep + row.content.map((cell) => cell.content.map((p) => inline(p.content)).join(' ')).join(sep) + sep
  );
}

function inline(nodes: readonly AdfNode[]): string {
  return nodes.map(inlineNode).join('');
}

function inlineNode(node: AdfNode): string {
  if (node.type === 'hardBreak') return '\n';
  if (node.type !== 'text') return textOf(node);
  // Wiki delimiters must touch the text: whitespace stays outside them.
  const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(node.text) ?? [];
  if (core === '') return node.text;
  // Literal delimiters are escaped so text reads as written (code keeps its text as is).
  let out = node.marks.some((m) => m.type === 'code') ? `{{${core}}}` : core.replace(/[*_]/g, '\\$&');
  for (const mark of node.marks) {
    if (mark.type === 'strong') out = `*${out}*`;
    else if (mark.type === 'em') out = `_${out}_`;
    else if (mark.type === 'strike') out = `-${out}-`;
    else if (mark.type === 'underline') out = `+${out}+`;
  }
  const link = node.marks.find((m) => m.type === 'link');
  const href = link ? attrString(link, 'href') : undefined;
  if (href !== undefined) out = out === href ? `[${href}]` : `[${out}|${href}]`;
  return lead + out + trail;
}
