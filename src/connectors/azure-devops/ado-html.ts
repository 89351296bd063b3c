/**
 * Azure DevOps keeps descriptions and comments as HTML; the other trackers' bodies are Markdown (or ADF,
 * which `toMarkdown` turns into Markdown). At this edge Markdown goes out as HTML (marked, CommonMark) and
 * HTML comes back as Markdown, so the engine compares Markdown with Markdown. The reader knows the elements
 * Azure DevOps' editor writes (p, div, br, b/strong, i/em, s, code, pre, a, ul/ol/li, h1–h6, blockquote,
 * img); text in anything else is kept as text.
 */
import { Parser } from 'htmlparser2';
import { marked } from 'marked';
import { normalizeNewlines } from '../markdown';

export function markdownToHtml(markdown: string): string {
  if (markdown.trim() === '') return '';
  return marked.parse(markdown, { async: false, gfm: true }).trim();
}

const BLOCKS = new Set([
  'p',
  'div',
  'pre',
  'ul',
  'ol',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
]);
const escapeText = (t: string) => t.replace(/([\\*_`[\]])/g, '\\$1');

export function htmlToMarkdown(html: string): string {
  const out: string[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  const links: string[] = [];
  let pre = 0;
  let quote = 0;
  const block = () => {
    out.push('\n\n');
  };
  const prefix = () => (quote > 0 ? '> '.repeat(quote) : '');
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (BLOCKS.has(name) && lists.length === 0) block();
        switch (name) {
          case 'br':
            // A backslash before the line end is CommonMark's hard break; trailing spaces would be trimmed.
            out.push(pre > 0 ? '\n' : `\\\n${prefix()}`);
            break;
          case 'strong':
          case 'b':
            out.push('**');
            break;
          case 'em':
          case 'i':
            out.push('*');
            break;
          case 's':
          case 'del':
            out.push('~~');
            break;
          case 'code':
            if (pre === 0) out.push('`');
            break;
          case 'pre':
            pre += 1;
            out.push('```\n');
            break;
          case 'a':
            links.push(attrs.href ?? '');
            out.push('[');
            break;
          case 'img':
            out.push(`![${attrs.alt ?? ''}](${attrs.src ?? ''})`);
            break;
          case 'ul':
          case 'ol':
            if (lists.length > 0) out.push('\n');
            lists.push({ ordered: name === 'ol', n: 0 });
            break;
          case 'li': {
            const list = lists[lists.length - 1];
            if (!list) break;
            list.n += 1;
            if (out.length > 0 && !out[out.length - 1]?.endsWith('\n')) out.push('\n');
            out.push(`${'  '.repeat(lists.length - 1)}${list.ordered ? `${list.n}. ` : '- '}`);
            break;
          }
          case 'blockquote':
            quote += 1;
            break;
          case 'hr':
            out.push('---');
            break;
          default:
            if (/^h[1-6]$/.test(name)) out.push(`${'#'.repeat(Number(name[1]))} `);
            else if (name === 'p' && quote > 0) out.push(prefix());
        }
      },
      ontext(text) {
        if (pre > 0) out.push(text);
        // Whitespace with a line break between tags is the HTML's layout, not text.
        else if (/^\s*\n\s*$/.test(text)) return;
        else out.push(escapeText(text.replace(/\s+/g, ' ')));
      },
      onclosetag(name) {
        switch (name) {
          case 'strong':
          case 'b':
            out.push('**');
            break;
          case 'em':
          case 'i':
            out.push('*');
            break;
          case 's':
          case 'del':
            out.push('~~');
            break;
          case 'code':
            if (pre === 0) out.push('`');
            break;
          case 'pre':
            pre -= 1;
            if (!out[out.length - 1]?.endsWith('\n')) out.push('\n');
            out.push('```');
            break;
          case 'a':
            out.push(`](${links.pop() ?? ''})`);
            break;
          case 'ul':
          case 'ol':
            lists.pop();
            if (lists.length === 0) block();
            break;
          case 'blockquote':
            quote -= 1;
            break;
        }
        if (BLOCKS.has(name) && lists.length === 0) block();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return (
    normalizeNewlines(out.join(''))
      .split('\n')
      .map((line) => line.replace(/[ \t]+$/, '').replace(/^ (?=\S)/, ''))
      // The editor's empty line (`<div><br></div>`) is a paragraph break, not a hard break.
      .map((line) => (line === '\\' ? '' : line))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
