/**
 * A Jira project as a TrackerPort: the local site through `requestJira`, a partner site (Cloud or Data
 * Center, see jira-flavor.ts) through `fetch`. Reads are batched through JQL search (100 a page); status is
 * set by transition; creates and copied comments carry a `tandem` property with their origin so a retry can
 * find them.
 */
import { decodeListingCursor, nextListingToken, seenIds, sinceCursor } from './jira-listing';
import type { TrackerCapabilities } from '../../core/capabilities';
import { z } from 'zod';
import { PartialWriteError, TrackerError, type UnwrittenField } from '../../core/errors';
import type {
  CanonicalAttachment,
  CanonicalComment,
  CanonicalIssue,
  CanonicalWorklog,
  FieldPatch,
  Json,
  JsonObject,
  WorklogInput,
} from '../../core/model';
import { PARENT_PATH } from '../../core/model';
import type {
  BulkCreateItem,
  BulkCreateOutcome,
  CreatedIssue,
  IssueLookup,
  IssueRef,
  KnownUnchanged,
  Page,
  PartnerRef,
  TrackerPort,
  WriteOptions,
} from '../../core/ports';
import { getPath } from '../../core/paths';
import { walkToStatus } from '../../core/workflow/walk-to-status';
import { heldValues } from '../common/held-values';
import { withAttribution, toAdf } from './jira-adf';
import { bodyForSite, bodyFromSite, heldBody, issueFromSite, userRef, type JiraFlavor } from './jira-flavor';
import type { RateGovernor } from '../../core/rate';
import { JiraClient } from './jira-client';
import {
  jiraStatusWalker,
  readIssueWorkflowRef,
  type IssueWorkflowRef,
  type WorkflowCache,
} from './jira-workflow';
import {
  ORIGIN_PROPERTY,
  readFieldsFor,
  toAttachment,
  toCanonical,
  toComment,
  toWorklog,
  isStatusPath,
  toJiraWrite,
  type JiraWrite,
} from './jira-mapping';
import { answersOf, BULK_CREATE_MAX, issueFromCreate, JiraBulkCreatedSchema } from './jira-create';
import {
  JiraAttachmentSchema,
  JiraCommentListSchema,
  JiraBulkFetchSchema,
  JiraCommentPageSchema,
  JiraCommentSchema,
  JiraCreatedSchema,
  JiraIssueSchema,
  JiraWorklogPageSchema,
  JiraWorklogSchema,
  type JiraComment,
  type JiraWorklog,
  type JiraIssue,
} from './jira-schemas';
import { SEARCH_PAGE, searchIssues } from './jira-search';
import { isoToJiraTime, minutesBefore, minutesSince } from './jira-time';
import { jql, parseIssueRef, type JqlScope } from './jql';
import type { JiraTransport } from './jira-transport';
import { UserResolver, type UserMapping } from './user-resolver';
import type { JiraFieldRules } from './jira-fields';
import { NamedFields, type NamedWrite } from './jira-named-fields';
import { readJiraCatalog } from './jira-catalog';
import { DataCenterHierarchy } from './jira-dc-hierarchy';
import type { FieldCatalog } from '../../core/schema/field-catalog';

export interface JiraTrackerOptions {
  transport: JiraTransport;
  label: string;
  /** Where people open issues: `https://your-site.atlassian.net`. */
  browseBase: string;
  project: string;
  /** JQL ANDed with the project, narrowing which issues take part. */
  filter?: string;
  issueType?: string;
  users?: UserMapping;
  /** The kinds of the connection's rules: comments, attachments and links are read only for theirs. */
  ruleKinds?: readonly string[];
  /** Custom fields the rules use, read with every issue. */
  extraFields?: string[];
  /**
   * The paths this side's rules name (jira-fields.ts resolves those beyond jira-mapping.ts's own fields),
   * and those whose missing versions or components the rule lets Tandem create.
   */
  fieldRules?: JiraFieldRules;
  /** Whether Tandem may create versions and components on this site (not on its own: no manage:jira-project). */
  mayCreateProjectItems?: boolean;
  now?: () => Date;
  /** Cloud (the default) or Data Center; the registry takes it from the connection's auth kind. */
  flavor?: JiraFlavor;
  /** The site's rate governor for this invocation; the client keeps its own without one. */
  governor?: RateGovernor;
}

const PAGE = SEARCH_PAGE;
const WALKS_AT_ONCE = 4;
const OriginValueSchema = z.object({ value: z.json() });
const RemoteLinkCreatedSchema = z.object({ id: z.number() });
const IssueIdSchema = z.object({ id: z.string() });
/** How far back `findIssueByOrigin` looks when it is not told when the create was tried. */
const ORIGIN_LOOKBACK = '2026-01-01T00:00:00.000Z';

/** Jira issues hold files, issue links, remote links (to the partner) and worklogs, and are created 50 a call. */
export const JIRA_CAPABILITIES: TrackerCapabilities = {
  attachments: true,
  issueLinks: true,
  partnerLinks: true,
  bulkCreate: true,
  worklogs: true,
  hierarchy: true,
};

interface CreateBody {
  write: JiraWrite;
  /** The named fields (jira-fields.ts) in `fields`, and what of them could not be written at all. */
  named: NamedWrite;
  /** The fields as sent, users resolved and the description in the site's format. */
  fields: JsonObject;
  json: JsonObject;
}

export class JiraTracker implements TrackerPort {
  readonly kind = 'jira';
  readonly capabilities: TrackerCapabilities;
  private readonly client: JiraClient;
  private readonly users: UserResolver;
  private readonly now: () => Date;
  private readonly flavor: JiraFlavor;
  /** Workflows read in this invocation: one call per project and issue type, not one per walk. */
  private readonly workflows: WorkflowCache = new Map();
  /**
   * Where a create of this project and issue type starts (its workflow's initial status, with the ids), by
   * the project and type as sent, learned from the first such create in this invocation: a backfill's
   * copies no longer read each new issue back only to find it in the status it was created in.
   */
  private readonly createdStarts = new Map<string, Promise<IssueWorkflowRef>>();
  /** A status moves one transition at a time; a walk stopped halfway leaves a status of the engine's making. */
  readonly stepwisePaths = ['status.name', 'status'] as const;
  /** Versions, components and fields the rules name, resolved once per invocation (jira-fields.ts). */
  private readonly named: NamedFields;
  /** Data Center's two places of the hierarchy (jira-dc-hierarchy.ts); none on Cloud. */
  private readonly dataCenter: DataCenterHierarchy | undefined;

  constructor(private readonly opts: JiraTrackerOptions) {
    this.flavor = opts.flavor ?? 'cloud';
    this.capabilities = JIRA_CAPABILITIES;
    this.client = new JiraClient(opts.transport, opts.label, opts.governor);
    // Data Center keeps epics in the Epic Link custom field and only sub-tasks in `parent`.
    if (this.flavor === 'data-center') this.dataCenter = new DataCenterHierarchy(this.client);
    this.users = new UserResolver(this.client, opts.users ?? { explicit: new Map() }, this.flavor);
    this.now = opts.now ?? (() => new Date());
    this.named = new NamedFields({
      client: this.client,
      users: this.users,
      flavor: this.flavor,
      project: opts.project,
      rules: opts.fieldRules ?? { paths: [], createMissing: [] },
      mayCreateProjectItems: opts.mayCreateProjectItems ?? true,
    });
  }

  private get readsHierarchy(): boolean {
    return this.capabilities.hierarchy && readFieldsFor(this.opts.ruleKinds).includes('parent');
  }

  /**
   * The issues as the engine sees them: on Data Center, wiki-markup bodies read as ADF, and the hierarchy
   * from the Epic Link (whose epics' ids are learnt first) or a sub-task's parent.
   */
  private async canonicalAll(issues: readonly JiraIssue[]): Promise<CanonicalIssue[]> {
    if (this.dataCenter && this.readsHierarchy) await this.dataCenter.learnEpics(issues);
    return issues.map((i) => this.canonical(i));
  }

  private canonical(issue: JiraIssue): CanonicalIssue {
    const canonical = toCanonical(issueFromSite(this.flavor, issue), this.opts.browseBase, {
      hierarchy: this.readsHierarchy && !this.dataCenter,
    });
    if (this.dataCenter && this.readsHierarchy) {
      const hierarchy = this.dataCenter.hierarchyOf(issue.fields);
      if (hierarchy) canonical.hierarchy = hierarchy;
    }
    return this.named.withValues(canonical, issue.fields);
  }

  private comment(c: JiraComment): CanonicalComment {
    return toComment({ ...c, body: bodyFromSite(this.flavor, c.body) });
  }

  private get scope(): JqlScope {
    return { project: this.opts.project, filter: this.opts.filter };
  }

  private async readFields(): Promise<string[]> {
    const epicLink = this.dataCenter && this.readsHierarchy ? await this.dataCenter.epicLinkId() : undefined;
    return [
      ...readFieldsFor(this.opts.ruleKinds),
      ...(epicLink === undefined ? [] : [epicLink]),
      ...(this.opts.extraFields ?? []),
      ...(await this.named.fieldIds()),
    ];
  }

  private async search(jql: string, pageToken?: string) {
    return searchIssues(this.client, this.flavor, { jql, fields: await this.readFields() }, pageToken);
  }

  /**
   * Oldest change first; every page a fresh search from the last change seen (jira-listing.ts). Copies the
   * engine knows unchanged (`known`) are left out while their `updated` is older than Jira's minutes can say.
   */
  async listUpdatedSince(
    since: string | undefined,
    pageToken?: string,
    known: readonly KnownUnchanged[] = [],
  ): Promise<Page<CanonicalIssue>> {
    const cursor = pageToken === undefined ? undefined : decodeListingCursor(pageToken, this.opts.label);
    const from = cursor?.since ?? since;
    const now = this.now();
    const minutes = from === undefined ? undefined : minutesSince(from, now);
    const skip = known
      .map((k) => ({ ids: k.ids, minutesAgo: minutesBefore(k.until, now) }))
      .filter((k) => k.minutesAgo >= 1 && (minutes === undefined || k.minutesAgo < minutes));
    const page = await this.search(jql.updatedSince(this.scope, minutes, seenIds(cursor), skip));
    const answered = await this.canonicalAll(page.issues);
    const items = sinceCursor(answered, cursor);
    const next = page.next === undefined ? undefined : nextListingToken(answered, cursor);
    return next === undefined ? { items } : { items, next };
  }

  /**
   * Cloud: `POST /rest/api/3/issue/bulkfetch`, 100 ids a call, the fields the rules read and the origin
   * marker, at 1 point plus 1 per issue like a search page but with no JQL to build or parse. An id Jira
   * could not return for now (`issueErrors`, "a retriable error or payload constraint") fails the read as
   * retryable rather than reading as a deleted issue. Data Center has no bulk fetch, and bulkfetch cannot
   * apply the connection's filter (`inScope`): those read by a JQL search by ids.
   */
  async getIssues(ids: readonly string[], opts: { inScope?: boolean } = {}): Promise<CanonicalIssue[]> {
    const out: CanonicalIssue[] = [];
    for (let i = 0; i < ids.length; i += PAGE) {
      const chunk = ids.slice(i, i + PAGE);
      if (this.flavor === 'cloud' && !opts.inScope) {
        const answer = await this.client.json('/rest/api/3/issue/bulkfetch', JiraBulkFetchSchema, {
          method: 'POST',
          json: { issueIdsOrKeys: chunk, fields: await this.readFields(), properties: [ORIGIN_PROPERTY] },
        });
        const failed = answer.issueErrors ?? [];
        if (failed.length > 0)
          throw new TrackerError(
            'unavailable',
            `${this.opts.label} could not return issues ${failed.map((e) => e.id ?? '?').join(', ')} for now: ${failed[0]?.errorMessage ?? 'no reason given'}`,
          );
        out.push(...(await this.canonicalAll(answer.issues)));
        continue;
      }
      const query = opts.inScope ? jql.idsInScope(this.scope, chunk) : jql.byIds(chunk);
      let token: string | undefined;
      do {
        const page = await this.search(query, token);
        out.push(...(await this.canonicalAll(page.issues)));
        token = page.next;
      } while (token);
    }
    return out;
  }

  async findIssue(ref: string): Promise<IssueLookup> {
    const parsed = parseIssueRef(ref);
    if (!parsed)
      return {
        outcome: 'invalid',
        message: `"${ref}" is not a Jira issue key (such as ${this.opts.project}-12) or issue id (such as 10042).`,
      };
    // A key names its project: another project's key is refused without asking the site anything.
    if (parsed.kind === 'key' && parsed.project !== this.opts.project)
      return { outcome: 'not-in-connection' };
    // The key or id becomes an id first. JQL would do both at once (`id` is an alias of `issuekey`), but it
    // answers a key that does not exist with a 400, which reads the same as a filter Jira refuses; a 404 here
    // says only "no such issue you may see" (GET /rest/api/3/issue/{issueIdOrKey}, platform OpenAPI).
    const found = await this.client
      .json(`/rest/api/3/issue/${parsed.kind === 'id' ? parsed.id : parsed.key}`, IssueIdSchema, {
        query: { fields: 'project' },
      })
      .catch((err: unknown) => {
        if (err instanceof TrackerError && (err.code === 'not_found' || err.code === 'forbidden'))
          return undefined;
        throw err;
      });
    if (!found) return { outcome: 'not-in-connection' };
    const page = await this.search(jql.idInScope(this.scope, found.id));
    const [issue] = await this.canonicalAll(page.issues);
    return issue ? { outcome: 'found', issue } : { outcome: 'not-in-connection' };
  }

  async findIssueByOrigin(origin: string, createdSince?: string): Promise<CanonicalIssue | undefined> {
    const minutes = minutesSince(createdSince ?? ORIGIN_LOOKBACK, this.now()) + 1;
    let token: string | undefined;
    do {
      const page = await this.search(jql.createdSince(this.scope, minutes), token);
      for (const issue of await this.canonicalAll(page.issues))
        if ((await this.originOf(issue)) === origin) return { ...issue, origin };
      token = page.next;
    } while (token);
    return undefined;
  }

  /** Cloud's search carries the marker; Data Center's cannot, so there it is read per issue. */
  private async originOf(issue: CanonicalIssue): Promise<string | undefined> {
    if (this.flavor === 'cloud') return issue.origin;
    const property = await this.client
      .json(`/rest/api/3/issue/${issue.id}/properties/${ORIGIN_PROPERTY}`, OriginValueSchema)
      .catch((err: unknown) => {
        if (err instanceof TrackerError && err.code === 'not_found') return undefined;
        throw err;
      });
    const value = property?.value;
    return typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      typeof value.origin === 'string'
      ? value.origin
      : undefined;
  }

  async createIssue(patch: FieldPatch, origin: string, opts: WriteOptions = {}): Promise<CreatedIssue> {
    const body = await this.createBody(patch, origin);
    // A named field Jira refuses (an option its context lacks) is left out and named; the issue is created.
    const { result, refused } = await this.named.sendDroppingRefused(
      body.fields,
      body.named,
      patch,
      (fields) =>
        this.client.json('/rest/api/3/issue', JiraCreatedSchema, {
          method: 'POST',
          json: { ...body.json, fields },
        }),
    );
    if (!result) throw new TrackerError('invalid_request', refused.map((u) => u.message).join('; '));
    const created = result;
    const walked = await this.walkCreated(created.id, body, opts);
    const all = [...body.named.unwritten, ...refused, ...(walked ?? [])];
    const unwritten = all.length > 0 ? all : undefined;
    const known = this.knownFromCreate(created, body, origin, opts);
    const [issue] = known ? [known] : await this.getIssues([created.id]);
    if (!issue)
      throw new TrackerError('not_found', `${this.opts.label}: issue ${created.key} vanished after create`);
    return unwritten ? { ...issue, unwritten } : issue;
  }

  /**
   * `POST /rest/api/3/issue/bulk` (createIssues), 50 issues a call, each with its origin property as a single
   * create has. Jira answers per element: the issues created, and for each element it refused its number
   * and why (201 when any was created, 400 when none was, both `CreatedIssues`). Then, as for one create,
   * each issue walks to its status, and those whose answer needs a read are read back together (bulkfetch,
   * one call per 100). A failure after the create is that issue's alone (`unfinished`): it exists.
   */
  async createIssues(items: readonly BulkCreateItem[]): Promise<BulkCreateOutcome[]> {
    const out: BulkCreateOutcome[] = [];
    for (let i = 0; i < items.length; i += BULK_CREATE_MAX)
      out.push(...(await this.createChunk(items.slice(i, i + BULK_CREATE_MAX))));
    return out;
  }

  private async createChunk(items: readonly BulkCreateItem[]): Promise<BulkCreateOutcome[]> {
    const outcomes: (BulkCreateOutcome | undefined)[] = items.map(() => undefined);
    const sent: { index: number; body: CreateBody }[] = [];
    for (const [index, item] of items.entries()) {
      try {
        sent.push({ index, body: await this.createBody(item.fields, item.origin) });
      } catch (err) {
        // A user no account matches refuses this item only; a rate limit or an outage stops the whole call.
        if (!(err instanceof TrackerError) || err.isRetryable) throw err;
        outcomes[index] = { outcome: 'failed', error: err };
      }
    }
    if (sent.length > 0) {
      const answer = await this.client.json('/rest/api/3/issue/bulk', JiraBulkCreatedSchema, {
        method: 'POST',
        json: { issueUpdates: sent.map((s) => s.body.json) },
        accept: [400],
      });
      const answers = answersOf(answer, sent.length, this.opts.label);
      const made: { index: number; body: CreateBody; ref: { id: string; key: string } }[] = [];
      for (const [n, a] of answers.entries()) {
        const s = sent[n];
        if (!s) continue;
        if (!a.created) outcomes[s.index] = { outcome: 'failed', error: a.error };
        else made.push({ index: s.index, body: s.body, ref: { id: a.id, key: a.key } });
      }
      await this.finishCreated(items, made, outcomes);
    }
    return outcomes.map(
      (o) =>
        o ?? {
          outcome: 'failed',
          error: new TrackerError('unknown', 'no outcome: a bug in the bulk create'),
        },
    );
  }

  /** The walks to status, one issue after another, then one read back for all that need it. */
  private async finishCreated(
    items: readonly BulkCreateItem[],
    made: readonly { index: number; body: CreateBody; ref: { id: string; key: string } }[],
    outcomes: (BulkCreateOutcome | undefined)[],
  ): Promise<void> {
    const unfinished = (index: number, ref: { id: string; key: string }, error: TrackerError) => {
      outcomes[index] = { outcome: 'unfinished', ref: this.refOf(ref), error };
    };
    const walked: {
      index: number;
      ref: { id: string; key: string };
      issue?: CanonicalIssue;
      unwritten?: UnwrittenField[];
    }[] = [];
    // Walks take a few calls each; four at a time, as the engine writes four pairs at a time.
    const queue = [...made];
    const walkNext = async (): Promise<void> => {
      for (let m = queue.shift(); m; m = queue.shift()) {
        const item = items[m.index];
        if (!item) continue;
        try {
          const stopped = await this.walkCreated(m.ref.id, m.body, item.opts ?? {});
          const all = [...m.body.named.unwritten, ...(stopped ?? [])];
          const unwritten = all.length > 0 ? all : undefined;
          const known = this.knownFromCreate(m.ref, m.body, item.origin, item.opts ?? {});
          walked.push({
            index: m.index,
            ref: m.ref,
            ...(known ? { issue: known } : {}),
            ...(unwritten ? { unwritten } : {}),
          });
        } catch (err) {
          if (!(err instanceof TrackerError)) throw err;
          unfinished(m.index, m.ref, err);
        }
      }
    };
    await Promise.all(Array.from({ length: WALKS_AT_ONCE }, walkNext));
    const toRead = walked.filter((w) => !w.issue).map((w) => w.ref.id);
    let read = new Map<string, CanonicalIssue>();
    try {
      if (toRead.length > 0) read = new Map((await this.getIssues(toRead)).map((i) => [i.id, i]));
    } catch (err) {
      if (!(err instanceof TrackerError)) throw err;
      for (const w of walked) if (!w.issue) unfinished(w.index, w.ref, err);
      read = new Map();
    }
    for (const w of walked) {
      if (outcomes[w.index]) continue;
      const issue = w.issue ?? read.get(w.ref.id);
      if (!issue) {
        unfinished(
          w.index,
          w.ref,
          new TrackerError('not_found', `${this.opts.label}: issue ${w.ref.key} vanished after create`),
        );
        continue;
      }
      outcomes[w.index] = {
        outcome: 'created',
        issue: w.unwritten ? { ...issue, unwritten: w.unwritten } : issue,
      };
    }
  }

  private refOf(ref: { id: string; key: string }): IssueRef {
    return { id: ref.id, key: ref.key, url: `${this.opts.browseBase}/browse/${ref.key}` };
  }

  /** The create's body, `IssueUpdateDetails`: the fields and the origin property a retry finds it by. */
  private async createBody(patch: FieldPatch, origin: string): Promise<CreateBody> {
    const named = await this.named.write(patch);
    const write = toJiraWrite(named.rest);
    await this.dataCenter?.adapt(write);
    const fields: JsonObject = {
      project: { key: this.opts.project },
      issuetype: { name: this.opts.issueType ?? 'Task' },
      summary: '(no summary)',
      ...(await this.withUsers(write.fields, write.users)),
      ...named.fields,
    };
    return {
      write,
      named,
      fields,
      json: { fields, properties: [{ key: ORIGIN_PROPERTY, value: { origin } }] },
    };
  }

  /**
   * A new issue starts at its workflow's initial status, whatever the create asked for; the wanted one is
   * reached by transitions. What no chain reaches is named on the created issue, which exists all the same,
   * so the pair is linked and the reason is on it rather than on an issue nobody would track.
   */
  private async walkCreated(
    id: string,
    body: CreateBody,
    opts: WriteOptions,
  ): Promise<UnwrittenField[] | undefined> {
    const { write } = body;
    if (write.status === undefined) return undefined;
    const kind = JSON.stringify([body.fields.project ?? null, body.fields.issuetype ?? null]);
    // The promise, not its answer: the walks of a batch run four at a time and would all read.
    let starts = this.createdStarts.get(kind);
    if (!starts) {
      starts = readIssueWorkflowRef(this.client, id);
      this.createdStarts.set(kind, starts);
      // A read that failed is not where creates start: the next create reads again.
      starts.catch(() => this.createdStarts.delete(kind));
    }
    let start: IssueWorkflowRef;
    try {
      start = await starts;
    } catch (err) {
      // As in walk(): a read Jira refuses (not a 429 or an outage) leaves the status unwritten, named.
      if (err instanceof TrackerError && !err.isRetryable)
        return [{ path: write.statusPath, message: err.message }];
      throw err;
    }
    const refused = await this.walk(id, write.status, opts, { ...start, fields: { ...start.fields } });
    return refused ? [{ path: write.statusPath, message: refused.message }] : undefined;
  }

  /** The created issue without a read, when the caller reads only what the create itself tells (jira-create.ts). */
  private knownFromCreate(
    created: { id: string; key: string },
    body: CreateBody,
    origin: string,
    opts: WriteOptions,
  ): CanonicalIssue | undefined {
    // Data Center's wiki markup and users differ; only Cloud skips the read.
    if (opts.answerPaths === undefined || this.flavor !== 'cloud') return undefined;
    return issueFromCreate(created, body.fields, opts.answerPaths, {
      browseBase: this.opts.browseBase,
      now: this.now(),
      origin,
    });
  }

  async updateIssue(id: string, patch: FieldPatch, opts: WriteOptions = {}): Promise<FieldPatch> {
    const named = await this.named.write(patch);
    const write = toJiraWrite(named.rest);
    // On Data Center a sub-task's move cannot be written: named, and nothing of it sent.
    const parentUnwritten = await this.dataCenter?.adapt(write, id);
    const fields = { ...(await this.withUsers(write.fields, write.users)), ...named.fields };
    let held: FieldPatch = {};
    const unwritten = [...named.unwritten, ...(parentUnwritten ? [parentUnwritten] : [])];
    if (Object.keys(fields).length > 0 || write.update) {
      // returnIssue reads the edit back in the same call: the description as Jira holds it (ADF, possibly
      // normalised by Jira), which the engine keeps as the base rather than the Markdown it came from.
      // Data Center answers 204 without it: then the ADF as sent is the best knowledge there is.
      const sent = await this.named.sendDroppingRefused(fields, named, patch, async (f) => ({
        edited: await this.client.jsonOrNothing(`/rest/api/3/issue/${id}`, JiraIssueSchema, {
          method: 'PUT',
          json: { fields: f, ...(write.update ? { update: write.update } : {}) },
          query: { notifyUsers: false, returnIssue: true },
        }),
      }));
      unwritten.push(...sent.refused);
      const notWritten = new Set(unwritten.map((u) => u.path));
      const edited = sent.result?.edited;
      // The parent is not a field of the canonical issue: what was sent is what Jira holds once it answers.
      const parent = PARENT_PATH in patch ? { [PARENT_PATH]: patch[PARENT_PATH] ?? null } : {};
      held = edited
        ? {
            ...heldValues(
              this.canonical(edited).fields,
              patch,
              (p) => !isStatusPath(p) && p !== PARENT_PATH && !notWritten.has(p),
            ),
            ...parent,
          }
        : sent.result && 'description' in patch
          ? { description: heldBody(this.flavor, patch.description) }
          : {};
      if (!edited && sent.result && PARENT_PATH in patch && !notWritten.has(PARENT_PATH))
        held[PARENT_PATH] = patch[PARENT_PATH] ?? null;
    }
    // A sub-task already under the parent asked for: nothing to send, and it holds that parent.
    if (this.dataCenter && PARENT_PATH in patch && !unwritten.some((u) => u.path === PARENT_PATH))
      held[PARENT_PATH] ??= patch[PARENT_PATH] ?? null;
    const refused = await this.walk(id, write.status, opts);
    if (refused) {
      // The rest is written; the status stays where the walk stopped, which is what this side now holds.
      const [now] = await this.getIssues([id]);
      throw new PartialWriteError(
        { ...held, [write.statusPath]: (now && getPath(now.fields, write.statusPath)) ?? null },
        [...unwritten, { path: write.statusPath, message: refused.message }],
        refused.code,
      );
    }
    // A value that does not fit the partner (an option or version it lacks) is named, never replaced.
    if (unwritten.length > 0) throw new PartialWriteError(held, unwritten, 'invalid_request');
    return held;
  }

  /**
   * Takes the issue to `status` along the shortest chain of transitions (walk-to-status.ts). Answers the
   * refusal when no chain leads there or a screen needs a field no rule fills; a failure a retry can
   * help (a 429, a 5xx) is thrown, and the next try walks on from wherever the issue stopped.
   */
  private async walk(
    id: string,
    status: string | undefined,
    opts: WriteOptions,
    start?: IssueWorkflowRef,
  ): Promise<TrackerError | undefined> {
    if (status === undefined) return undefined;
    try {
      await walkToStatus(jiraStatusWalker(this.client, id, this.workflows, start), status, opts.screen);
      return undefined;
    } catch (err) {
      if (err instanceof TrackerError && !err.isRetryable) return err;
      throw err;
    }
  }

  private async withUsers(fields: JsonObject, users: Record<string, Json>): Promise<JsonObject> {
    const out: JsonObject = { ...fields };
    if ('description' in out && out.description !== null)
      out.description = bodyForSite(this.flavor, toAdf(out.description));
    for (const [field, value] of Object.entries(users)) {
      const id = await this.users.accountIdFor(value);
      out[field] = id === null ? null : userRef(this.flavor, id);
    }
    return out;
  }

  async linkToPartner(issueId: string, partner: PartnerRef, globalId: string): Promise<void> {
    // Jira updates the remote link with the same globalId instead of adding another: safe to repeat.
    await this.client.json(`/rest/api/3/issue/${issueId}/remotelink`, RemoteLinkCreatedSchema, {
      method: 'POST',
      json: {
        globalId,
        application: { type: 'tandem.sync', name: 'Tandem' },
        relationship: 'synced with',
        object: { url: partner.url, title: partner.key, summary: partner.title },
      },
    });
  }

  async addIssueLink(type: string, sourceId: string, targetId: string): Promise<void> {
    // Jira's request names the source `inwardIssue` (it reads "source blocks target"); an identical
    // second link is ignored, so a retry after a lost answer is harmless.
    await this.client.empty('/rest/api/3/issueLink', {
      method: 'POST',
      json: { type: { name: type }, inwardIssue: { id: sourceId }, outwardIssue: { id: targetId } },
    });
  }

  async deleteIssueLink(linkId: string): Promise<void> {
    await this.client.empty(`/rest/api/3/issueLink/${linkId}`, { method: 'DELETE' });
  }

  /**
   * With their origin markers, which are comment properties: Cloud's getComments does not expand them (it
   * documents only `renderedBody`), so they come from "Get comments by IDs" (POST /rest/api/3/comment/list,
   * `expand=properties`, 1000 ids a call); Data Center's getComments expands `properties` itself.
   */
  async listComments(issueId: string): Promise<CanonicalComment[]> {
    const all: JiraComment[] = [];
    for (let startAt = 0; ; ) {
      const page = await this.client.json(`/rest/api/3/issue/${issueId}/comment`, JiraCommentPageSchema, {
        query: {
          startAt,
          maxResults: 100,
          orderBy: 'created',
          ...(this.flavor === 'data-center' ? { expand: 'properties' } : {}),
        },
      });
      all.push(...page.comments);
      startAt += page.comments.length;
      if (page.comments.length === 0 || startAt >= (page.total ?? 0)) break;
    }
    if (this.flavor === 'data-center' || all.length === 0) return all.map((c) => this.comment(c));
    const properties = new Map<string, JiraComment['properties']>();
    for (let i = 0; i < all.length; i += 1000) {
      const res = await this.client.json('/rest/api/3/comment/list', JiraCommentListSchema, {
        method: 'POST',
        query: { expand: 'properties' },
        json: { ids: all.slice(i, i + 1000).map((c) => Number(c.id)) },
      });
      for (const c of res.values) properties.set(c.id, c.properties ?? []);
    }
    return all.map((c) => this.comment({ ...c, properties: properties.get(c.id) ?? [] }));
  }

  async addComment(
    issueId: string,
    body: Json,
    origin: string,
    attribution?: string,
  ): Promise<CanonicalComment> {
    const created = await this.client.json(`/rest/api/3/issue/${issueId}/comment`, JiraCommentSchema, {
      method: 'POST',
      json: {
        body: bodyForSite(this.flavor, withAttribution(body, attribution)),
        properties: [{ key: ORIGIN_PROPERTY, value: { origin } }],
      },
    });
    return { ...this.comment(created), origin };
  }

  async updateComment(issueId: string, commentId: string, body: Json, attribution?: string): Promise<void> {
    await this.client.json(`/rest/api/3/issue/${issueId}/comment/${commentId}`, JiraCommentSchema, {
      method: 'PUT',
      json: { body: bodyForSite(this.flavor, withAttribution(body, attribution)) },
      query: { notifyUsers: false },
    });
  }

  async deleteComment(issueId: string, commentId: string): Promise<void> {
    await this.client.empty(`/rest/api/3/issue/${issueId}/comment/${commentId}`, { method: 'DELETE' });
  }

  private worklog(w: JiraWorklog): CanonicalWorklog {
    return toWorklog({ ...w, comment: bodyFromSite(this.flavor, w.comment) });
  }

  /**
   * The body of a worklog write. An app on Jira Cloud books as itself, never as another person, so the
   * original's author is named in the attribution line above the comment. `adjustEstimate=leave` goes with
   * every write: a copy of time booked elsewhere must not eat the remaining estimate, which is its own
   * attribute (an estimates rule syncs it).
   */
  private worklogBody(worklog: WorklogInput, attribution: string | undefined): JsonObject {
    const comment =
      worklog.comment === null && !attribution ? undefined : withAttribution(worklog.comment, attribution);
    return {
      started: isoToJiraTime(worklog.started),
      timeSpentSeconds: worklog.timeSpentSeconds,
      ...(comment === undefined ? {} : { comment: bodyForSite(this.flavor, comment) }),
    };
  }

  /** With their properties (the origin markers): getIssueWorklog takes `expand=properties`, 5000 a page. */
  async listWorklogs(issueId: string): Promise<CanonicalWorklog[]> {
    const all: JiraWorklog[] = [];
    for (let startAt = 0; ; ) {
      const page = await this.client.json(`/rest/api/3/issue/${issueId}/worklog`, JiraWorklogPageSchema, {
        query: { startAt, maxResults: 5000, expand: 'properties' },
      });
      all.push(...page.worklogs);
      startAt += page.worklogs.length;
      if (page.worklogs.length === 0 || startAt >= (page.total ?? 0)) break;
    }
    return all
      .map((w) => this.worklog(w))
      .sort((a, b) => Date.parse(a.started) - Date.parse(b.started) || Number(a.id) - Number(b.id));
  }

  async addWorklog(
    issueId: string,
    worklog: WorklogInput,
    origin: string,
    attribution?: string,
  ): Promise<CanonicalWorklog> {
    const created = await this.client.json(`/rest/api/3/issue/${issueId}/worklog`, JiraWorklogSchema, {
      method: 'POST',
      query: { adjustEstimate: 'leave', notifyUsers: false },
      json: {
        ...this.worklogBody(worklog, attribution),
        properties: [{ key: ORIGIN_PROPERTY, value: { origin } }],
      },
    });
    return { ...this.worklog(created), origin };
  }

  async updateWorklog(
    issueId: string,
    worklogId: string,
    worklog: WorklogInput,
    attribution?: string,
  ): Promise<void> {
    await this.client.json(`/rest/api/3/issue/${issueId}/worklog/${worklogId}`, JiraWorklogSchema, {
      method: 'PUT',
      query: { adjustEstimate: 'leave', notifyUsers: false },
      json: this.worklogBody(worklog, attribution),
    });
  }

  async deleteWorklog(issueId: string, worklogId: string): Promise<void> {
    await this.client.empty(`/rest/api/3/issue/${issueId}/worklog/${worklogId}`, {
      method: 'DELETE',
      query: { adjustEstimate: 'leave', notifyUsers: false },
    });
  }

  fieldCatalog(): Promise<FieldCatalog> {
    return readJiraCatalog(this.client, this.opts.project);
  }

  async listAttachments(issueId: string): Promise<CanonicalAttachment[]> {
    const issue = await this.client.json(`/rest/api/3/issue/${issueId}`, JiraIssueSchema, {
      query: { fields: 'attachment' },
    });
    const parsed = z.array(JiraAttachmentSchema).safeParse(issue.fields.attachment ?? []);
    return parsed.success ? parsed.data.map(toAttachment) : [];
  }

  async downloadAttachment(_issueId: string, attachmentId: string): Promise<Uint8Array> {
    if (this.flavor === 'cloud') return this.client.bytes(`/rest/api/3/attachment/content/${attachmentId}`);
    // Data Center has no content endpoint: the metadata names the URL (its /secure/attachment servlet).
    const meta = await this.client.json(`/rest/api/3/attachment/${attachmentId}`, AttachmentContentSchema);
    return this.client.bytes(sitePath(meta.content, this.opts.browseBase));
  }

  async uploadAttachment(
    issueId: string,
    file: { filename: string; mimeType: string; data: Uint8Array },
  ): Promise<CanonicalAttachment> {
    const [created] = await this.client.json(
      `/rest/api/3/issue/${issueId}/attachments`,
      z.array(JiraAttachmentSchema),
      {
        method: 'POST',
        file: { field: 'file', ...file },
      },
    );
    if (!created)
      throw new TrackerError(
        'unknown',
        `${this.opts.label} accepted ${file.filename} but returned no attachment`,
      );
    return toAttachment(created);
  }

  async deleteAttachment(_issueId: string, attachmentId: string): Promise<void> {
    await this.client.empty(`/rest/api/3/attachment/${attachmentId}`, { method: 'DELETE' });
  }
}

const AttachmentContentSchema = z.object({ content: z.string() });

/** A URL the site gave, as a path from the site root (the transport adds the root, context path included). */
function sitePath(url: string, siteRoot: string): string {
  if (url.startsWith(`${siteRoot}/`)) return url.slice(siteRoot.length);
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
