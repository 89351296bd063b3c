/** Jira rejects over-long strings in dev info; a clipped message still links the issue, a rejected one does not. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}
