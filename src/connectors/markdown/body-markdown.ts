/**
 * Bodies arrive in the partner's format: ADF from Jira Cloud, Markdown from the others. Markdown trackers
 * store them as Markdown; this is the one place that decides how.
 */
import type { Json } from '../../core/model';
import { isAdfDoc } from './adf-node';
import { adfToMarkdown, type MarkdownOptions } from './adf-to-markdown';

export function toMarkdown(body: Json | undefined, opts: MarkdownOptions = {}): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (isAdfDoc(body)) return adfToMarkdown(body, opts);
  // Not text and not ADF: shown as JSON rather than dropped.
  return typeof body === 'object' ? JSON.stringify(body) : String(body);
}

/** Line endings as one `\n`: Redmine stores `\r\n`, and a changed line ending is not an edit. */
export const normalizeNewlines = (text: string): string => text.replace(/\r\n?/g, '\n');
