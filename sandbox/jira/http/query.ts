import { badRequest } from './reply';

/** Typed access to query parameters; repeated parameters and comma-separated lists read the same way. */
export class QueryReader {
  constructor(private readonly query: Readonly<Record<string, string | readonly string[]>>) {}

  string(name: string): string | undefined {
    const value = this.query[name];
    if (value === undefined) return undefined;
    return typeof value === 'string' ? value : value[0];
  }

  /** `fields=a,b&fields=c` → `['a','b','c']`. */
  list(name: string): string[] | undefined {
    const value = this.query[name];
    if (value === undefined) return undefined;
    const raw = typeof value === 'string' ? [value] : value;
    return raw
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v.length > 0);
  }

  int(name: string, fallback: number): number {
    const value = this.string(name);
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n))
      throw badRequest(`The value '${value}' of parameter '${name}' is not a valid number.`);
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.string(name);
    if (value === undefined) return fallback;
    return value === 'true';
  }

  entries(): [string, string][] {
    return Object.entries(this.query).map(([k, v]) => [k, typeof v === 'string' ? v : (v[0] ?? '')]);
  }
}
