/**
 * Where Tandem records which partner item a Gropius issue or comment copies, so a retried create finds its
 * own earlier write:
 * - in a templated field named `tandemOrigin`, when the issue's template declares one: it is invisible in
 *   the body and Gropius filters on it (`IssueFilterInput.templatedFields`), so the lookup is one query;
 * - otherwise (Gropius' default templates declare no such field, and comments have no templated fields at
 *   all) on the first line of the body, as an HTML comment that a Markdown view does not show. The first
 *   line, not the last as on GitHub, GitLab and Redmine: people add to a body at its end, where a trailing
 *   marker would sit between their old and new text once an editor drops the blank line before it.
 */
export const ORIGIN_FIELD = 'tandemOrigin';

const LEADING = /^<!-- tandem:origin=([^\s>]+) -->[ \t]*\n?/;

export function withLeadingOrigin(body: string, origin: string): string {
  return `<!-- tandem:origin=${encodeURIComponent(origin)} -->\n${body}`;
}

export function splitLeadingOrigin(body: string): { body: string; origin?: string } {
  const m = LEADING.exec(body);
  if (!m?.[1]) return { body };
  try {
    return { body: body.slice(m[0].length), origin: decodeURIComponent(m[1]) };
  } catch {
    return { body };
  }
}
