/**
 * marklassian reads Markdown through `marked.lexer`; two of its habits lose text, so the tokens it gets are
 * fixed first:
 * - it drops raw HTML silently and turns `<adf>…</adf>` into whatever ADF it holds (an injection path from
 *   any GitHub user into Jira). Here HTML becomes visible text; HTML comments, invisible where they were
 *   written, stay invisible;
 * - for formatting nested two deep (`**a *b* c**`, `[a\*b](u)`) it takes the raw source as text, markup
 *   and backslashes included. Here each wrapper (strong, em, del, link) is split per child, so marklassian
 *   only ever sees chains of single children, which it converts correctly.
 */
import { marked, type Token, type Tokens, type TokensList } from 'marked';

const isComment = (raw: string) => /^\s*<!--[\s\S]*-->\s*$/.test(raw);

type Wrapper = Tokens.Em | Tokens.Strong | Tokens.Del | Tokens.Link;
const isWrapper = (t: Token): t is Wrapper =>
  t.type === 'em' || t.type === 'strong' || t.type === 'del' || t.type === 'link';
const isList = (t: Token): t is Tokens.List => t.type === 'list';
const isTable = (t: Token): t is Tokens.Table => t.type === 'table';

function inline(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((t): Token[] => {
    if (isWrapper(t)) {
      // A hard break or image has no text to carry a mark; it stays where it was, unwrapped.
      return inline(t.tokens).map((leaf) =>
        leaf.type === 'br' || leaf.type === 'image' ? leaf : { ...t, tokens: [leaf] },
      );
    }
    switch (t.type) {
      case 'html':
        return isComment(t.raw) ? [] : [{ type: 'text', raw: t.raw, text: t.raw }];
      case 'text':
        return t.tokens ? [{ ...t, tokens: inline(t.tokens) }] : [t];
      default:
        return [t];
    }
  });
}

function blocks(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((t): Token[] => {
    if (isList(t)) {
      // marklassian makes a task list only when every item is a task, and otherwise drops the boxes.
      const mixed = t.items.some((i) => i.task) && !t.items.every((i) => i.task);
      return [
        {
          ...t,
          items: t.items.map((item) => {
            const tokens = blocks(item.tokens);
            return mixed && item.task
              ? { ...item, task: false, tokens: withBox(tokens, item.checked) }
              : { ...item, tokens };
          }),
        },
      ];
    }
    if (isTable(t)) {
      const cell = (c: Tokens.TableCell): Tokens.TableCell => ({ ...c, tokens: inline(c.tokens) });
      return [{ ...t, header: t.header.map(cell), rows: t.rows.map((r) => r.map(cell)) }];
    }
    switch (t.type) {
      case 'html': {
        if (isComment(t.raw)) return [];
        const text = t.raw.trim();
        const paragraph: Tokens.Paragraph = {
          type: 'paragraph',
          raw: t.raw,
          text,
          tokens: [{ type: 'text', raw: text, text }],
        };
        return [paragraph];
      }
      case 'paragraph':
      case 'heading':
      case 'text':
        return t.tokens ? [{ ...t, tokens: inline(t.tokens) }] : [t];
      case 'blockquote':
        return t.tokens ? [{ ...t, tokens: blocks(t.tokens) }] : [t];
      default:
        return [t];
    }
  });
}

/** The item's box as visible text in front of its first line. */
function withBox(tokens: Token[], checked: boolean | undefined): Token[] {
  const box = checked ? '[x] ' : '[ ] ';
  const [first, ...rest] = tokens;
  const mark: Token = { type: 'text', raw: box, text: box };
  if (first && (first.type === 'text' || first.type === 'paragraph') && first.tokens)
    return [{ ...first, tokens: [mark, ...first.tokens] }, ...rest];
  return [{ type: 'text', raw: box, text: box, tokens: [mark] }, ...tokens];
}

let installed = false;

/** Wraps the lexer of the `marked` instance marklassian uses (the module's shared default). */
export function installTokenFixes(): void {
  if (installed) return;
  const lex = marked.lexer;
  marked.lexer = (src, options): TokensList => {
    const list = lex(src, options);
    return Object.assign(blocks(list), { links: list.links });
  };
  installed = true;
}
