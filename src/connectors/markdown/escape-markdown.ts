/**
 * Escaping text so Markdown shows it as written: the punctuation that would start emphasis, code, links or
 * HTML, and line starts that would turn a paragraph into a heading, quote or list. Escapes are kept to what
 * is needed, so plain prose (`snake_case`, `a ~ b`) stays readable in the other tracker.
 */
export function escapeText(text: string): string {
  return (
    text
      .replace(/[\\`*[\]]/g, '\\$&')
      // `_` only where it could open or close emphasis: next to something that is not a letter or digit.
      .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\\_'))
      // Every `<`: a neighbouring text node may hold the rest of what would read as a tag.
      .replace(/</g, '\\<')
      .replace(/~~/g, '\\~\\~')
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
  );
}

const BLOCK_START = /^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s)|=+\s*$|-+\s*$)/;
const ORDERED_START = /^(\s*\d{1,9})([.)])(?=\s|$)/;

/** Escapes what would make a rendered line start a block; runs on whole lines of inline output. */
export function escapeLineStarts(line: string): string {
  const ordered = ORDERED_START.exec(line);
  if (ordered) return `${ordered[1] ?? ''}\\${line.slice((ordered[1] ?? '').length)}`;
  const m = BLOCK_START.exec(line);
  if (!m) return line;
  const lead = m[1] ?? '';
  return `${lead}\\${line.slice(lead.length)}`;
}

/** Backticks long enough to wrap `text` as inline code. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
