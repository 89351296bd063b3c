/** Tokens of the JQL subset. The lexer accepts all of JQL's punctuation so the parser can name what it rejects. */
export type Token =
  | { readonly kind: 'lparen' | 'rparen' | 'comma' | 'eof'; readonly text: string; readonly pos: number }
  | { readonly kind: 'op'; readonly text: string; readonly pos: number }
  | { readonly kind: 'word' | 'string'; readonly text: string; readonly pos: number };

export class JqlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JqlSyntaxError';
  }
}

const OPERATORS = ['!=', '>=', '<=', '!~', '=', '>', '<', '~'];
const WORD = /[^\s()=!<>~,"']/;

export function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const ch = jql.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const pos = i;
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', text: ch, pos });
      i += 1;
      continue;
    }
    const op = OPERATORS.find((o) => jql.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, pos });
      i += op.length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const [text, end] = readQuoted(jql, i, ch);
      tokens.push({ kind: 'string', text, pos });
      i = end;
      continue;
    }
    let end = i;
    while (end < jql.length && WORD.test(jql.charAt(end))) end += 1;
    if (end === i)
      throw new JqlSyntaxError(
        `Error in the JQL Query: The character '${ch}' is a reserved JQL character (at position ${pos}).`,
      );
    tokens.push({ kind: 'word', text: jql.slice(i, end), pos });
    i = end;
  }
  tokens.push({ kind: 'eof', text: '', pos: jql.length });
  return tokens;
}

/**
 * Jira's JQL grammar reads these escapes inside a quoted string and refuses any other: "'\q' is an illegal
 * JQL escape sequence. The valid escape sequences are \', \", \t, \n, \r, \\, '\ ' and \uXXXX."
 */
const ESCAPED: Readonly<Record<string, string>> = {
  "'": "'",
  '"': '"',
  t: '\t',
  n: '\n',
  r: '\r',
  '\\': '\\',
  ' ': ' ',
};

function readEscape(jql: string, at: number): [string, number] {
  const ch = jql.charAt(at + 1);
  const simple = ESCAPED[ch];
  if (simple !== undefined) return [simple, at + 2];
  const hex = jql.slice(at + 2, at + 6);
  if (ch === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) return [String.fromCharCode(parseInt(hex, 16)), at + 6];
  throw new JqlSyntaxError(
    `Error in the JQL Query: '\\${ch}' is an illegal JQL escape sequence. The valid escape sequences are \\', \\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX. (at position ${at}).`,
  );
}

function readQuoted(jql: string, start: number, quote: string): [string, number] {
  let text = '';
  let i = start + 1;
  while (i < jql.length) {
    const ch = jql.charAt(i);
    if (ch === '\\' && i + 1 < jql.length) {
      const [decoded, next] = readEscape(jql, i);
      text += decoded;
      i = next;
      continue;
    }
    if (ch === quote) return [text, i + 1];
    text += ch;
    i += 1;
  }
  throw new JqlSyntaxError(
    `Error in the JQL Query: The quoted string starting at position ${start} has not been completed.`,
  );
}
