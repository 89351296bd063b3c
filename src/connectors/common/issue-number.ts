import type { CanonicalIssue } from '../../core/model';
import type { IssueLookup } from '../../core/ports';

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

/**
 * `findIssue` for trackers addressed by issue number: anything not in a number form is refused with the
 * forms named; a number is looked up in the connection's own repository or project only, and an issue
 * the lookup does not return there is "not in this connection", never a link.
 */
export async function findByIssueNumber(
  ref: string,
  forms: { what: string; where: string },
  lookup: (number: string) => Promise<CanonicalIssue | undefined>,
): Promise<IssueLookup> {
  const number = parseIssueNumber(ref);
  if (number === undefined)
    return { outcome: 'invalid', message: `"${ref}" ${issueNumberForms(forms.what, forms.where)}` };
  const issue = await lookup(number);
  return issue ? { outcome: 'found', issue } : { outcome: 'not-in-connection' };
}
