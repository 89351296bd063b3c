/**
 * Small ADF helpers for the Jira connector: bodies from other trackers arrive as text, and copied comments
 * get an attribution paragraph. Full Markdown ↔ ADF conversion lives with the other connectors.
 */
import type { Json, JsonObject } from '../../core/model';

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isAdfDoc = (v: Json | undefined): v is JsonObject => isObject(v) && v.type === 'doc';

const paragraph = (text: string, em = false): JsonObject => ({
  type: 'paragraph',
  content: text === '' ? [] : [{ type: 'text', text, ...(em ? { marks: [{ type: 'em' }] } : {}) }],
});

/** ADF for any body: an ADF document as is, text as paragraphs split on blank lines. */
export function toAdf(body: Json | undefined): JsonObject {
  if (isAdfDoc(body)) return body;
  const text =
    typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body);
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim() !== '');
  return { type: 'doc', version: 1, content: paragraphs.map((p) => paragraph(p)) };
}

/** The body with an italic line above it naming who wrote it and where. */
export function withAttribution(body: Json, attribution: string | undefined): JsonObject {
  const doc = toAdf(body);
  if (!attribution) return doc;
  const content = Array.isArray(doc.content) ? doc.content : [];
  return { ...doc, content: [paragraph(attribution, true), ...content] };
}
