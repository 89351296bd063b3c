/**
 * An in-memory TrackerPort that behaves like a real tracker, for the engine's tests.
 *
 * - Ids are increasing numeric strings, keys `<PROJECT>-<n>`, urls `https://<host>/browse/<key>`.
 * - Every change sets the issue's `updated` from the injected clock, which may stand still; adding, editing
 *   or deleting a comment or attachment counts as a change of the issue.
 * - `listUpdatedSince` pages by (updated, id) with a keyset token, so ties at one timestamp are neither
 *   lost nor repeated across pages. An issue changed while a caller is paging moves behind the cursor and
 *   shows up again (later page or next scan), as on a real tracker.
 * - Whatever goes in or comes out is a deep copy: callers cannot reach stored state.
 * - Port calls are counted by operation and can be rate limited or crashed; `user*` helpers change the
 *   tracker as a person would (same effects, no counting, no faults).
 * - `richText` makes it hold bodies in its own format, as a connector does (ADF for Jira, Markdown for
 *   GitHub): values written through the port at those paths, and comment bodies, are converted on the way
 *   in; people write the native format directly.
 * - `hierarchy` gives issues parents as Jira does, and `typedFields` gives fields whose values must be among
 *   the project's (a select's options, a version list), as Jira's typed fields are; both refuse what Jira
 *   refuses (their options below say what and where Jira says so).
 */
import {
  PartialWriteError,
  TrackerError,
  type TrackerErrorCode,
  type UnwrittenField,
} from '../../src/core/errors';
import type {
  CanonicalAttachment,
  CanonicalComment,
  CanonicalIssue,
  CanonicalWorklog,
  FieldPatch,
  HierarchyRef,
  IssueLinkRef,
  Json,
  UserRef,
  WorklogInput,
} from '../../src/core/model';
import { PARENT_PATH } from '../../src/core/model';
import { applyPatch, getPath } from '../../src/core/paths';
import type {
  BulkCreateItem,
  BulkCreateOutcome,
  CreatedIssue,
  IssueLookup,
  Page,
  TrackerPort,
  WriteOptions,
} from '../../src/core/ports';
import { walkToStatus } from '../../src/core/workflow/walk-to-status';
import { fakeWalker, type FakeWorkflow } from './fake-workflow';
import { isDeepStrictEqual } from 'node:util';
import type { TrackerCapabilities } from '../../src/core/capabilities';
import { noAttachments } from '../../src/connectors/common/no-attachments';

export const READ_OPS = [
  'listUpdatedSince',
  'getIssues',
  'findIssue',
  'findIssueByOrigin',
  'listComments',
  'listAttachments',
  'downloadAttachment',
  'listWorklogs',
] as const;
export const WRITE_OPS = [
  'createIssue',
  'createIssues',
  'updateIssue',
  'addComment',
  'updateComment',
  'deleteComment',
  'uploadAttachment',
  'deleteAttachment',
  'addIssueLink',
  'deleteIssueLink',
  'addWorklog',
  'updateWorklog',
  'deleteWorklog',
] as const;
export type ReadOp = (typeof READ_OPS)[number];
export type WriteOp = (typeof WRITE_OPS)[number];
export type Op = ReadOp | WriteOp;

const WRITES: ReadonlySet<Op> = new Set(WRITE_OPS);
export const isWriteOp = (op: Op): op is WriteOp => WRITES.has(op);

/** A simulated process crash: the caller never sees the response, whether or not the write happened. */
export class CrashError extends Error {
  constructor(message = 'simulated crash') {
    super(message);
    this.name = 'CrashError';
  }
}

export type Phase = 'before' | 'after';

/** Seen by `onCall`: `before` runs ahead of the call's effect, `after` once it is applied (response not yet returned). */
export interface CallEvent {
  op: Op;
  write: boolean;
  phase: Phase;
}
export type CallHook = (event: CallEvent) => void | Promise<void>;

export interface FakeTrackerOptions {
  /** Default 'fake'. */
  kind?: string;
  /** Default 'fake.example.com'. */
  host?: string;
  /** Key prefix; default 'FAKE'. */
  project?: string;
  /** Default `() => new Date()`. */
  now?: () => Date;
  /** Items per `listUpdatedSince` page; default 50. */
  pageSize?: number;
  /** Whether issues come with `comments`; default true. */
  includeCommentsInIssues?: boolean;
  /**
   * Whether issues hold files at all; default true. False makes it a tracker without attachments, which
   * declares so and behaves as declared (lists none, refuses uploads), as GitHub's connector does.
   */
  attachments?: boolean;
  /** Whether issues come with `attachments`; default true. */
  includeAttachmentsInIssues?: boolean;
  /**
   * Whether time is booked on issues; default true. False makes it a tracker without worklogs, which
   * declares so and has no worklog methods.
   */
  worklogs?: boolean;
  /** Whether issues come with `worklogs` (with their origins); default true. */
  includeWorklogsInIssues?: boolean;
  /** Whether an `updateIssue` that changes nothing still bumps `updated` (GitHub does, Jira does not); default true. */
  noopUpdatesBump?: boolean;
  /**
   * Whether comments written through the port show their attribution above the body, as every connector
   * does (TrackerPort.addComment); default false, so the engine's tests compare bodies as written.
   */
  attributions?: boolean;
  /** Author of comments written through the port. */
  appUser?: UserRef;
  /** Default author of comments written by `userComment`. */
  humanUser?: UserRef;
  /** Converts rich text written through the port into this tracker's format; paths are field paths. */
  richText?: { paths: readonly string[]; convert: (value: Json) => Json };
  /** Issues carry `links` and the link methods work, as Jira's do; these link types are refused. */
  issueLinks?: { refusedTypes?: readonly string[] };
  /**
   * The status at `workflow.path` moves only by transitions, as in Jira: a create starts at the initial
   * status and walks on, an update walks; what cannot be reached is reported, the rest is written.
   */
  workflow?: FakeWorkflow;
  /** Several issues created in one call (`createIssues`), as Jira's bulk create does, each created or refused on its own. */
  bulkCreate?: boolean;
  /** Why the tracker refuses to create an issue with these fields (a single create or a bulk item); nothing is created. */
  refuseCreate?: (fields: FieldPatch) => string | undefined;
  /**
   * Issues have parents, as Jira's do (capability `hierarchy`): an issue's level follows from its type at
   * `typePath` (`levels`: type name → Jira's level, 1 an epic, 0 a standard issue, -1 a sub-task; a type not
   * listed is standard). The parent is set by its issue id at PARENT_PATH on create and update, removed with
   * null, and read as `hierarchy`. Refused as Jira refuses them (platform OpenAPI createIssue/editIssue; the
   * emulator's test/sandbox-jira/hierarchy.test.ts), with nothing written: a sub-task without a parent or
   * with its parent removed, a parent that does not exist or is not exactly one level up, a type change
   * between a sub-task and a standard issue.
   */
  hierarchy?: { typePath: string; levels: Readonly<Record<string, number>> };
  /**
   * Fields whose values must be among the project's, as Jira's are (jira-fields.ts): a select holds one of
   * its options or null; a version list holds names of the project's versions, read sorted, [] when empty.
   * A value outside them is not written and the rest is, the write naming it (`unwritten` on a create, a
   * PartialWriteError on an update), as the Jira connector reports a value the partner lacks. A person
   * picks only what exists (`userEdit` refuses the rest).
   */
  typedFields?: Readonly<Record<string, TypedField>>;
  /**
   * The connection's filter (Jira's `localFilter`, a JQL fragment): listings and lookups `inScope` see only
   * the issues it keeps; a lookup by id without `inScope` sees every issue, as Jira's bulk fetch does.
   */
  filter?: (fields: CanonicalIssue['fields']) => boolean;
}

export type TypedField =
  | { kind: 'select'; options: readonly string[] }
  | { kind: 'versions'; names: readonly string[] };

interface StoredAttachment {
  meta: CanonicalAttachment;
  data: Uint8Array;
}

interface StoredIssue {
  /** Without `comments` and `attachments`, which live beside it. */
  issue: CanonicalIssue;
  /** The parent's issue id, with `hierarchy`. */
  parent?: string;
  comments: CanonicalComment[];
  attachments: StoredAttachment[];
  worklogs: CanonicalWorklog[];
}

interface Cursor {
  ms: number;
  id: number;
}

export interface UploadFile {
  filename: string;
  mimeType: string;
  data: Uint8Array;
}

export class FakeTracker implements TrackerPort {
  readonly kind: string;
  readonly capabilities: TrackerCapabilities;
  /** Port calls by operation, including calls that failed (rate limited, crashed, not found). */
  readonly calls: Record<Op, number> = zeroCounts();
  /** Runs around every port call; throw (e.g. a CrashError) to fail it before or after its effect. */
  onCall: CallHook | undefined = undefined;

  private readonly host: string;
  private readonly project: string;
  private readonly now: () => Date;
  private readonly pageSize: number;
  private readonly includeComments: boolean;
  private readonly includeAttachments: boolean;
  private readonly includeWorklogs: boolean;
  private readonly noopUpdatesBump: boolean;
  private readonly appUser: UserRef;
  private readonly humanUser: UserRef;
  private readonly richText: FakeTrackerOptions['richText'];

  private readonly issues = new Map<string, StoredIssue>();
  private readonly links = new Map<string, { id: string; type: string; from: string; to: string }>();
  private linkSeq = 0;
  private issueSeq = 0;
  private commentSeq = 0;
  private worklogSeq = 0;
  private attachmentSeq = 0;
  private readonly failures: (() => Error)[] = [];
  private crash: { writesLeft: number; when: Phase } | undefined;

  private readonly opts: FakeTrackerOptions;

  constructor(opts: FakeTrackerOptions = {}) {
    this.opts = opts;
    if (opts.bulkCreate) this.createIssues = (items) => this.createMany(items);
    this.kind = opts.kind ?? 'fake';
    this.capabilities = {
      attachments: opts.attachments ?? true,
      issueLinks: opts.issueLinks !== undefined,
      partnerLinks: false,
      bulkCreate: opts.bulkCreate === true,
      worklogs: opts.worklogs ?? true,
      hierarchy: opts.hierarchy !== undefined,
    };
    if (this.capabilities.worklogs) {
      this.listWorklogs = (issueId) =>
        this.call('listWorklogs', () => structuredClone(sortedWorklogs(this.stored(issueId).worklogs)));
      this.addWorklog = (issueId, worklog, origin, attribution) =>
        this.call('addWorklog', () =>
          structuredClone(
            this.logWork(issueId, this.heldWorklog(worklog, attribution), this.appUser, origin),
          ),
        );
      this.updateWorklog = (issueId, worklogId, worklog, attribution) =>
        this.call('updateWorklog', () => {
          this.editWorklog(issueId, worklogId, this.heldWorklog(worklog, attribution));
        });
      this.deleteWorklog = (issueId, worklogId) =>
        this.call('deleteWorklog', () => {
          this.removeWorklog(issueId, worklogId);
        });
    }
    if (!this.capabilities.attachments) {
      const none = noAttachments(`fake ${this.kind}`, 'its issues have no attachments', this.kind);
      this.listAttachments = (issueId) => this.call('listAttachments', () => none.listAttachments(issueId));
      this.downloadAttachment = (issueId, id) =>
        this.call('downloadAttachment', () => none.downloadAttachment(issueId, id));
      this.uploadAttachment = (issueId, file) =>
        this.call('uploadAttachment', () => none.uploadAttachment(issueId, file));
      this.deleteAttachment = (issueId, id) =>
        this.call('deleteAttachment', () => none.deleteAttachment(issueId, id));
    }
    this.host = opts.host ?? 'fake.example.com';
    this.project = opts.project ?? 'FAKE';
    this.now = opts.now ?? (() => new Date());
    this.pageSize = opts.pageSize ?? 50;
    this.includeComments = opts.includeCommentsInIssues ?? true;
    this.includeAttachments = opts.includeAttachmentsInIssues ?? true;
    this.includeWorklogs = opts.includeWorklogsInIssues ?? true;
    this.noopUpdatesBump = opts.noopUpdatesBump ?? true;
    this.appUser = opts.appUser ?? { id: 'tandem-app', displayName: 'Tandem' };
    this.humanUser = opts.humanUser ?? { id: 'user-1', displayName: 'Alice', email: 'alice@example.com' };
    this.richText = opts.richText;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1)
      throw new Error('pageSize must be a positive integer');
  }

  // ---- TrackerPort -----------------------------------------------------------------------------------

  listUpdatedSince(since: string | undefined, pageToken?: string): Promise<Page<CanonicalIssue>> {
    return this.call('listUpdatedSince', () => {
      const sinceMs = since === undefined ? -Infinity : parseTime(since);
      const after = pageToken === undefined ? undefined : decodeToken(pageToken);
      const matching = [...this.issues.values()]
        .filter((s) => this.kept(s))
        .filter((s) => Date.parse(s.issue.updated) >= sinceMs && (!after || compare(cursorOf(s), after) > 0))
        .sort((a, b) => compare(cursorOf(a), cursorOf(b)));
      const page = matching.slice(0, this.pageSize);
      const last = page.at(-1);
      const items = page.map((s) => this.view(s));
      return last && matching.length > page.length ? { items, next: encodeToken(cursorOf(last)) } : { items };
    });
  }

  getIssues(ids: readonly string[], opts: { inScope?: boolean } = {}): Promise<CanonicalIssue[]> {
    return this.call('getIssues', () =>
      [...new Set(ids)].flatMap((id) => {
        const stored = this.issues.get(id);
        return stored && (!opts.inScope || this.kept(stored)) ? [this.view(stored)] : [];
      }),
    );
  }

  /** Its own id or `<PROJECT>-<n>` key, as typed; every issue it holds is in scope. */
  findIssue(ref: string): Promise<IssueLookup> {
    return this.call('findIssue', (): IssueLookup => {
      if (!/^\d+$/.test(ref) && !/^[A-Z][A-Z0-9_]*-\d+$/.test(ref))
        return { outcome: 'invalid', message: `"${ref}" is not an issue key or id of ${this.project}` };
      const found = [...this.issues.values()].find((s) => s.issue.id === ref || s.issue.key === ref);
      return found && this.kept(found)
        ? { outcome: 'found', issue: this.view(found) }
        : { outcome: 'not-in-connection' };
    });
  }

  findIssueByOrigin(origin: string): Promise<CanonicalIssue | undefined> {
    return this.call('findIssueByOrigin', () => {
      const found = this.sorted().find((s) => s.issue.origin === origin);
      return found && this.view(found);
    });
  }

  get stepwisePaths(): readonly string[] | undefined {
    return this.opts.workflow ? [this.opts.workflow.path] : undefined;
  }

  /** Transitions taken through the port, in order, as `<issue id>:<to>`. */
  readonly transitionsTaken: string[] = [];
  /** Crashes the walk (a kill) after this many more transitions; one-shot. */
  crashAfterTransitions: number | undefined = undefined;

  createIssue(fields: FieldPatch, origin: string, opts?: WriteOptions): Promise<CreatedIssue> {
    return this.call('createIssue', () => this.createOne(fields, origin, opts));
  }

  /** Defined only with `bulkCreate`: a tracker without it has no such method (see capabilities). */
  readonly createIssues?: (items: readonly BulkCreateItem[]) => Promise<BulkCreateOutcome[]>;

  private createMany(items: readonly BulkCreateItem[]): Promise<BulkCreateOutcome[]> {
    return this.call('createIssues', async () => {
      const out: BulkCreateOutcome[] = [];
      for (const item of items) {
        try {
          out.push({ outcome: 'created', issue: await this.createOne(item.fields, item.origin, item.opts) });
        } catch (err) {
          if (!(err instanceof TrackerError)) throw err;
          out.push({ outcome: 'failed', error: err });
        }
      }
      return out;
    });
  }

  private async createOne(fields: FieldPatch, origin: string, opts?: WriteOptions): Promise<CreatedIssue> {
    this.refuseParentWithoutHierarchy(fields);
    const refused = this.opts.refuseCreate?.(fields);
    if (refused !== undefined) throw new TrackerError('invalid_request', refused, { status: 400 });
    const wf = this.opts.workflow;
    const typed = this.typedRefusals(fields);
    const kept = withoutPaths(fields, typed);
    const withTyped = (created: CreatedIssue): CreatedIssue =>
      typed.length > 0 ? { ...created, unwritten: [...typed, ...(created.unwritten ?? [])] } : created;
    if (!wf) return withTyped(this.view(this.create(this.held(kept), origin)));
    const { [wf.path]: wanted, ...rest } = kept;
    const stored = this.create(this.held({ ...rest, [wf.path]: wf.initial }), origin);
    const missed = await this.walk(stored.issue.id, wanted, opts);
    return withTyped(
      missed
        ? { ...this.view(stored), unwritten: [{ path: wf.path, message: missed.message }] }
        : this.view(stored),
    );
  }

  /** Answers every patched path as stored, as GitHub's and GitLab's answers to an update do. */
  updateIssue(id: string, patch: FieldPatch, opts?: WriteOptions): Promise<FieldPatch> {
    return this.call('updateIssue', async () => {
      this.refuseParentWithoutHierarchy(patch);
      const wf = this.opts.workflow;
      this.stored(id);
      const typed = this.typedRefusals(patch);
      const kept = withoutPaths(patch, typed);
      const rest = Object.fromEntries(Object.entries(kept).filter(([path]) => path !== wf?.path));
      const wanted = wf ? kept[wf.path] : undefined;
      // Nothing left to write once the refused values are out: nothing is sent (jira-tracker.ts updateIssue).
      if (Object.keys(rest).length > 0 || typed.length === 0) this.edit(id, this.held(rest));
      const missed = wf ? await this.walk(id, wanted, opts) : undefined;
      const stored = this.stored(id);
      const held = Object.fromEntries(
        Object.keys(patch).map((path) => [
          path,
          path === PARENT_PATH && this.opts.hierarchy
            ? (stored.parent ?? null)
            : (getPath(this.view(stored).fields, path) ?? null),
        ]),
      );
      const unwritten = [...typed, ...(missed && wf ? [{ path: wf.path, message: missed.message }] : [])];
      if (unwritten.length > 0)
        throw new PartialWriteError(held, unwritten, missed?.code ?? 'invalid_request');
      return held;
    });
  }

  /** Walks to `wanted` by the core's path-finding; a refusal comes back, anything else is thrown. */
  private async walk(
    id: string,
    wanted: Json | undefined,
    opts?: WriteOptions,
  ): Promise<TrackerError | undefined> {
    const wf = this.opts.workflow;
    if (!wf || typeof wanted !== 'string') return undefined;
    const walker = fakeWalker(wf, {
      fields: () => this.stored(id).issue.fields,
      move: (to) => {
        if (this.crashAfterTransitions !== undefined && this.crashAfterTransitions-- <= 0) {
          this.crashAfterTransitions = undefined;
          throw new CrashError('simulated crash between transitions');
        }
        this.edit(id, { [wf.path]: to });
        this.transitionsTaken.push(`${id}:${to}`);
      },
    });
    try {
      await walkToStatus(walker, wanted, opts?.screen);
      return undefined;
    } catch (err) {
      if (err instanceof TrackerError && !err.isRetryable) return err;
      throw err;
    }
  }

  listComments(issueId: string): Promise<CanonicalComment[]> {
    return this.call('listComments', () => structuredClone(this.stored(issueId).comments));
  }

  /** Shows the attribution above the body, as a connector does, when `attributions` is on. */
  addComment(issueId: string, body: Json, origin: string, attribution?: string): Promise<CanonicalComment> {
    return this.call('addComment', () =>
      structuredClone(this.comment(issueId, this.heldBody(body, attribution), this.appUser, origin)),
    );
  }

  updateComment(issueId: string, commentId: string, body: Json, attribution?: string): Promise<void> {
    return this.call('updateComment', () => {
      this.editComment(issueId, commentId, this.heldBody(body, attribution));
    });
  }

  deleteComment(issueId: string, commentId: string): Promise<void> {
    return this.call('deleteComment', () => {
      this.removeComment(issueId, commentId);
    });
  }

  // Worklog methods exist only when the tracker declares worklogs (set in the constructor).
  readonly listWorklogs?: (issueId: string) => Promise<CanonicalWorklog[]>;
  readonly addWorklog?: (
    issueId: string,
    worklog: WorklogInput,
    origin: string,
    attribution?: string,
  ) => Promise<CanonicalWorklog>;
  readonly updateWorklog?: (
    issueId: string,
    worklogId: string,
    worklog: WorklogInput,
    attribution?: string,
  ) => Promise<void>;
  readonly deleteWorklog?: (issueId: string, worklogId: string) => Promise<void>;

  listAttachments(issueId: string): Promise<CanonicalAttachment[]> {
    return this.call('listAttachments', () => this.stored(issueId).attachments.map((a) => ({ ...a.meta })));
  }

  downloadAttachment(issueId: string, attachmentId: string): Promise<Uint8Array> {
    return this.call('downloadAttachment', () => new Uint8Array(this.attachment(issueId, attachmentId).data));
  }

  uploadAttachment(issueId: string, file: UploadFile): Promise<CanonicalAttachment> {
    return this.call('uploadAttachment', () => ({ ...this.attach(issueId, file) }));
  }

  deleteAttachment(issueId: string, attachmentId: string): Promise<void> {
    return this.call('deleteAttachment', () => {
      this.removeAttachment(issueId, attachmentId);
    });
  }

  // ---- Faults and counters -----------------------------------------------------------------------------

  /**
   * Lets `writes` more port writes succeed, then crashes the next one: `before` its effect (nothing
   * written) or `after` it (written, response lost). One-shot: later writes succeed again.
   */
  failAfter(writes: number, when: Phase = 'after'): void {
    this.crash = { writesLeft: writes, when };
  }

  /** The next `n` port calls, reads or writes, fail with `rate_limited` before doing anything. */
  rateLimitNext(n: number, retryAfterMs = 1000): void {
    this.failNext(n, 'rate_limited', retryAfterMs);
  }

  /** The next `n` port calls fail with `code` before doing anything. */
  failNext(n: number, code: TrackerErrorCode, retryAfterMs?: number): void {
    const status = code === 'rate_limited' ? 429 : code === 'unavailable' ? 503 : undefined;
    for (let i = 0; i < n; i++) {
      this.failures.push(
        () =>
          new TrackerError(code, `fake ${this.kind}: injected ${code}`, {
            ...(status === undefined ? {} : { status }),
            ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
          }),
      );
    }
  }

  /** Total read calls since the last reset. */
  get reads(): number {
    return READ_OPS.reduce((sum, op) => sum + this.calls[op], 0);
  }

  /** Total write calls since the last reset. */
  get writes(): number {
    return WRITE_OPS.reduce((sum, op) => sum + this.calls[op], 0);
  }

  resetCalls(): void {
    Object.assign(this.calls, zeroCounts());
  }

  // ---- A person using the tracker: same effects as the port, not counted, never faulted ---------------

  userCreate(fields: FieldPatch): CanonicalIssue {
    const refused = this.typedRefusals(fields);
    if (refused.length > 0) throw invalid(refused.map((r) => r.message).join('; '));
    return this.view(this.create(fields, undefined));
  }

  /** Without `hierarchy`, `parent` is refused and nothing written, as the capability promises (core/capabilities.ts). */
  private refuseParentWithoutHierarchy(patch: FieldPatch): void {
    if (!this.opts.hierarchy && PARENT_PATH in patch)
      throw invalid(`${this.project} has no parents: "${PARENT_PATH}" cannot be written`);
  }

  /** A person picks only options and versions that exist: anything else is refused and nothing written. */
  userEdit(id: string, patch: FieldPatch): void {
    const refused = this.typedRefusals(patch);
    if (refused.length > 0) throw invalid(refused.map((r) => r.message).join('; '));
    this.edit(id, patch);
  }

  /** A person sets or removes an issue's parent (by issue id), as Jira's parent field does. */
  userSetParent(id: string, parentId: string | null): void {
    this.edit(id, { [PARENT_PATH]: parentId });
  }

  /** The parent's issue id, or null. */
  parentOf(id: string): string | null {
    return this.stored(id).parent ?? null;
  }

  addIssueLink(type: string, sourceId: string, targetId: string): Promise<void> {
    return this.call('addIssueLink', () => {
      if (this.opts.issueLinks?.refusedTypes?.includes(type))
        throw new TrackerError('not_found', `No issue link type with name '${type}' found.`);
      this.userLink(sourceId, type, targetId);
    });
  }

  deleteIssueLink(linkId: string): Promise<void> {
    return this.call('deleteIssueLink', () => {
      if (!this.links.delete(linkId)) throw notFound(`issue link ${linkId}`);
    });
  }

  /** A person links two issues (a second identical link changes nothing, as in Jira). */
  userLink(sourceId: string, type: string, targetId: string): string {
    this.stored(sourceId);
    this.stored(targetId);
    const same = [...this.links.values()].find(
      (l) => l.from === sourceId && l.to === targetId && l.type === type,
    );
    if (same) return same.id;
    const id = `link-${++this.linkSeq}`;
    this.links.set(id, { id, type, from: sourceId, to: targetId });
    for (const end of [sourceId, targetId]) this.stored(end).issue.updated = this.stamp();
    return id;
  }

  userUnlink(linkId: string): void {
    this.links.delete(linkId);
  }

  linksOf(issueId: string): { type: string; to: string }[] {
    return [...this.links.values()]
      .filter((l) => l.from === issueId)
      .map((l) => ({ type: l.type, to: l.to }));
  }

  /** Deletes an issue, as an admin might; the port then no longer sees it. */
  userDeleteIssue(id: string): void {
    this.stored(id);
    this.issues.delete(id);
  }

  userComment(issueId: string, body: Json, author: UserRef = this.humanUser): CanonicalComment {
    return structuredClone(this.comment(issueId, body, author, undefined));
  }

  userEditComment(issueId: string, commentId: string, body: Json): void {
    this.editComment(issueId, commentId, body);
  }

  userDeleteComment(issueId: string, commentId: string): void {
    this.removeComment(issueId, commentId);
  }

  /** A person books time on an issue; answers the worklog. */
  userLogWork(
    issueId: string,
    worklog: { started: string; timeSpentSeconds: number; comment?: Json },
    author: UserRef = this.humanUser,
  ): CanonicalWorklog {
    return structuredClone(this.logWork(issueId, { comment: null, ...worklog }, author, undefined));
  }

  userEditWorklog(
    issueId: string,
    worklogId: string,
    change: Partial<{ started: string; timeSpentSeconds: number; comment: Json }>,
  ): void {
    const current = this.worklog(issueId, worklogId);
    this.editWorklog(issueId, worklogId, { ...current, ...change });
  }

  userDeleteWorklog(issueId: string, worklogId: string): void {
    this.removeWorklog(issueId, worklogId);
  }

  userAttach(
    issueId: string,
    filename: string,
    data: Uint8Array,
    mimeType = 'application/octet-stream',
  ): CanonicalAttachment {
    return { ...this.attach(issueId, { filename, mimeType, data }) };
  }

  userDeleteAttachment(issueId: string, attachmentId: string): void {
    this.removeAttachment(issueId, attachmentId);
  }

  // ---- Assertions -----------------------------------------------------------------------------------------

  /** Every issue, oldest id first, always with `comments`, `attachments` and `worklogs` (and `hierarchy` when it has one). Deep copies. */
  snapshot(): CanonicalIssue[] {
    return this.sorted().map((s) =>
      structuredClone({
        ...s.issue,
        fields: this.typedView(s.issue.fields),
        ...(this.opts.hierarchy ? { hierarchy: this.hierarchyOf(s) } : {}),
        comments: s.comments,
        attachments: s.attachments.map((a) => a.meta),
        worklogs: sortedWorklogs(s.worklogs),
      }),
    );
  }

  /** An attachment's bytes without a port call. */
  peekAttachment(issueId: string, attachmentId: string): Uint8Array {
    return new Uint8Array(this.attachment(issueId, attachmentId).data);
  }

  // ---- Internals ----------------------------------------------------------------------------------------

  private async call<T>(op: Op, effect: () => T | Promise<T>): Promise<T> {
    this.calls[op]++;
    await Promise.resolve(); // like a network call, let concurrent callers interleave
    const failure = this.failures.shift();
    if (failure) throw failure();
    const write = isWriteOp(op);
    const crash = write ? this.takeCrash() : undefined;
    if (crash === 'before') throw new CrashError(`simulated crash before ${op}`);
    await this.onCall?.({ op, write, phase: 'before' });
    const result = await effect();
    await this.onCall?.({ op, write, phase: 'after' });
    if (crash === 'after') throw new CrashError(`simulated crash after ${op}`);
    return result;
  }

  private takeCrash(): Phase | undefined {
    if (!this.crash) return undefined;
    if (this.crash.writesLeft > 0) {
      this.crash.writesLeft--;
      return undefined;
    }
    const { when } = this.crash;
    this.crash = undefined;
    return when;
  }

  private held(patch: FieldPatch): FieldPatch {
    const rich = this.richText;
    if (!rich) return patch;
    return Object.fromEntries(
      Object.entries(patch).map(([path, v]) => [path, rich.paths.includes(path) ? rich.convert(v) : v]),
    );
  }

  private heldBody(body: Json, attribution?: string): Json {
    const held = this.richText ? this.richText.convert(body) : body;
    if (!this.opts.attributions || !attribution) return held;
    if (typeof held === 'string') return `*${attribution}*\n\n${held}`;
    if (typeof held === 'object' && held !== null && !Array.isArray(held) && Array.isArray(held.content)) {
      const line = {
        type: 'paragraph',
        content: [{ type: 'text', text: attribution, marks: [{ type: 'em' }] }],
      };
      return { ...held, content: [line, ...held.content] };
    }
    return held;
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private sorted(): StoredIssue[] {
    return [...this.issues.values()].sort((a, b) => Number(a.issue.id) - Number(b.issue.id));
  }

  private view(s: StoredIssue): CanonicalIssue {
    const id = s.issue.id;
    const links = [...this.links.values()].flatMap((l): IssueLinkRef[] => {
      if (l.from === id) return [{ id: l.id, type: l.type, direction: 'outward', issueId: l.to }];
      if (l.to === id) return [{ id: l.id, type: l.type, direction: 'inward', issueId: l.from }];
      return [];
    });
    return structuredClone({
      ...s.issue,
      fields: this.typedView(s.issue.fields),
      ...(this.opts.hierarchy ? { hierarchy: this.hierarchyOf(s) } : {}),
      ...(this.opts.issueLinks ? { links: links.filter((l) => this.issues.has(l.issueId)) } : {}),
      ...(this.includeComments ? { comments: s.comments } : {}),
      ...(this.includeAttachments ? { attachments: s.attachments.map((a) => a.meta) } : {}),
      ...(this.includeWorklogs && this.capabilities.worklogs ? { worklogs: sortedWorklogs(s.worklogs) } : {}),
    });
  }

  private kept(s: StoredIssue): boolean {
    return this.opts.filter ? this.opts.filter(this.view(s).fields) : true;
  }

  private stored(id: string): StoredIssue {
    const stored = this.issues.get(id);
    if (!stored) throw notFound(`issue ${id}`);
    return stored;
  }

  private create(patch: FieldPatch, origin: string | undefined): StoredIssue {
    const { fields, parent } = this.splitParent(patch);
    if (this.opts.hierarchy)
      this.checkTree(undefined, applyPatch({}, structuredClone(fields)), parent ?? null);
    const n = ++this.issueSeq;
    const key = `${this.project}-${n}`;
    const now = this.stamp();
    const issue: CanonicalIssue = {
      id: String(10000 + n),
      key,
      url: `https://${this.host}/browse/${key}`,
      fields: applyPatch({}, structuredClone(fields)),
      created: now,
      updated: now,
      ...(origin === undefined ? {} : { origin }),
    };
    const stored: StoredIssue = {
      issue,
      comments: [],
      attachments: [],
      worklogs: [],
      ...(parent ? { parent } : {}),
    };
    this.issues.set(issue.id, stored);
    return stored;
  }

  private edit(id: string, patch: FieldPatch): void {
    const stored = this.stored(id);
    const split = this.splitParent(patch);
    const fields = applyPatch(stored.issue.fields, structuredClone(split.fields));
    const parent = split.parent === undefined ? (stored.parent ?? null) : split.parent;
    if (this.opts.hierarchy) this.checkTree(stored, fields, parent);
    if (
      !this.noopUpdatesBump &&
      // Compared as read: a version list in another order is the same list.
      isDeepStrictEqual(this.typedView(fields), this.typedView(stored.issue.fields)) &&
      parent === (stored.parent ?? null)
    )
      return;
    stored.issue.fields = fields;
    if (parent === null) delete stored.parent;
    else stored.parent = parent;
    stored.issue.updated = this.stamp();
  }

  /** With `hierarchy`, the parent leaves the fields: undefined when the patch does not set it. */
  private splitParent(patch: FieldPatch): { fields: FieldPatch; parent?: string | null } {
    if (!this.opts.hierarchy || !(PARENT_PATH in patch)) return { fields: patch };
    const { [PARENT_PATH]: parent, ...fields } = patch;
    if (parent !== null && typeof parent !== 'string')
      throw invalid(`parent must be an issue id, got ${JSON.stringify(parent)}`);
    return { fields, parent };
  }

  private levelOf(fields: FieldPatch | CanonicalIssue['fields']): number {
    const h = this.opts.hierarchy;
    if (!h) return 0;
    const type = getPath(fields, h.typePath);
    return typeof type === 'string' ? (h.levels[type] ?? 0) : 0;
  }

  /** What Jira refuses of an issue's place in the tree (see the `hierarchy` option); throws, writing nothing. */
  private checkTree(
    stored: StoredIssue | undefined,
    fields: CanonicalIssue['fields'],
    parent: string | null,
  ) {
    const level = this.levelOf(fields);
    const was = stored ? this.levelOf(stored.issue.fields) : undefined;
    if (was !== undefined && was < 0 !== level < 0)
      throw invalid(
        level < 0
          ? 'a standard issue cannot be made a sub-task by an edit'
          : 'a sub-task cannot be made a standard issue by an edit',
      );
    if (parent === null) {
      if (level < 0) throw invalid('a sub-task must have a parent');
    } else {
      const p = this.issues.get(parent);
      if (!p) throw invalid(`parent ${parent} does not exist`);
      if (p === stored) throw invalid('an issue cannot be its own parent');
      const parentLevel = this.levelOf(p.issue.fields);
      if (parentLevel !== level + 1)
        throw invalid(`an issue of level ${level} cannot have a parent of level ${parentLevel}`);
    }
    if (stored) {
      for (const child of this.issues.values())
        if (child.parent === stored.issue.id && this.levelOf(child.issue.fields) + 1 !== level)
          throw invalid(`${stored.issue.key} has children of another level than its new type's`);
    }
  }

  private hierarchyOf(s: StoredIssue): HierarchyRef {
    const parent = s.parent === undefined ? undefined : this.issues.get(s.parent);
    return {
      parent: parent ? { id: parent.issue.id, key: parent.issue.key } : null,
      level: this.levelOf(s.issue.fields),
    };
  }

  /** Each typed field as Jira reads it: a version list sorted and [] when empty, a select null when empty. */
  private typedView(fields: CanonicalIssue['fields']): CanonicalIssue['fields'] {
    const typed = this.opts.typedFields;
    if (!typed) return fields;
    const out = { ...fields };
    for (const [path, t] of Object.entries(typed)) {
      const v = out[path];
      out[path] =
        t.kind === 'versions'
          ? // One name is a list of one, as the Jira connector writes it (jira-fields.ts writeNamedField).
            [
              ...new Set((Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string')),
            ].sort()
          : (v ?? null);
    }
    return out;
  }

  /** The typed values of a patch the project lacks, each named as the Jira connector names them. */
  private typedRefusals(patch: FieldPatch): UnwrittenField[] {
    const typed = this.opts.typedFields;
    if (!typed) return [];
    const out: UnwrittenField[] = [];
    for (const [path, value] of Object.entries(patch)) {
      const t = typed[path];
      if (!t || value === null) continue;
      if (t.kind === 'select') {
        if (typeof value !== 'string' || !t.options.includes(value))
          out.push({ path, message: `${this.project}: ${path} has no option ${JSON.stringify(value)}` });
        continue;
      }
      const names = Array.isArray(value) ? value : [value];
      const absent = names.filter((n) => typeof n !== 'string' || !t.names.includes(n));
      if (absent.length > 0)
        out.push({
          path,
          message: `${this.project}: ${path} ${absent.map((n) => JSON.stringify(n)).join(', ')} ${absent.length > 1 ? 'do' : 'does'} not exist in ${this.project}`,
        });
    }
    return out;
  }

  private comment(
    issueId: string,
    body: Json,
    author: UserRef,
    origin: string | undefined,
  ): CanonicalComment {
    const stored = this.stored(issueId);
    const now = this.stamp();
    const comment: CanonicalComment = {
      id: String(100000 + ++this.commentSeq),
      body: structuredClone(body),
      author: { ...author },
      created: now,
      updated: now,
      ...(origin === undefined ? {} : { origin }),
    };
    stored.comments.push(comment);
    stored.issue.updated = now;
    return comment;
  }

  private editComment(issueId: string, commentId: string, body: Json): void {
    const stored = this.stored(issueId);
    const comment = stored.comments.find((c) => c.id === commentId);
    if (!comment) throw notFound(`comment ${commentId} on issue ${issueId}`);
    comment.body = structuredClone(body);
    comment.updated = stored.issue.updated = this.stamp();
  }

  private removeComment(issueId: string, commentId: string): void {
    const stored = this.stored(issueId);
    const index = stored.comments.findIndex((c) => c.id === commentId);
    if (index < 0) throw notFound(`comment ${commentId} on issue ${issueId}`);
    stored.comments.splice(index, 1);
    stored.issue.updated = this.stamp();
  }

  /** A copy's comment opens with its attribution, as connectors write it, when `attributions` is on. */
  private heldWorklog(worklog: WorklogInput, attribution?: string): WorklogInput {
    const rest = { ...worklog }; // the fake books as the app, never as the author
    delete rest.author;
    if (!this.opts.attributions || !attribution) return { ...rest, comment: this.heldBody(rest.comment) };
    const comment = rest.comment === null ? `*${attribution}*` : this.heldBody(rest.comment, attribution);
    return { ...rest, comment };
  }

  private worklog(issueId: string, worklogId: string): CanonicalWorklog {
    const found = this.stored(issueId).worklogs.find((w) => w.id === worklogId);
    if (!found) throw notFound(`worklog ${worklogId} on issue ${issueId}`);
    return found;
  }

  /** Booking time changes the issue (Jira moves `updated` and the time tracking fields). */
  private logWork(
    issueId: string,
    input: WorklogInput,
    author: UserRef,
    origin: string | undefined,
  ): CanonicalWorklog {
    const stored = this.stored(issueId);
    if (!Number.isInteger(input.timeSpentSeconds) || input.timeSpentSeconds < 60)
      throw invalid('timeSpentSeconds must be whole seconds, at least one minute');
    const now = this.stamp();
    const worklog: CanonicalWorklog = {
      id: String(300000 + ++this.worklogSeq),
      author: { ...author },
      started: input.started,
      timeSpentSeconds: input.timeSpentSeconds,
      comment: structuredClone(input.comment),
      created: now,
      updated: now,
      ...(origin === undefined ? {} : { origin }),
    };
    stored.worklogs.push(worklog);
    stored.issue.updated = now;
    return worklog;
  }

  private editWorklog(issueId: string, worklogId: string, input: Omit<WorklogInput, 'author'>): void {
    const stored = this.stored(issueId);
    const worklog = this.worklog(issueId, worklogId);
    worklog.started = input.started;
    worklog.timeSpentSeconds = input.timeSpentSeconds;
    worklog.comment = structuredClone(input.comment);
    worklog.updated = stored.issue.updated = this.stamp();
  }

  private removeWorklog(issueId: string, worklogId: string): void {
    const stored = this.stored(issueId);
    this.worklog(issueId, worklogId);
    stored.worklogs = stored.worklogs.filter((w) => w.id !== worklogId);
    stored.issue.updated = this.stamp();
  }

  private attachment(issueId: string, attachmentId: string): StoredAttachment {
    const found = this.stored(issueId).attachments.find((a) => a.meta.id === attachmentId);
    if (!found) throw notFound(`attachment ${attachmentId} on issue ${issueId}`);
    return found;
  }

  private attach(issueId: string, file: UploadFile): CanonicalAttachment {
    const stored = this.stored(issueId);
    const now = this.stamp();
    const meta: CanonicalAttachment = {
      id: String(200000 + ++this.attachmentSeq),
      filename: file.filename,
      size: file.data.byteLength,
      mimeType: file.mimeType,
      created: now,
    };
    stored.attachments.push({ meta, data: new Uint8Array(file.data) });
    stored.issue.updated = now;
    return meta;
  }

  private removeAttachment(issueId: string, attachmentId: string): void {
    const stored = this.stored(issueId);
    const index = stored.attachments.findIndex((a) => a.meta.id === attachmentId);
    if (index < 0) throw notFound(`attachment ${attachmentId} on issue ${issueId}`);
    stored.attachments.splice(index, 1);
    stored.issue.updated = this.stamp();
  }
}

const withoutPaths = (patch: FieldPatch, refused: readonly UnwrittenField[]): FieldPatch =>
  Object.fromEntries(Object.entries(patch).filter(([path]) => !refused.some((r) => r.path === path)));

function zeroCounts(): Record<Op, number> {
  return Object.fromEntries([...READ_OPS, ...WRITE_OPS].map((op) => [op, 0])) as Record<Op, number>;
}

const sortedWorklogs = (worklogs: readonly CanonicalWorklog[]) =>
  [...worklogs].sort((a, b) => Date.parse(a.started) - Date.parse(b.started) || Number(a.id) - Number(b.id));

function notFound(what: string): TrackerError {
  return new TrackerError('not_found', `${what} not found`, { status: 404 });
}

function invalid(message: string): TrackerError {
  return new TrackerError('invalid_request', message, { status: 400 });
}

function parseTime(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw invalid(`invalid time: ${iso}`);
  return ms;
}

const cursorOf = (s: StoredIssue): Cursor => ({ ms: Date.parse(s.issue.updated), id: Number(s.issue.id) });

const compare = (a: Cursor, b: Cursor): number => a.ms - b.ms || a.id - b.id;

function encodeToken(c: Cursor): string {
  return Buffer.from(`${c.ms}:${c.id}`).toString('base64url');
}

function decodeToken(token: string): Cursor {
  const [ms, id, ...rest] = Buffer.from(token, 'base64url').toString().split(':').map(Number);
  if (
    ms === undefined ||
    id === undefined ||
    rest.length > 0 ||
    !Number.isSafeInteger(ms) ||
    !Number.isSafeInteger(id)
  ) {
    throw invalid(`invalid page token: ${token}`);
  }
  return { ms, id };
}
