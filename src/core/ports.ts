/**
 * The ports the core owns. Connectors (src/connectors) and the Forge platform (src/platform) implement
 * them; tests implement them with in-memory fakes (test/fakes). Nothing here imports a platform.
 */
import type { TrackerCapabilities } from './capabilities';
import type { StorePayload, StoreResult } from './devinfo/devinfo-payload';
import type { TrackerError, UnwrittenField } from './errors';
import type {
  CanonicalAttachment,
  CanonicalComment,
  CanonicalIssue,
  CanonicalWorklog,
  FieldPatch,
  Json,
  WorklogInput,
} from './model';
import type { Connection } from './schema/connection';
import type { FieldCatalog } from './schema/field-catalog';
import type { ConnectionState, LinkedPair } from './state';

/** What a write needs besides the fields: values for the screens of the transitions it takes. */
export interface WriteOptions {
  screen?: Record<string, Json>;
  /**
   * A create's caller reads the answer only at these paths (the base it stores). A connector that knows what
   * the tracker holds at each of them from the create's own answer and what it sent may skip reading the
   * issue back; the answer then holds those paths (and id, key, url) and may lack others. Absent: the answer
   * is the issue as a read finds it.
   */
  answerPaths?: readonly string[];
}

/**
 * A created issue as the tracker holds it. `unwritten` names the fields the create could not set (a status
 * no transition reaches from the initial one); the issue exists all the same.
 */
export type CreatedIssue = CanonicalIssue & { unwritten?: UnwrittenField[] };

/** One issue of a bulk create: what `createIssue` takes. */
export interface BulkCreateItem {
  fields: FieldPatch;
  origin: string;
  opts?: WriteOptions;
}

/**
 * What became of one item of a bulk create:
 * - `created`: as `createIssue` answers it;
 * - `unfinished`: the issue exists (`ref`), but what follows the create (a status walk, the read back) failed
 *   with a retryable error; the caller finds it by `ref` on its retry rather than creating it again;
 * - `failed`: the tracker refused this item and created nothing; `error` says why and whether a retry helps.
 */
export type BulkCreateOutcome =
  | { outcome: 'created'; issue: CreatedIssue }
  | { outcome: 'unfinished'; ref: IssueRef; error: TrackerError }
  | { outcome: 'failed'; error: TrackerError };

export interface IssueRef {
  id: string;
  key: string;
  url: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque token for the next page; absent on the last page. */
  next?: string;
}

/**
 * Copies the engine created and had finished writing by `until` (ISO, the engine's clock). A tracker
 * that can filter by id may leave them out of a listing unless they were updated after a time it can
 * name at or after `until` (Jira: whole minutes back from its now); one that cannot simply lists them,
 * and the engine deduplicates. A person's edit to such a copy between `until` and that time (within about
 * a minute of Tandem writing it) is then not in the listing either: the engine offers each group to one
 * listing only and reads it by id in the next (plan-cycle.ts knownCopiesPlan).
 */
export interface KnownUnchanged {
  ids: string[];
  until: string;
}

/**
 * One tracker as the engine sees it: Jira (local or remote), GitHub, GitLab, Redmine, or a fake. Every
 * promise below has a case in the contract suite (test/connectors/contract), which every connector passes.
 */
export interface TrackerPort {
  readonly kind: string;
  /** What this tracker can hold beyond issues and comments; the methods behave as declared (see capabilities.ts). */
  readonly capabilities: TrackerCapabilities;
  /**
   * Issues updated at or after `since` (ISO time), oldest `updated` first, in pages. `since` absent means
   * all issues in scope. Each issue comes once, except one edited while the caller pages, which may come
   * again later; an edit while paging never makes the listing skip another issue (offset paging would).
   * A person's comment counts as an update of its issue. A coarse filter may also answer issues a little
   * older than `since` (Jira's minutes); callers pass a cursor minus an overlap and deduplicate anyway.
   */
  listUpdatedSince(
    since: string | undefined,
    pageToken?: string,
    known?: readonly KnownUnchanged[],
  ): Promise<Page<CanonicalIssue>>;
  /**
   * Several issues by id in as few calls as the API allows, each once; missing ids are absent from the result.
   * With `inScope`, only those a listing would include (the connection's project and filter): what a cycle
   * scoped to named issues may act on, so an event cannot pull in an issue the filter leaves out. Trackers
   * whose lookups by id are already confined to the connection's project need not do more.
   */
  getIssues(ids: readonly string[], opts?: { inScope?: boolean }): Promise<CanonicalIssue[]>;
  /**
   * The issue a person named (the panel's "Link to an existing remote issue"), only if it lies in this
   * tracker's scope: the connection's project or repository, and its filter. `ref` is taken only in the
   * tracker's own id or key form; anything else is `invalid`, with a message naming the forms, before any
   * request is made. An issue that does not exist and one outside the scope get the same answer, so the
   * answer tells nothing about what lies outside.
   */
  findIssue(ref: string): Promise<IssueLookup>;
  /**
   * The issue this app created as a copy of `origin`, if a create got that far before a crash.
   * `createdSince` is when the create was attempted, so trackers without an index on the marker can
   * search only the issues created after it. Found from a new instance that never saw the create's answer,
   * and still after the body was rewritten through the port; issues read by any method carry their `origin`.
   */
  findIssueByOrigin(origin: string, createdSince?: string): Promise<CanonicalIssue | undefined>;
  createIssue(fields: FieldPatch, origin: string, opts?: WriteOptions): Promise<CreatedIssue>;
  /**
   * Optional, with `capabilities.bulkCreate`: `createIssue` for several issues in as few calls as the API
   * allows, one outcome per item in the same order, each issue carrying its origin as `createIssue`'s does
   * (so `findIssueByOrigin` finds it). It throws only when no outcome is known: the call was refused whole
   * (`rate_limited`, or a non-retryable error: nothing was created) or its answer was lost (a timeout, a 5xx:
   * some may exist, and the caller looks for them by origin).
   */
  createIssues?(items: readonly BulkCreateItem[]): Promise<BulkCreateOutcome[]>;
  /**
   * Writes the patch and answers what the tracker now holds at each patched path it can tell: read back
   * from the write's answer where the API returns the issue, otherwise the connector's own conversion of
   * what it sent (Markdown → ADF for Jira). A path left out is taken to hold what was sent. The engine
   * stores these as the base, so a body written in another format compares like-for-like next cycle.
   * A path that could not be written (no transition reaches the status) throws a PartialWriteError that
   * holds what was written, after writing the rest. An issue that does not exist is a `not_found` TrackerError.
   */
  updateIssue(id: string, patch: FieldPatch, opts?: WriteOptions): Promise<FieldPatch>;
  /**
   * Paths written in several steps (a status, along the workflow's transitions): a step that lands without
   * the next leaves a value of the engine's making, which it journals so it is not taken for an edit.
   */
  readonly stepwisePaths?: readonly string[] | undefined;

  /**
   * Optional: a link on the issue that points at its partner (a Jira remote link), so people can jump
   * across. Idempotent: `globalId` identifies the link, and writing it again updates it.
   */
  linkToPartner?(issueId: string, partner: PartnerRef, globalId: string): Promise<void>;

  /**
   * Optional, with `links` on the issues it reads: an issue link of `type` from `sourceId` to `targetId`.
   * Idempotent (Jira ignores a second identical link), so a retry after a lost answer adds nothing.
   */
  addIssueLink?(type: string, sourceId: string, targetId: string): Promise<void>;
  deleteIssueLink?(linkId: string): Promise<void>;

  /** Oldest first, each copy with its `origin` (people's comments have none). */
  listComments(issueId: string): Promise<CanonicalComment[]>;
  /**
   * `origin` marks the comment as Tandem's copy of a partner comment, so a retry can find it; it survives
   * `updateComment`. An issue that does not exist is a `not_found` TrackerError.
   * `attribution` ("Ana Lima wrote in PARTNER:") is shown above the body in the tracker's own format.
   */
  addComment(issueId: string, body: Json, origin: string, attribution?: string): Promise<CanonicalComment>;
  updateComment(issueId: string, commentId: string, body: Json, attribution?: string): Promise<void>;
  deleteComment(issueId: string, commentId: string): Promise<void>;

  /**
   * Optional, with the `worklogs` capability. Oldest `started` first, each copy with its `origin`.
   * `addWorklog` books `worklog` as `worklog.author` where the tracker lets this connection book for that
   * person, otherwise as itself with `attribution` ("Ana Lima logged this in PARTNER") above the comment.
   * `origin` survives `updateWorklog`, so a retry finds the copy. Time is written in whole minutes as given
   * (the engine rounds); a tracker in hours keeps what its decimals can hold. An issue or worklog that does
   * not exist is a `not_found` TrackerError.
   */
  listWorklogs?(issueId: string): Promise<CanonicalWorklog[]>;
  addWorklog?(
    issueId: string,
    worklog: WorklogInput,
    origin: string,
    attribution?: string,
  ): Promise<CanonicalWorklog>;
  updateWorklog?(
    issueId: string,
    worklogId: string,
    worklog: WorklogInput,
    attribution?: string,
  ): Promise<void>;
  deleteWorklog?(issueId: string, worklogId: string): Promise<void>;

  listAttachments(issueId: string): Promise<CanonicalAttachment[]>;
  downloadAttachment(issueId: string, attachmentId: string): Promise<Uint8Array>;
  uploadAttachment(
    issueId: string,
    file: { filename: string; mimeType: string; data: Uint8Array },
  ): Promise<CanonicalAttachment>;
  deleteAttachment(issueId: string, attachmentId: string): Promise<void>;

  /**
   * Optional: the fields a rule may name on this tracker, with their types and options where the tracker
   * lists them, for the rule editor (core/rules/rule-fields.ts). Reads only; a tracker without it has its
   * rules left unchecked.
   */
  fieldCatalog?(): Promise<FieldCatalog>;
}

/** What `TrackerPort.findIssue` found. */
export type IssueLookup =
  | { outcome: 'found'; issue: CanonicalIssue }
  | { outcome: 'not-in-connection' }
  | { outcome: 'invalid'; message: string };

export interface PartnerRef {
  key: string;
  url: string;
  /** Where the partner lives, shown with the link: "PARTNER on partner.atlassian.net". */
  title: string;
}

/**
 * A lock held as a short lease. The holder renews it while it works (a heartbeat), so a holder that is
 * killed stops renewing and its lock is free again within one lease, not at the end of the invocation's limit.
 */
export interface Lease {
  /** Frees the lock if it is still ours; safe to call twice. */
  release(): Promise<void>;
  /** Extends the lease by its length from now; false when it is no longer ours (it expired and was taken). */
  renew(): Promise<boolean>;
}

/** Who holds a lock, as far as the store knows: for Activity, never for deciding who may write. */
export interface LockInfo {
  since: string;
  renewedAt: string;
  expiresAt: string;
}

/** Where sync state lives: KVS on Forge, a Map in tests. The store owns its key scheme. */
export interface SyncStateStore {
  getConnectionState(connectionId: string): Promise<ConnectionState>;
  putConnectionState(state: ConnectionState): Promise<void>;

  getPair(connectionId: string, pairId: string): Promise<LinkedPair | undefined>;
  findPairBySide(
    connectionId: string,
    side: 'local' | 'remote',
    issueId: string,
  ): Promise<LinkedPair | undefined>;
  /** Several pairs by issue id of one side, in as few storage calls as possible. */
  findPairsBySide(
    connectionId: string,
    side: 'local' | 'remote',
    issueIds: readonly string[],
  ): Promise<Map<string, LinkedPair>>;
  /** Writes the pair and its lookup entries for both sides. */
  putPair(pair: LinkedPair): Promise<void>;
  listPairs(connectionId: string, pageToken?: string): Promise<Page<LinkedPair>>;

  /**
   * Takes the lock on one pair (or on a connection, with pairId '*') as a lease of `ttlMs`, renewable.
   * Returns undefined when someone else holds it: the caller skips the pair and a later pass retries.
   */
  tryLock(connectionId: string, pairId: string, ttlMs: number): Promise<Lease | undefined>;
  /** The current holder of a lock, or undefined when it is free. */
  readLock(connectionId: string, pairId: string): Promise<LockInfo | undefined>;
}

export interface WorkItem {
  kind: string;
  body: Json;
}

export interface WorkQueue {
  /** Pushes work for a later invocation; implementations split into chunks of the platform's limit. */
  push(items: readonly WorkItem[], delaySeconds?: number): Promise<void>;
}

export interface Clock {
  now(): Date;
  /** Milliseconds this invocation may still run; Infinity outside a time-limited runtime. */
  remainingMs(): number;
}

/**
 * Development information in Jira (commits, branches, pull requests). Rate limits and outages throw a
 * retryable TrackerError; Jira's per-entity refusals come back in the result.
 */
export interface DevInfoSink {
  /** One `POST /rest/devinfo/0.10/bulk` within Jira's limits (see core/devinfo/plan-batches.ts). */
  store(payload: StorePayload): Promise<StoreResult>;
  /** Removes a branch entity, but not an update newer than `updateSequenceId`. */
  deleteBranch(repositoryId: string, branchId: string, updateSequenceId: number): Promise<void>;
}

/** Connection configs, as admins saved them. */
export interface ConnectionRepository {
  get(connectionId: string): Promise<Connection | undefined>;
  list(): Promise<Connection[]>;
  put(connection: Connection): Promise<void>;
  delete(connectionId: string): Promise<void>;
}
