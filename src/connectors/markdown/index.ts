/** Markdown ↔ ADF at the edges of the Markdown trackers (GitHub, GitLab, Redmine). */
export { adfToMarkdown, type MarkdownOptions } from './adf-to-markdown';
export { markdownToAdf } from './markdown-to-adf';
export { toMarkdown, normalizeNewlines } from './body-markdown';
export { splitOrigin, withAttribution, withOrigin } from './origin-marker';
