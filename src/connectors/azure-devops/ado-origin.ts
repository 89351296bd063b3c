/**
 * Where Tandem marks a work item it created as the copy of a partner issue: a tag, `tandem-origin:<origin>`.
 * Why a tag: Azure DevOps has no hidden field without a process customization (a custom field on an
 * inherited process needs a process administrator), and its rich-text fields are sanitized HTML, so a
 * comment in the description is not certain to survive; a tag needs no setup, survives every edit, and
 * WIQL finds it with `[System.Tags] CONTAINS` in one query. Tags hold no `;` or `,`, which
 * encodeURIComponent escapes. The tag is not a label: reads leave it out, label writes keep it.
 *
 * Comments have no tags; Tandem's copies carry the HTML-comment marker of the Markdown trackers.
 */
const PREFIX = 'tandem-origin:';

export const originTag = (origin: string): string => `${PREFIX}${encodeURIComponent(origin)}`;

/** `System.Tags` is `"a; b; c"`. */
export const splitTags = (tags: unknown): string[] =>
  typeof tags === 'string'
    ? tags
        .split(';')
        .map((t) => t.trim())
        .filter((t) => t !== '')
    : [];

export function originOf(tags: readonly string[]): string | undefined {
  const tag = tags.find((t) => t.startsWith(PREFIX));
  if (tag === undefined) return undefined;
  try {
    return decodeURIComponent(tag.slice(PREFIX.length));
  } catch {
    return undefined;
  }
}

export const isOriginTag = (tag: string): boolean => tag.startsWith(PREFIX);
