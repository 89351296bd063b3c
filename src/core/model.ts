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

/**
 * Time booked on an issue: Jira's worklog (seconds), Redmine's time entry (decimal hours, a date), in
 * seconds and ISO times here; connectors convert.
 */
export interface CanonicalWorklog {
  id: string;
  author?: UserRef;
  /** When the work began (ISO); a tracker that keeps only the day answers its midnight UTC. */
  started: string;
  timeSpentSeconds: number;
  /** What the work was, as the tracker holds it (ADF for Jira Cloud, text elsewhere); null when none. */
  comment: Json;
  created: string;
  updated: string;
  /** Set when Tandem wrote this worklog: the partner worklog it copies. Lets a retry find its own write. */
  origin?: string;
}

/** What a worklog write sends: the copy's values, and the person who booked the original. */
export interface WorklogInput {
  started: string;
  timeSpentSeconds: number;
  comment: Json;
  /** The original's author, as the partner named them; a connector that can book as them does. */
  author?: UserRef;
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

/**
 * Where an issue sits in its tracker's hierarchy (trackers with the `hierarchy` capability): its parent on the
 * same tracker, and its type's level, as Jira numbers them (1 an epic, 0 a standard issue, -1 a sub-task).
 */
export interface HierarchyRef {
  parent: { id: string; key: string } | null;
  level: number;
}

/** The write path that sets an issue's parent: the parent's issue id on the same tracker, or null for none. */
export const PARENT_PATH = 'parent';

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
  /** All the issue's worklogs with their origins, when the connector read them with the issue. */
  worklogs?: CanonicalWorklog[];
  /** Issue links, when the tracker has them and the listing included them. */
  links?: IssueLinkRef[];
  /** The issue's parent and level, when the tracker has a hierarchy and the read asked for it. */
  hierarchy?: HierarchyRef;
  /** Set when Tandem created this issue: the partner issue it copies. Lets a retry find its own create. */
  origin?: string;
}

/** A field write: dotted path → new value. `null` clears the field. */
export type FieldPatch = Record<string, Json>;
