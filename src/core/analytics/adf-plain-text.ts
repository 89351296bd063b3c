/**
 * ADF (Atlassian Document Format) as plain text, for analytics columns: what a person reads, without marks.
 * Blocks end in a newline, a hard break is one, and inline nodes that carry their text in `attrs` (mention,
 * emoji, status, date, inline card) keep it, so a search for "@Ada" or a URL finds the row. Media nodes
 * (`media`, `mediaInline`: images and files placed in the body) hold no text; they are collected for the
 * attachments table instead.
 * Shape: developer.atlassian.com/cloud/jira/platform/apis/document/structure/.
 */
import { z } from 'zod';

const NodeSchema: z.ZodType<AdfNode> = z.lazy(() =>
  z.looseObject({
    type: z.string(),
    text: z.string().optional(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(NodeSchema).optional(),
  }),
);

interface AdfNode {
  type: string;
  text?: string | undefined;
  attrs?: Record<string, unknown> | undefined;
  content?: AdfNode[] | undefined;
}

const BLOCKS = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'codeBlock',
  'listItem',
  'panel',
  'rule',
  'tableRow',
  'expand',
  'nestedExpand',
  'decisionItem',
  'taskItem',
  'mediaSingle',
  'mediaGroup',
]);

const attrText = (attrs: Record<string, unknown> | undefined, ...names: string[]): string => {
  for (const name of names) {
    const value = attrs?.[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return '';
};

function inlineText(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'hardBreak':
      return '\n';
    case 'mention':
      return attrText(node.attrs, 'text', 'id');
    case 'emoji':
      return attrText(node.attrs, 'text', 'shortName');
    case 'status':
      return attrText(node.attrs, 'text');
    case 'inlineCard':
    case 'blockCard':
    case 'embedCard':
      return attrText(node.attrs, 'url');
    case 'date': {
      const ts = Number(attrText(node.attrs, 'timestamp'));
      return Number.isFinite(ts) && ts > 0 ? new Date(ts).toISOString().slice(0, 10) : '';
    }
    default:
      return '';
  }
}

/**
 * A file or image placed in an ADF body (ADF `media` / `mediaInline`, developer.atlassian.com/cloud/jira/
 * platform/apis/document/nodes/media/): `type` `file` or `link` names a Media Services file by `id` (not the
 * REST attachment id), `external` an image by `url`; `alt` is the text a reader sees for it, often its name.
 */
export interface AdfMedia {
  id: string | null;
  type: string | null;
  alt: string | null;
  url: string | null;
}

const orNull = (s: string): string | null => (s === '' ? null : s);

function walk(node: AdfNode, out: string[], media: AdfMedia[]): void {
  if (node.type === 'media' || node.type === 'mediaInline') {
    media.push({
      id: orNull(attrText(node.attrs, 'id')),
      type: orNull(attrText(node.attrs, 'type')),
      alt: orNull(attrText(node.attrs, 'alt')),
      url: orNull(attrText(node.attrs, 'url')),
    });
    return;
  }
  out.push(inlineText(node));
  for (const child of node.content ?? []) walk(child, out, media);
  if (node.type === 'tableCell' || node.type === 'tableHeader') out.push('\t');
  if (BLOCKS.has(node.type) && !out.at(-1)?.endsWith('\n')) out.push('\n');
}

export interface AdfText {
  /** The document's text; null when there is no document (an empty description). */
  text: string | null;
  /** Images and files placed in the body, in document order. */
  media: AdfMedia[];
}

/** Plain text of an ADF document; a plain string (Data Center, or an older API answer) is kept as it is. */
export function adfPlainText(doc: unknown): AdfText {
  if (doc === null || doc === undefined) return { text: null, media: [] };
  if (typeof doc === 'string') return { text: doc, media: [] };
  const parsed = NodeSchema.safeParse(doc);
  if (!parsed.success) return { text: null, media: [] };
  const out: string[] = [];
  const media: AdfMedia[] = [];
  walk(parsed.data, out, media);
  return { text: out.join('').replace(/[\t ]+\n/g, '\n').replace(/\n+$/, ''), media };
}
