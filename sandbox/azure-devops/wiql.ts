/**
 * The part of WIQL ("Work Item Query Language syntax reference", learn.microsoft.com/azure/devops/boards/
 * queries/wiql-syntax) the fake Azure DevOps answers: flat queries
 * `SELECT [f], … FROM WorkItems WHERE [f] op literal (AND …)* ORDER BY [f] ASC|DESC, … ASOF 'date'`, with
 * the comparison operators and CONTAINS. What it does not understand it refuses with a 400, as the service
 * refuses a query it cannot parse, so the connector cannot lean on something the fake only pretends to do.
 * Dates: without `timePrecision=true` a literal with a time is refused ("You cannot supply a time with the
 * date when running a query using date precision").
 */
export type Value = string | number;
export interface Condition {
  field: string;
  op: '=' | '<>' | '>=' | '<=' | '>' | '<' | 'CONTAINS';
  value: Value;
}
export interface WiqlQuery {
  fields: string[];
  where: Condition[];
  orderBy: { field: string; descending: boolean }[];
  asOf?: string;
}

export class WiqlError extends Error {}

const TOKEN = /\s*(\[[^\]]+\]|'(?:[^']|'')*'|-?\d+(?:\.\d+)?|>=|<=|<>|[=<>,]|[A-Za-z@]+)/y;

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.trim().length + (text.length - text.trimStart().length)) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m?.[1]) {
      if (text.slice(at).trim() === '') break;
      throw new WiqlError(
        `TF51006: The query statement is not valid near "${text.slice(at, at + 20).trim()}"`,
      );
    }
    out.push(m[1]);
  }
  return out;
}

export function parseWiql(
  text: string,
  knownField: (ref: string) => boolean,
  timePrecision: boolean,
): WiqlQuery {
  const t = tokenize(text);
  let i = 0;
  const peek = () => t[i];
  const next = () => {
    const v = t[i++];
    if (v === undefined) throw new WiqlError('TF51006: The query statement ends too early');
    return v;
  };
  const keyword = (k: string) => {
    const v = next();
    if (v.toUpperCase() !== k) throw new WiqlError(`TF51006: Expecting ${k}, found "${v}"`);
  };
  const field = () => {
    const v = next();
    if (!v.startsWith('[')) throw new WiqlError(`TF51006: Expecting a field name, found "${v}"`);
    const ref = v.slice(1, -1);
    if (!knownField(ref))
      throw new WiqlError(`TF51005: The query references a field that does not exist: ${ref}`);
    return ref;
  };
  const literal = (): Value => {
    const v = next();
    if (v.startsWith("'")) {
      const s = v.slice(1, -1).replace(/''/g, "'");
      if (!timePrecision && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !/T00:00(:00(\.0+)?)?Z?$/.test(s))
        throw new WiqlError(
          'You cannot supply a time with the date when running a query using date precision.',
        );
      return s;
    }
    if (/^-?\d/.test(v)) return Number(v);
    throw new WiqlError(`TF51006: Expecting a value, found "${v}"`);
  };
  keyword('SELECT');
  const fields = [field()];
  while (peek() === ',') {
    next();
    fields.push(field());
  }
  keyword('FROM');
  if (next().toUpperCase() !== 'WORKITEMS')
    throw new WiqlError('TF51006: only FROM WorkItems is a flat query');
  const where: Condition[] = [];
  if (peek()?.toUpperCase() === 'WHERE') {
    next();
    for (;;) {
      const f = field();
      const op = next().toUpperCase();
      if (!['=', '<>', '>=', '<=', '>', '<', 'CONTAINS'].includes(op))
        throw new WiqlError(`TF51006: unknown operator "${op}"`);
      where.push({ field: f, op: op as Condition['op'], value: literal() });
      if (peek()?.toUpperCase() !== 'AND') break;
      next();
    }
  }
  const orderBy: WiqlQuery['orderBy'] = [];
  if (peek()?.toUpperCase() === 'ORDER') {
    next();
    keyword('BY');
    for (;;) {
      const f = field();
      let descending = false;
      const dir = peek()?.toUpperCase();
      if (dir === 'ASC' || dir === 'DESC') {
        next();
        descending = dir === 'DESC';
      }
      orderBy.push({ field: f, descending });
      if (peek() !== ',') break;
      next();
    }
  }
  let asOf: string | undefined;
  if (peek()?.toUpperCase() === 'ASOF') {
    next();
    const v = literal();
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v)))
      throw new WiqlError('TF51011: ASOF needs a date');
    asOf = v;
  }
  if (i < t.length) throw new WiqlError(`TF51006: unexpected "${t[i] ?? ''}"`);
  return { fields, where, orderBy, ...(asOf === undefined ? {} : { asOf }) };
}

/** A field's value as text: strings and numbers as they are, anything else as JSON. */
const textOf = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number'
      ? String(v)
      : v === undefined || v === null
        ? ''
        : JSON.stringify(v);
const asDate = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : NaN);

function compare(a: unknown, b: Value): number {
  const da = asDate(a);
  const db = asDate(b);
  if (typeof b === 'string' && !Number.isNaN(da) && !Number.isNaN(db) && /^\d{4}-/.test(b)) return da - db;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return textOf(a).toLowerCase().localeCompare(String(b).toLowerCase());
}

export function matches(fields: Record<string, unknown>, c: Condition): boolean {
  const v = fields[c.field];
  switch (c.op) {
    case 'CONTAINS':
      if (c.field === 'System.Tags')
        return textOf(v)
          .split(';')
          .some((t) => t.trim().toLowerCase() === String(c.value).toLowerCase());
      return textOf(v).toLowerCase().includes(String(c.value).toLowerCase());
    case '=':
      return compare(v, c.value) === 0;
    case '<>':
      return compare(v, c.value) !== 0;
    case '>=':
      return compare(v, c.value) >= 0;
    case '<=':
      return compare(v, c.value) <= 0;
    case '>':
      return compare(v, c.value) > 0;
    case '<':
      return compare(v, c.value) < 0;
  }
}

export function order(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  by: WiqlQuery['orderBy'],
): number {
  for (const o of by) {
    const bv = b[o.field];
    const d = compare(a[o.field], typeof bv === 'number' ? bv : textOf(bv));
    if (d !== 0) return o.descending ? -d : d;
  }
  return 0;
}
