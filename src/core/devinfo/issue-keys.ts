/**
 * Jira issue keys in free text: branch names, commit messages, pull request titles and bodies.
 *
 * Branch names are often lower case (`demo-12-fix-login`), so matching ignores case and the result is
 * upper case, as Jira stores keys. A key is a project key (a letter, then letters, digits or `_`), a dash
 * and a number without leading zero; it must not be glued to a letter or digit on either side, so
 * `sha256-1abc` or `xDEMO-1` are not keys. Only keys of projects that exist on the site are kept: Jira
 * rejects the others, and `UTF-8` or `ISO-8601` in a message would otherwise look like keys.
 */

export const MAX_ISSUE_KEYS_PER_ENTITY = 100;

const KEY = /(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9_]{0,254})-([1-9][0-9]{0,17})(?![A-Za-z0-9])/g;

/** Every distinct key in the texts, in order of first appearance, upper-cased. */
export function findIssueKeys(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(KEY)) {
      const project = match[1];
      const number = match[2];
      if (project === undefined || number === undefined) continue;
      seen.add(`${project.toUpperCase()}-${number}`);
    }
  }
  return [...seen];
}

export const projectOfKey = (key: string): string => key.slice(0, key.lastIndexOf('-'));

/** Keys of known projects only, at most `MAX_ISSUE_KEYS_PER_ENTITY` (Jira's limit per entity). */
export function issueKeysIn(texts: readonly string[], knownProjects: ReadonlySet<string>): string[] {
  return findIssueKeys(texts)
    .filter((key) => knownProjects.has(projectOfKey(key)))
    .slice(0, MAX_ISSUE_KEYS_PER_ENTITY);
}

/** Union of key lists, first appearance first, capped like one entity's keys. */
export function unionKeys(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].slice(0, MAX_ISSUE_KEYS_PER_ENTITY);
}
