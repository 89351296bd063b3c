/**
 * Jira wiki markup → ADF, for what Data Center's REST v2 answers. Wiki becomes Markdown line by line and then
 * ADF through the shared converter, so the result is normalised and valid the same way Markdown bodies are.
 * Covers headings, lists, emphasis, code, links, quotes, rules and tables; other macros keep their text.
 */
import type { JsonObject } from '../../../core/model';
import { markdownToAdf } from '../../markdown';

export function wikiToAdf(wiki: string): JsonObject {
  return markdownToAdf(wikiToMarkdown(wiki));
}

export function wikiToMarkdown(wiki: string): string {
  const out: string[] = [];
  let fence: 'code' | undefined;
  let quote = false;
  let row = 0;
  for (const line of wiki.replace(/\r\n?/g, '\n').split('\n')) {
    const code = /^\s*\{(code|noformat)(?::([\w+#-]+))?[^}]*\}\s*$/.exec(line);
    if (fence) {
      if (code) {
        out.push('```');
        fence = undefined;
      } else out.push(line);
      continue;
    }
    if (code) {
      out.push(`\`\`\`${code[2] ?? ''}`);
      fence = 'code';
      continue;
    }
    if (/^\s*\{quote\}\s*$/.test(line)) {
      quote = !quote;
      out.push('');
      continue;
    }
    const table = /^\s*(\|\|?)(.*?)\|*\s*$/.exec(line);
    row = table ? row + 1 : 0;
    const md = table ? tableLine(table[2] ?? '', row) : blockLine(line);
    out.push(quote && md !== '' ? `> ${md}` : md);
  }
  if (fence) out.push('```');
  return out.join('\n');
}

function blockLine(line: string): string {
  const heading = /^\s*h([1-6])\.\s+(.*)$/.exec(line);
  if (heading) return `${'#'.repeat(Number(heading[1]))} ${inline(heading[2] ?? '')}`;
  const quote = /^\s*bq\.\s+(.*)$/.exec(line);
  if (quote) return `> ${inline(quote[1] ?? '')}`;
  if (/^\s*-{4,}\s*$/.test(line)) return '---';
  const item = /^\s*([*#-]+)\s+(.*)$/.exec(line);
  if (item?.[1] && !/^-+$/.test(item[1]) && !/^\*+$/.test(line.trim())) {
    const markers = item[1];
    // Markdown nests by indenting under the parent's content column: 2 after "- ", 3 after "1. ".
    const indent = markers.slice(0, -1).replace(/#/g, '   ').replace(/[*-]/g, '  ');
    return `${indent}${markers.endsWith('#') ? '1.' : '-'} ${inline(item[2] ?? '')}`;
  }
  return inline(line);
}

function tableLine(body: string, row: number): string {
  const cells = body.split(/\|\|?/).map((c) => inline(c.trim()));
  const line = `| ${cells.join(' | ')} |`;
  // Markdown needs a header row: wiki's `||` row is one, otherwise the first row stands in for it.
  return row === 1 ? `${line}\n|${' --- |'.repeat(cells.length)}` : line;
}

/** Inline markup outside `{{code}}` spans; code keeps its text as written. */
function inline(text: string): string {
  return text
    .split(/(\{\{[\s\S]*?\}\})/)
    .map((part, i) => (i % 2 === 1 ? `\`${part.slice(2, -2)}\`` : emphasis(part)))
    .join('');
}

/** Delimiters stand in as control characters until the text's own Markdown specials are escaped. */
const STRONG = '\u0001';
const EM = '\u0002';
const STRIKE = '\u0003';
const BREAK = '\u0004';
/** Wiki's escaped delimiters (`\*`), kept out of the emphasis patterns and written back escaped. */
const ESCAPED: Record<string, string> = { '*': '\u0005', _: '\u0006', '-': '\u0007' };

function emphasis(text: string): string {
  let out = text
    .replace(/\\\\/g, BREAK)
    .replace(/\\([*_-])/g, (_, c: string) => ESCAPED[c] ?? c)
    .replace(/\[([^|\]]+)\|([^\]]+)\]/g, (_, label: string, href: string) => `[${label}](${href.trim()})`)
    .replace(/\[(https?:\/\/[^\]\s]+)\]/g, '[$1]($1)')
    .replace(/(^|[^\w*])\*(\S(?:[^*]*?\S)?)\*(?=$|[^\w*])/g, `$1${STRONG}$2${STRONG}`)
    .replace(/(^|[^\w_])_(\S(?:[^_]*?\S)?)_(?=$|[^\w_])/g, `$1${EM}$2${EM}`)
    .replace(/(^|[^\w-])-(\S(?:[^-]*?\S)?)-(?=$|[^\w-])/g, `$1${STRIKE}$2${STRIKE}`)
    .replace(/[*_`~]/g, '\\$&')
    .replaceAll(BREAK, '\\\n')
    .replaceAll(STRONG, '**')
    .replaceAll(EM, '*')
    .replaceAll(STRIKE, '~~');
  for (const [c, stand] of Object.entries(ESCAPED)) out = out.replaceAll(stand, c === '-' ? c : `\\${c}`);
  return out;
}
