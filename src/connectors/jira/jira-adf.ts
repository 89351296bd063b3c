/**
 * ADF for the Jira connector: bodies from the Markdown trackers (GitHub, GitLab, Redmine) arrive as
 * Markdown and become ADF through the shared converter, and copied comments get an attribution paragraph.
 */
import type { Json, JsonObject } from '../../core/model';
import { markdownToAdf } from '../markdown';

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isAdfDoc = (v: Json | undefined): v is JsonObject => isObject(v) && v.type === 'doc';

const paragraph = (text: string, em = false): JsonObject => ({
  type: 'paragraph',
  content: text === '' ? [] : [{ type: 'text', text, ...(em ? { marks: [{ type: 'em' }] } : {}) }],
});

/**
 * ADF for any body: an ADF document as is, text as Markdown (what every other tracker holds; plain text
 * is Markdown too, give or take an asterisk), anything else as its JSON in a paragraph.
 */
export function toAdf(body: Json | undefined): JsonObject {
  if (isAdfDoc(body)) return body;
  if (body === undefined || body === null) return { type: 'doc', version: 1, content: [] };
  if (typeof body === 'string') return markdownToAdf(body);
  return { type: 'doc', version: 1, content: [paragraph(JSON.stringify(body))] };
}

/** The body with an italic line above it naming who wrote it and where. */
export function withAttribution(body: Json, attribution: string | undefined): JsonObject {
  const doc = toAdf(body);
  if (!attribution) return doc;
  const content = Array.isArray(doc.content) ? doc.content : [];
  return { ...doc, content: [paragraph(attribution, true), ...content] };
}
