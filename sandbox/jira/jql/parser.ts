import { JqlSyntaxError, tokenize, type Token } from './lexer';

/**
 * Parses the JQL subset into a small AST. `NOT` before a clause negates it, binding tighter than `AND`, as in
 * Jira's grammar ("Keywords: NOT", https://support.atlassian.com/jira-software-cloud/docs/jql-keywords/).
 * Constructs the emulator does not implement (OR, functions, history operators) raise `JqlUnsupportedError` naming the construct, so a 400 says exactly what to avoid.
 */

export interface JqlValue {
  readonly text: string;
  readonly quoted: boolean;
}

export interface JqlCondition {
  readonly kind: 'condition';
  readonly field: string;
  /** Upper-cased: `=`, `!=`, `>=`, `IN`, `NOT IN`, ... */
  readonly operator: string;
  readonly values: readonly JqlValue[];
  readonly list: boolean;
}

export interface JqlAnd {
  readonly kind: 'and';
  readonly clauses: readonly JqlClause[];
}

export interface JqlNot {
  readonly kind: 'not';
  readonly clause: JqlClause;
}

export type JqlClause = JqlCondition | JqlAnd | JqlNot;

export interface JqlSort {
  readonly field: string;
  readonly direction: 'ASC' | 'DESC';
}

export interface JqlQuery {
  readonly where: JqlClause | null;
  readonly orderBy: readonly JqlSort[];
}

export class JqlUnsupportedError extends Error {
  constructor(readonly part: string) {
    super(`The Jira emulator does not support ${part} in JQL.`);
    this.name = 'JqlUnsupportedError';
  }
}

const HISTORY_OPERATORS = new Set(['WAS', 'CHANGED']);

class Parser {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    const t = this.tokens[this.i] ?? this.tokens[this.tokens.length - 1];
    if (!t) throw new JqlSyntaxError('Error in the JQL Query: empty query.');
    return t;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i += 1;
    return t;
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t.kind === 'word' && t.text.toUpperCase() === word;
  }

  private expected(what: string): JqlSyntaxError {
    const t = this.peek();
    const got = t.kind === 'eof' ? 'the end of the query' : `'${t.text}'`;
    return new JqlSyntaxError(
      `Error in the JQL Query: Expecting ${what} but got ${got} (at position ${t.pos}).`,
    );
  }

  parse(): JqlQuery {
    const where = this.isWord('ORDER') || this.peek().kind === 'eof' ? null : this.expression();
    const orderBy = this.isWord('ORDER') ? this.orderBy() : [];
    if (this.peek().kind !== 'eof') {
      if (this.isWord('OR')) throw new JqlUnsupportedError("the 'OR' keyword");
      throw this.expected("'AND', 'ORDER BY' or the end of the query");
    }
    return { where, orderBy };
  }

  private expression(): JqlClause {
    const clauses = [this.term()];
    for (;;) {
      if (this.isWord('AND')) {
        this.next();
        clauses.push(this.term());
      } else if (this.isWord('OR')) {
        throw new JqlUnsupportedError("the 'OR' keyword");
      } else {
        break;
      }
    }
    return clauses.length === 1 && clauses[0] ? clauses[0] : { kind: 'and', clauses };
  }

  private term(): JqlClause {
    if (this.isWord('NOT')) {
      this.next();
      return { kind: 'not', clause: this.term() };
    }
    if (this.peek().kind === 'lparen') {
      this.next();
      const inner = this.expression();
      if (this.next().kind !== 'rparen') throw this.expected("')'");
      return inner;
    }
    return this.condition();
  }

  private condition(): JqlCondition {
    const fieldToken = this.next();
    if (fieldToken.kind !== 'word' && fieldToken.kind !== 'string') throw this.expected('a field name');
    const field = fieldToken.text;
    const operator = this.operator(field);
    if (this.peek().kind === 'lparen') {
      this.next();
      const values = [this.value()];
      while (this.peek().kind === 'comma') {
        this.next();
        values.push(this.value());
      }
      if (this.next().kind !== 'rparen') throw this.expected("',' or ')'");
      return { kind: 'condition', field, operator, values, list: true };
    }
    const value = this.value();
    if (this.peek().kind === 'lparen') throw new JqlUnsupportedError(`the function '${value.text}()'`);
    return { kind: 'condition', field, operator, values: [value], list: false };
  }

  private operator(field: string): string {
    const t = this.peek();
    if (t.kind === 'op') {
      this.next();
      return t.text;
    }
    if (t.kind === 'word') {
      const word = t.text.toUpperCase();
      if (word === 'IN' || word === 'IS') {
        this.next();
        return word;
      }
      if (word === 'NOT') {
        this.next();
        if (!this.isWord('IN')) throw this.expected("'IN' after 'NOT'");
        this.next();
        return 'NOT IN';
      }
      if (HISTORY_OPERATORS.has(word))
        throw new JqlUnsupportedError(`the operator '${t.text}' (field '${field}')`);
    }
    throw this.expected(`an operator after '${field}'`);
  }

  private value(): JqlValue {
    const t = this.next();
    if (t.kind === 'word') return { text: t.text, quoted: false };
    if (t.kind === 'string') return { text: t.text, quoted: true };
    this.i -= t.kind === 'eof' ? 0 : 1;
    throw this.expected('a value');
  }

  private orderBy(): JqlSort[] {
    this.next();
    if (!this.isWord('BY')) throw this.expected("'BY'");
    this.next();
    const sorts: JqlSort[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind !== 'word' && t.kind !== 'string') throw this.expected('a field to order by');
      let direction: 'ASC' | 'DESC' = 'ASC';
      if (this.isWord('ASC') || this.isWord('DESC'))
        direction = this.next().text.toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
      sorts.push({ field: t.text, direction });
      if (this.peek().kind !== 'comma') break;
      this.next();
    }
    return sorts;
  }
}

export function parseJql(jql: string): JqlQuery {
  return new Parser(tokenize(jql)).parse();
}
