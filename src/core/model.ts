/**
 * The canonical issue model: what every connector reads into and writes from.
 *
 * Field values are plain JSON so the engine can compare, hash and store them without knowing a tracker.
 * Rules address them by dotted path (`status.name`, `assignee.email`, `customfield_10010.value`), as
 * trackersync does; a connector decides how a path is written on its side (Jira sets status by transition).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type Side = 'local' | 'remote';

export const otherSide = (side: Side): Side => (side === 'local' ? 'remote' : 'local');

/** A person as a tracker shows them; matched across sites through the connection's user map. */
export interface UserRef {
  id: string;
  displayName?: string;
  email?: string;
}

export interface CanonicalComment {
  id: string;
  /** Body as the tracker holds it: ADF for Jira Cloud, Markdown elsewhere; converted by connectors. */
  body: Json;
  author?: UserRef;
  created: string;
  updated: string;
  /** Set when Tandem wrote this comment: the partner comment it copies. Lets a retry find its own write. */
  origin?: string;
}

export interface CanonicalAttachment {
  id: string;
  filename: string;
  size: number;
  mimeType: string;
  created: string;
}

/**
 * A link from this issue to another of the same tracker ("blocks", "relates to"). Every link is listed
 * on both of its issues, outward on its source and inward on its target; the engine plans from the source.
 */
export interface IssueLinkRef {
  id: string;
  /** The link type's name, which names it on both sites between Jira sites ("Blocks"). */
  type: string;
  direction: 'outward' | 'inward';
  /** The issue at the other end, on the same tracker. */
  issueId: string;
}

export interface CanonicalIssue {
  id: string;
  key: string;
  url: string;
  /**
   * Every attribute by name: title, description, status, priority, labels, assignee, reporter, and custom
   * fields by their name. Rules read and write them by dotted path.
   */
  fields: JsonObject;
  updated: string;
  created: string;
  /** Present when the connector read them with the issue; otherwise the engine asks for them. */
  comments?: CanonicalComment[];
  /** The listing could not say which comments are Tandem's copies (Jira search omits comment properties). */
  commentsLackOrigin?: boolean;
  attachments?: CanonicalAttachment[];
  /** Issue links, when the tracker has them and the listing included them. */
  links?: IssueLinkRef[];
  /** Set when Tandem created this issue: the partner issue it copies. Lets a retry find its own create. */
  origin?: string;
}

/** A field write: dotted path → new value. `null` clears the field. */
export type FieldPatch = Record<string, Json>;
