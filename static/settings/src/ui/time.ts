/** Times as Jira shows them: relative in the text (shared with the issue panel), exact in a title. */
export { relativeTime } from '../../../../src/core/format/relative-time';

export const exactTime = (iso: string): string =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
