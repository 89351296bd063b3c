/**
 * GitHub issue numbers, GitLab issue iids and Redmine issue ids: a positive whole number, written bare
 * (`12`) or as the trackers themselves show it (`#12`). Nothing else is taken, so what a person types can
 * only ever name one issue of the connection's own repository or project, and it stays a safe integer on
 * its way into a URL or a query parameter.
 */
export function parseIssueNumber(ref: string): string | undefined {
  const match = /^#?([1-9]\d{0,15})$/.exec(ref);
  const digits = match?.[1];
  return digits !== undefined && Number.isSafeInteger(Number(digits)) ? digits : undefined;
}

export const issueNumberForms = (what: string, where: string): string =>
  `is not ${what} of ${where}: type its number, such as 12 or #12.`;
