/**
 * Jira Cloud or Jira Data Center. One JiraTracker serves both; the flavour switches the four things that
 * differ: search paging, text bodies (ADF or wiki markup), users (account id or username) and where
 * attachment bytes are read from. Paths are written for v3; the Data Center transport sends them to v2.
 */
import type { Json, JsonObject } from '../../core/model';
import { toAdf } from './jira-adf';
import type { JiraIssue } from './jira-schemas';
import { adfToWiki } from './wiki/adf-to-wiki';
import { wikiToAdf } from './wiki/wiki-to-adf';

export type JiraFlavor = 'cloud' | 'data-center';

/** A body as the engine holds it (ADF) from what the site answered. */
export function bodyFromSite(flavor: JiraFlavor, body: Json | undefined): Json {
  if (body === undefined || body === null) return null;
  return flavor === 'data-center' && typeof body === 'string' ? wikiToAdf(body) : body;
}

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An issue with its description and embedded comments' bodies as ADF. */
export function issueFromSite(flavor: JiraFlavor, issue: JiraIssue): JiraIssue {
  if (flavor === 'cloud') return issue;
  const fields: JsonObject = { ...issue.fields, description: bodyFromSite(flavor, issue.fields.description) };
  const comment = issue.fields.comment;
  if (isObject(comment) && Array.isArray(comment.comments))
    fields.comment = {
      ...comment,
      comments: comment.comments.map((c) => (isObject(c) ? { ...c, body: bodyFromSite(flavor, c.body) } : c)),
    };
  return { ...issue, fields };
}

/** A body as the site takes it, from ADF (or Markdown, which `toAdf` reads). */
export function bodyForSite(flavor: JiraFlavor, doc: JsonObject): Json {
  return flavor === 'data-center' ? adfToWiki(doc) : doc;
}

/** What the site holds after writing `body`, read back as the engine sees it: the base for the next cycle. */
export function heldBody(flavor: JiraFlavor, body: Json | undefined): Json {
  if (body === undefined || body === null) return null;
  return flavor === 'data-center' ? bodyFromSite(flavor, bodyForSite(flavor, toAdf(body))) : toAdf(body);
}

/** A user field's value on write: `{accountId}` on Cloud, `{name}` (the username) on Data Center. */
export const userRef = (flavor: JiraFlavor, id: string): JsonObject =>
  flavor === 'data-center' ? { name: id } : { accountId: id };
