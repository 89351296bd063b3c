/**
 * A read-only view of ADF nodes over plain JSON: whatever a tracker sent, without casts. A value that is not
 * a node reads as `undefined`, and the renderer shows it as unsupported rather than dropping it.
 */
import type { Json, JsonObject } from '../../core/model';

export interface AdfMark {
  type: string;
  attrs: JsonObject;
}

export interface AdfNode {
  type: string;
  attrs: JsonObject;
  content: AdfNode[];
  marks: AdfMark[];
  text: string;
}

export const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isAdfDoc = (v: Json | undefined): v is JsonObject =>
  isObject(v) && v.type === 'doc' && Array.isArray(v.content);

function readMark(v: Json): AdfMark | undefined {
  if (!isObject(v) || typeof v.type !== 'string') return undefined;
  return { type: v.type, attrs: isObject(v.attrs) ? v.attrs : {} };
}

export function readNode(v: Json): AdfNode | undefined {
  if (!isObject(v) || typeof v.type !== 'string') return undefined;
  const content = Array.isArray(v.content) ? v.content : [];
  const marks = Array.isArray(v.marks) ? v.marks : [];
  return {
    type: v.type,
    attrs: isObject(v.attrs) ? v.attrs : {},
    // A child that is not a node becomes an `unknown` node, so it shows up instead of vanishing.
    content: content.map(
      (c) => readNode(c) ?? { type: 'unknown', attrs: {}, content: [], marks: [], text: '' },
    ),
    marks: marks.map(readMark).filter((m): m is AdfMark => m !== undefined),
    text: typeof v.text === 'string' ? v.text : '',
  };
}

export const attrString = (node: { attrs: JsonObject }, key: string): string | undefined => {
  const v = node.attrs[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
};

/** The text of a node and its descendants, for places Markdown cannot express the structure. */
export function textOf(node: AdfNode): string {
  if (node.type === 'text') return node.text;
  if (node.type === 'hardBreak') return '\n';
  if (node.type === 'mention') return attrString(node, 'text') ?? `@${attrString(node, 'id') ?? ''}`;
  if (node.type === 'emoji') return attrString(node, 'text') ?? attrString(node, 'shortName') ?? '';
  return node.content.map(textOf).join('');
}
