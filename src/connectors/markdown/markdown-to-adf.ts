/**
 * Markdown → ADF with marklassian, made safe and valid: raw HTML becomes text and nested formatting keeps its text (fix-marked-tokens.ts) and the
 * result is normalised to what Atlassian's schema accepts (normalize-adf.ts).
 */
import { markdownToAdf as marklassian } from 'marklassian';
import type { JsonObject } from '../../core/model';
import { JsonSchema } from '../../core/schema/rules';
import { isObject } from './adf-node';
import { installTokenFixes } from './fix-marked-tokens';
import { normalizeAdf } from './normalize-adf';

installTokenFixes();

export function markdownToAdf(markdown: string): JsonObject {
  const raw = JsonSchema.parse(marklassian(markdown.replace(/\r\n?/g, '\n')));
  if (!isObject(raw)) return { type: 'doc', version: 1, content: [] };
  return normalizeAdf(raw);
}

// marklassian must share our `marked` instance, or HTML would silently vanish again: fail loudly instead.
if (!JSON.stringify(markdownToAdf('<b>x</b>')).includes('<b>'))
  throw new Error('marklassian does not use the marked instance Tandem configured; HTML would be dropped');
