/**
 * A connection's filter is JQL that an admin writes, ANDed with the project as `project = P AND (filter)`.
 * That is only a narrowing if the filter keeps to its own parentheses: `x) OR (project = OTHER` would turn
 * the query into a union and reach issues of projects the connection has nothing to do with. This checks the
 * one thing the wrapping relies on, the way Jira's lexer reads it: parentheses outside quoted strings
 * balance, and every quoted string ends (a backslash escapes the next character inside quotes).
 * Whether the filter is otherwise valid JQL is for Jira to say.
 */
export function jqlFragmentProblem(fragment: string): string | undefined {
  let depth = 0;
  let quote: string | undefined;
  let quoteStart = 0;
  for (let i = 0; i < fragment.length; i++) {
    const ch = fragment.charAt(i);
    if (quote !== undefined) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      quoteStart = i;
    } else if (ch === '(') depth += 1;
    else if (ch === ')') {
      depth -= 1;
      if (depth < 0)
        return `the ')' at position ${String(i + 1)} closes a parenthesis the filter did not open`;
    }
  }
  if (quote !== undefined)
    return `the quoted text starting at position ${String(quoteStart + 1)} is not closed`;
  if (depth > 0) return `${String(depth)} opening parenthesis not closed`;
  return undefined;
}
