/** JQL date operands: absolute `yyyy-MM-dd[ HH:mm]` (either separator), or relative periods like `-5m`, `-2d`. UTC. */
const ABSOLUTE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const RELATIVE = /^([-+]?)((?:\d+[wdhm]\s*)+)$/;
const UNIT_MS: Readonly<Record<string, number>> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

export function parseJqlDate(text: string, now: number): number | undefined {
  const abs = ABSOLUTE.exec(text.trim());
  if (abs) {
    const [, y, mo, d, h, mi] = abs;
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
  }
  const rel = RELATIVE.exec(text.trim());
  if (rel) {
    const sign = rel[1] === '-' ? -1 : 1;
    let offset = 0;
    for (const part of (rel[2] ?? '').matchAll(/(\d+)([wdhm])/g))
      offset += Number(part[1]) * (UNIT_MS[part[2] ?? ''] ?? 0);
    return now + sign * offset;
  }
  return undefined;
}

export function invalidDateMessage(value: string, field: string): string {
  return (
    `Date value '${value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', ` +
    `'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`
  );
}
