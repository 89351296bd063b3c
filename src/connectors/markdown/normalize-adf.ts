/**
 * Makes marklassian's output valid against Atlassian's ADF schema and stable:
 * - no empty text nodes; HTML entities decoded outside code (marked leaves `&amp;` as written);
 * - list items, quotes and task items hold only what the schema allows there; anything else is turned
 *   into text in place (a heading in a list item becomes a paragraph), never removed;
 * - cells and list items are never empty;
 * - task localIds are numbered, not random, so converting the same Markdown twice gives the same ADF and
 *   the engine sees no change where there is none.
 */
import type { Json, JsonObject } from '../../core/model';
import { isObject, readNode, textOf } from './adf-node';
import { decodeEntities } from './entities';

type Kind = 'doc' | 'listItem' | 'blockquote' | 'cell' | 'taskItem';

const ALLOWED: Record<Exclude<Kind, 'taskItem'>, ReadonlySet<string> | undefined> = {
  doc: undefined,
  cell: undefined,
  listItem: new Set(['paragraph', 'bulletList', 'orderedList', 'taskList', 'codeBlock', 'mediaSingle']),
  blockquote: new Set(['paragraph', 'bulletList', 'orderedList', 'codeBlock', 'mediaSingle']),
};

export function normalizeAdf(doc: JsonObject): JsonObject {
  let ids = 0;
  const nextId = () => `tandem-${++ids}`;

  const paragraphOf = (text: string): JsonObject =>
    text.trim() === ''
      ? { type: 'paragraph', content: [] }
      : { type: 'paragraph', content: [{ type: 'text', text: text.trim() }] };

  const inline = (nodes: Json[]): JsonObject[] =>
    mergeText(
      nodes.filter(isObject).flatMap((n): JsonObject[] => {
        if (n.type !== 'text') return [n];
        if (typeof n.text !== 'string' || n.text === '') return [];
        return [{ ...n, text: hasCode(n) ? n.text : decodeEntities(n.text) }];
      }),
    );

  const blocks = (nodes: Json[], kind: Exclude<Kind, 'taskItem'>): JsonObject[] => {
    const allowed = ALLOWED[kind];
    return nodes.filter(isObject).flatMap((n): JsonObject[] => {
      const fixed = node(n);
      if (!fixed) return [];
      const type = typeof fixed.type === 'string' ? fixed.type : '';
      if (!allowed || allowed.has(type)) return [fixed];
      // Not allowed here: a quote's blocks move up into the container; anything else becomes its text.
      if (type === 'blockquote' && Array.isArray(fixed.content)) return blocks(fixed.content, kind);
      const view = readNode(fixed);
      return [paragraphOf(view ? (type === 'rule' ? '---' : textOf(view)) : '')];
    });
  };

  const taskList = (n: JsonObject): JsonObject => {
    const items: JsonObject[] = [];
    for (const item of (Array.isArray(n.content) ? n.content : []).filter(isObject)) {
      if (item.type === 'taskList') {
        items.push(taskList(item));
        continue;
      }
      const state = isObject(item.attrs) && item.attrs.state === 'DONE' ? 'DONE' : 'TODO';
      const content: JsonObject[] = [];
      const nested: JsonObject[] = [];
      for (const child of (Array.isArray(item.content) ? item.content : []).filter(isObject)) {
        if (child.type === 'taskList') nested.push(taskList(child));
        else if (child.type === 'paragraph') content.push(...inline(arr(child.content)));
        else if (isInline(child)) content.push(...inline([child]));
        else {
          // A task item holds only text: other lists under it become lines of text in the item.
          const view = readNode(child);
          for (const line of (view ? textLines(child) : []).filter((l) => l.trim() !== ''))
            content.push({ type: 'hardBreak' }, { type: 'text', text: `• ${line}` });
        }
      }
      items.push({ type: 'taskItem', attrs: { localId: nextId(), state }, content: mergeText(content) });
      items.push(...nested);
    }
    return { type: 'taskList', attrs: { localId: nextId() }, content: items };
  };

  const node = (n: JsonObject): JsonObject | undefined => {
    const content = arr(n.content);
    switch (n.type) {
      case 'paragraph':
      case 'heading':
        return { ...n, content: inline(content) };
      case 'codeBlock': {
        const text = content
          .filter(isObject)
          .map((t) => (typeof t.text === 'string' ? t.text : ''))
          .join('');
        const language = isObject(n.attrs) && typeof n.attrs.language === 'string' ? n.attrs.language : '';
        // marklassian says "text" for a fence without a language; so does Markdown, by saying nothing.
        const attrs = language && language !== 'text' ? { attrs: { language } } : {};
        return { type: 'codeBlock', ...attrs, content: text ? [{ type: 'text', text }] : [] };
      }
      case 'bulletList':
      case 'orderedList':
        return { ...n, content: content.filter(isObject).map((i) => listItem(i)) };
      case 'listItem':
        return listItem(n);
      case 'blockquote': {
        const inner = blocks(content, 'blockquote');
        return { ...n, content: inner.length ? inner : [paragraphOf('')] };
      }
      case 'taskList':
        return taskList(n);
      case 'table':
        return { ...n, content: content.filter(isObject).map(row) };
      default:
        return n;
    }
  };

  const listItem = (n: JsonObject): JsonObject => {
    const inner = blocks(arr(n.content), 'listItem');
    return { type: 'listItem', content: inner.length ? inner : [paragraphOf('')] };
  };

  const row = (r: JsonObject): JsonObject => ({
    ...r,
    content: arr(r.content)
      .filter(isObject)
      .map((cell) => {
        const inner = blocks(arr(cell.content), 'cell');
        return { ...cell, content: inner.length ? inner : [paragraphOf('')] };
      }),
  });

  return { type: 'doc', version: 1, content: blocks(arr(doc.content), 'doc') };
}

/** marked splits text at escapes and tags; neighbours with the same marks are one text node. */
function mergeText(nodes: JsonObject[]): JsonObject[] {
  const out: JsonObject[] = [];
  for (const n of nodes) {
    const prev = out[out.length - 1];
    if (
      prev?.type === 'text' &&
      n.type === 'text' &&
      typeof prev.text === 'string' &&
      typeof n.text === 'string' &&
      JSON.stringify(prev.marks ?? []) === JSON.stringify(n.marks ?? [])
    )
      out[out.length - 1] = { ...prev, text: prev.text + n.text };
    else out.push(n);
  }
  // Merged neighbours can meet with a space each; Markdown shows one, and the next trip would too.
  return out.map((n) =>
    n.type === 'text' && typeof n.text === 'string' && !hasCode(n)
      ? { ...n, text: n.text.replace(/[ \t\n]{2,}/g, ' ') }
      : n,
  );
}

const hasCode = (n: JsonObject) =>
  Array.isArray(n.marks) && n.marks.some((m) => isObject(m) && m.type === 'code');

const arr = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

const INLINE = new Set(['text', 'hardBreak', 'mention', 'emoji', 'date', 'status', 'inlineCard']);
const isInline = (n: JsonObject) => typeof n.type === 'string' && INLINE.has(n.type);

function textLines(n: JsonObject): string[] {
  const view = readNode(n);
  if (!view) return [];
  if (view.type === 'bulletList' || view.type === 'orderedList')
    return view.content.flatMap((item) => item.content.map(textOf));
  return [textOf(view)];
}
