/**
 * A Redmine project as a TrackerPort.
 *
 * Facts measured on Redmine 5.0 that shape it:
 * - `updated_on=>=T` behaves like `> T−1s` and stored times have sub-second parts: the filter is given
 *   whole seconds and the listing may repeat issues, which are deduplicated here and by the engine;
 * - listing pages by id, not by update time, so an issue edited while paging does not shift the pages
 *   under the reader and make it skip another;
 * - `PUT /issues/:id.json` answers 204 without the journal it created, so a new note is read back with
 *   `?include=journals` and found by its origin marker;
 * - uploads go through `/uploads.json`; the token names the attachment id and a digest of the content;
 * - editing or deleting a note and deleting an attachment do not touch the issue's `updated_on`, so those
 *   are seen by the engine's periodic full scan, not the incremental one.
 */
import { decodeCursor, nextToken, unseen, type Listed } from '../common/update-time-paging';
import type { TrackerCapabilities } from '../../core/capabilities';
import { PartialWriteError, TrackerError } from '../../core/errors';
import {
  PARENT_PATH,
  type CanonicalAttachment,
  type CanonicalComment,
  type CanonicalIssue,
  type CanonicalWorklog,
  type FieldPatch,
  type Json,
  type JsonObject,
  type WorklogInput,
} from '../../core/model';
import type { CreatedIssue, IssueLookup, Page, TrackerPort } from '../../core/ports';
import { walkToStatus } from '../../core/workflow/walk-to-status';
import { findByIssueNumber, parseIssueNumber } from '../common/issue-number';
import type { UserMapping } from '../jira/user-resolver';
import {
  normalizeNewlines,
  splitOrigin,
  toMarkdown,
  withAttribution,
  withOrigin,
  type MarkdownOptions,
} from '../markdown';
import type { RedmineClient } from './redmine-client';
import { RedmineLookups, type RedmineCatalog } from './redmine-lookups';
import { redmineTime, toAttachment, toCanonical, toComments } from './redmine-mapping';
import { redmineFieldCatalog } from './redmine-catalog';
import type { FieldCatalog } from '../../core/schema/field-catalog';
import {
  RedmineAttachmentEnvelopeSchema,
  RedmineIssueEnvelopeSchema,
  RedmineIssuePageSchema,
  RedmineUploadSchema,
} from './redmine-schemas';
import { derivablePaths, keptByRedmine } from './redmine-derived';
import { RedmineTimeEntries } from './redmine-time-entries';
import { RedmineVersions } from './redmine-versions';
import { redmineStatusWalker } from './redmine-workflow';
import { toRedmineWrite, type RedmineWrite } from './redmine-write';

export interface RedmineTrackerOptions {
  client: RedmineClient;
  /** Project identifier (`supplier-x`) or numeric id. */
  project: string;
  /** Tracker for new issues when the patch names none; Redmine's project default otherwise. */
  defaultTracker?: string;
  users?: UserMapping;
  markdown?: MarkdownOptions;
  /** Paths whose rule creates a target version the project lacks (createMissing), as jiraFieldRules says. */
  createMissing?: readonly string[];
}

const PAGE = 100;
/** How far back `findIssueByOrigin` looks when it is not told when the create was tried. */
const ORIGIN_LOOKBACK = '2026-01-01T00:00:00Z';

/** Whole seconds, as Redmine's filter wants them; flooring keeps everything at or after `since`. */
const filterTime = (iso: string) =>
  `${new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString().slice(0, 19)}Z`;

/** Redmine issues hold files, time entries and parent tasks; its relations and links are not written here. */
export const REDMINE_CAPABILITIES: TrackerCapabilities = {
  attachments: true,
  issueLinks: false,
  partnerLinks: false,
  bulkCreate: false,
  worklogs: true,
  hierarchy: true,
};

const listedOf = (i: { id: number; updated_on: string }): Listed => ({
  number: i.id,
  updated: redmineTime(i.updated_on),
});

export class RedmineTracker implements TrackerPort {
  readonly kind = 'redmine';
  readonly capabilities = REDMINE_CAPABILITIES;
  private readonly client: RedmineClient;
  private readonly lookups: RedmineLookups;
  private readonly users: UserMapping;
  private readonly timeEntries: RedmineTimeEntries;
  private readonly versions: RedmineVersions;

  constructor(private readonly opts: RedmineTrackerOptions) {
    this.client = opts.client;
    this.lookups = new RedmineLookups(opts.client, opts.project);
    this.users = opts.users ?? { explicit: new Map() };
    this.timeEntries = new RedmineTimeEntries(opts.client, opts.markdown);
    this.versions = new RedmineVersions(opts.client, opts.project, opts.createMissing);
  }

  private get label() {
    return this.client.label;
  }

  private list(query: Record<string, string | number | undefined>) {
    return this.client.json('/issues.json', RedmineIssuePageSchema, {
      query: { project_id: this.opts.project, status_id: '*', include: 'attachments', limit: PAGE, ...query },
    });
  }

  /**
   * Oldest update first, paged from the last update time seen (common/update-time-paging), so an issue
   * edited while paging shifts none out of the listing. Redmine's `>=` filter also answers the second
   * before (it compares `> since - 1 s` against times stored with fractions); those are left out here.
   */
  async listUpdatedSince(since: string | undefined, pageToken?: string): Promise<Page<CanonicalIssue>> {
    const cursor = pageToken === undefined ? undefined : decodeCursor(pageToken, this.label);
    const from = cursor?.since ?? since;
    const offset = ((cursor?.page ?? 1) - 1) * PAGE;
    const page = await this.list({
      sort: 'updated_on,id',
      offset,
      updated_on: from === undefined ? undefined : `>=${filterTime(from)}`,
    });
    const fromMs = from === undefined ? -Infinity : Date.parse(filterTime(from));
    // One issue can show twice when it is edited between the count and the page; keep it once.
    const raw = [...new Map(page.issues.map((i) => [i.id, i])).values()];
    const items = unseen(
      raw.filter((i) => Date.parse(redmineTime(i.updated_on)) >= fromMs),
      listedOf,
      cursor,
    ).map((i) => toCanonical(i, this.client.root));
    const more = page.issues.length > 0 && offset + page.issues.length < page.total_count;
    const next = more ? nextToken(raw.map(listedOf), cursor) : undefined;
    return next === undefined ? { items } : { items, next };
  }

  async getIssues(ids: readonly string[]): Promise<CanonicalIssue[]> {
    const out = new Map<string, CanonicalIssue>();
    // `issue_id` takes a comma-separated list: an id that is not digits only could make it several.
    const bad = ids.find((id) => parseIssueNumber(id) !== id);
    if (bad !== undefined)
      throw new TrackerError('invalid_request', `${this.label}: "${bad.slice(0, 40)}" is not an issue id`);
    for (let i = 0; i < ids.length; i += PAGE) {
      const page = await this.list({ issue_id: ids.slice(i, i + PAGE).join(','), sort: 'id' });
      for (const issue of page.issues) out.set(String(issue.id), toCanonical(issue, this.client.root));
    }
    return [...out.values()];
  }

  /**
   * By id within the project and not its subprojects, which Redmine's issue list includes by default:
   * `subproject_id=!*` leaves them out (Redmine REST API, Issues: "Listing issues").
   */
  findIssue(ref: string): Promise<IssueLookup> {
    return findByIssueNumber(ref, { what: 'a Redmine issue', where: this.opts.project }, async (id) => {
      const page = await this.list({ issue_id: id, subproject_id: '!*' });
      const issue = page.issues.find((i) => String(i.id) === id);
      return issue && toCanonical(issue, this.client.root);
    });
  }

  async findIssueByOrigin(origin: string, createdSince?: string): Promise<CanonicalIssue | undefined> {
    const since = filterTime(createdSince ?? ORIGIN_LOOKBACK);
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.list({ created_on: `>=${since}`, sort: 'id:desc', offset });
      const found = page.issues.find((i) => splitOrigin(i.description ?? '').origin === origin);
      if (found) return toCanonical(found, this.client.root);
      if (page.issues.length < PAGE || offset + PAGE >= page.total_count) return undefined;
    }
  }

  /** Status paths are written along the workflow (redmine-workflow.ts); a refusal names both statuses. */
  readonly stepwisePaths = ['status.name', 'status'] as const;

  async createIssue(patch: FieldPatch, origin: string): Promise<CreatedIssue> {
    const catalog = await this.lookups.get();
    const version = await this.versions.resolve(patch);
    const withTracker: FieldPatch =
      this.opts.defaultTracker && !('tracker' in patch) && !('tracker.name' in patch)
        ? { 'tracker.name': this.opts.defaultTracker, ...version.rest }
        : version.rest;
    const { issue: fields, status } = splitStatus(
      toRedmineWrite(withTracker, catalog, this.users, this.label, this.opts.markdown),
      withTracker,
      catalog,
    );
    const created = await this.client.json('/issues.json', RedmineIssueEnvelopeSchema, {
      method: 'POST',
      json: {
        issue: {
          project_id: catalog.projectId,
          subject: '(no subject)',
          ...fields.issue,
          ...version.issue,
          description: withOrigin(fields.description ?? '', origin),
        },
      },
    });
    // A new issue starts in its tracker's default status whatever the create said (Redmine sets the
    // initial status from the tracker); the wanted one is reached by the workflow's transitions. What no
    // transition reaches is named on the created issue, which exists all the same and is linked.
    const id = String(created.issue.id);
    const unwritten = [...version.unwritten];
    if (status === undefined || created.issue.status.name === status.name) {
      const issue = toCanonical(created.issue, this.client.root);
      return unwritten.length > 0 ? { ...issue, unwritten } : issue;
    }
    const refused = await this.walk(id, status.name);
    const issue = toCanonical(await this.issue(id, 'attachments'), this.client.root);
    if (refused) unwritten.push({ path: status.path, message: refused.message });
    return unwritten.length > 0 ? { ...issue, unwritten } : issue;
  }

  async updateIssue(id: string, patch: FieldPatch): Promise<FieldPatch> {
    const catalog = await this.lookups.get();
    const version = await this.versions.resolve(patch);
    const { issue: write, status } = splitStatus(
      toRedmineWrite(version.rest, catalog, this.users, this.label, this.opts.markdown),
      version.rest,
      catalog,
    );
    const issue: JsonObject = { ...write.issue, ...version.issue };
    if (write.description !== undefined) {
      // A new description must keep the origin marker, or a retried create would no longer find this issue.
      const current = await this.issue(id, '');
      const { origin } = splitOrigin(current.description ?? '');
      issue.description = origin === undefined ? write.description : withOrigin(write.description, origin);
    }
    if (Object.keys(issue).length > 0)
      await this.client.empty(`/issues/${id}.json`, { method: 'PUT', json: { issue } });
    // Redmine answers an update with no body; it holds what was sent, read as toCanonical reads it (CRLF
    // as LF, the origin marker apart).
    const sent = issue.description;
    const held: FieldPatch =
      typeof sent === 'string' ? { description: splitOrigin(normalizeNewlines(sent)).body } : {};
    // The parent is not a field of the canonical issue: what Redmine accepted is what it holds.
    if (PARENT_PATH in patch) held[PARENT_PATH] = patch[PARENT_PATH] ?? null;
    Object.assign(held, version.held);
    const unwritten = [...version.unwritten];
    const derivable = derivablePaths(version.rest);
    if (derivable.length > 0) {
      const now = toCanonical(await this.issue(id, ''), this.client.root).fields;
      const kept = keptByRedmine(version.rest, derivable, now, `${this.label} #${id}`);
      Object.assign(held, kept.held);
      unwritten.push(...kept.unwritten);
    }
    const refused = status === undefined ? undefined : await this.walk(id, status.name);
    if (status && refused) {
      // The rest is written; the status stays where the walk stopped, which is what this side now holds.
      const now = (await this.issue(id, '')).status.name;
      throw new PartialWriteError(
        { ...held, [status.path]: status.path === 'status' ? { name: now } : now },
        [...unwritten, { path: status.path, message: refused.message }],
        refused.code,
      );
    }
    // A version the project lacks, or a value Redmine derives, is named on the pair; the rest stands.
    if (unwritten.length > 0) throw new PartialWriteError(held, unwritten, 'invalid_request');
    return held;
  }

  /**
   * Walks to `status` (walk-to-status.ts). Answers the refusal when the workflow offers no way there; a
   * failure a retry can help (a 429, a 5xx) is thrown, and the next try walks on from where the issue is.
   */
  private async walk(id: string, status: string): Promise<TrackerError | undefined> {
    try {
      await walkToStatus(redmineStatusWalker(this.client, id, this.label), status);
      return undefined;
    } catch (err) {
      if (err instanceof TrackerError && !err.isRetryable) return err;
      throw err;
    }
  }

  private async issue(id: string, include: string) {
    const res = await this.client.json(`/issues/${id}.json`, RedmineIssueEnvelopeSchema, {
      query: include ? { include } : {},
    });
    return res.issue;
  }

  async listComments(issueId: string): Promise<CanonicalComment[]> {
    return toComments((await this.issue(issueId, 'journals')).journals ?? []);
  }

  async addComment(
    issueId: string,
    body: Json,
    origin: string,
    attribution?: string,
  ): Promise<CanonicalComment> {
    const notes = withOrigin(withAttribution(toMarkdown(body, this.opts.markdown), attribution), origin);
    await this.client.empty(`/issues/${issueId}.json`, { method: 'PUT', json: { issue: { notes } } });
    // 204 and no journal id: the note is found again by its marker, newest first.
    const mine = (await this.listComments(issueId)).filter((c) => c.origin === origin).pop();
    if (!mine)
      throw new TrackerError('unknown', `${this.label} accepted a note on #${issueId} but does not show it`);
    return mine;
  }

  async updateComment(issueId: string, commentId: string, body: Json, attribution?: string): Promise<void> {
    const current = (await this.listComments(issueId)).find((c) => c.id === commentId);
    if (!current)
      throw new TrackerError('not_found', `${this.label}: note ${commentId} is not on #${issueId}`);
    const text = withAttribution(toMarkdown(body, this.opts.markdown), attribution);
    const notes = current.origin === undefined ? text : withOrigin(text, current.origin);
    await this.client.empty(`/journals/${commentId}.json`, { method: 'PUT', json: { journal: { notes } } });
  }

  async deleteComment(_issueId: string, commentId: string): Promise<void> {
    // Redmine deletes a journal whose notes are emptied, unless it also records field changes.
    await this.client.empty(`/journals/${commentId}.json`, {
      method: 'PUT',
      json: { journal: { notes: '' } },
    });
  }

  /** Time entries; what Redmine keeps of a worklog, and what it loses, is in redmine-time-entries.ts. */
  listWorklogs(issueId: string): Promise<CanonicalWorklog[]> {
    return this.timeEntries.list(issueId);
  }

  addWorklog(
    issueId: string,
    worklog: WorklogInput,
    origin: string,
    attribution?: string,
  ): Promise<CanonicalWorklog> {
    return this.timeEntries.add(issueId, worklog, origin, attribution);
  }

  updateWorklog(
    issueId: string,
    worklogId: string,
    worklog: WorklogInput,
    attribution?: string,
  ): Promise<void> {
    return this.timeEntries.update(issueId, worklogId, worklog, attribution);
  }

  deleteWorklog(issueId: string, worklogId: string): Promise<void> {
    return this.timeEntries.remove(issueId, worklogId);
  }

  async fieldCatalog(): Promise<FieldCatalog> {
    return redmineFieldCatalog(await this.lookups.get(), this.label);
  }

  async listAttachments(issueId: string): Promise<CanonicalAttachment[]> {
    return ((await this.issue(issueId, 'attachments')).attachments ?? []).map(toAttachment);
  }

  downloadAttachment(_issueId: string, attachmentId: string): Promise<Uint8Array> {
    return this.client.bytes(`/attachments/download/${attachmentId}`);
  }

  async uploadAttachment(
    issueId: string,
    file: { filename: string; mimeType: string; data: Uint8Array },
  ): Promise<CanonicalAttachment> {
    const { upload } = await this.client.json('/uploads.json', RedmineUploadSchema, {
      method: 'POST',
      query: { filename: file.filename },
      bytes: file.data,
    });
    await this.client.empty(`/issues/${issueId}.json`, {
      method: 'PUT',
      json: {
        issue: { uploads: [{ token: upload.token, filename: file.filename, content_type: file.mimeType }] },
      },
    });
    // The token is `<attachment id>.<digest of the content>`; older Redmine omits `id` from the answer.
    const id = upload.id ?? Number(upload.token.split('.')[0]);
    const { attachment } = await this.client.json(`/attachments/${id}.json`, RedmineAttachmentEnvelopeSchema);
    return toAttachment(attachment);
  }

  async deleteAttachment(_issueId: string, attachmentId: string): Promise<void> {
    await this.client.empty(`/attachments/${attachmentId}.json`, { method: 'DELETE' });
  }
}

/** Takes the status out of a write: it is reached by transitions, one read-back step at a time. */
function splitStatus(
  write: RedmineWrite,
  patch: FieldPatch,
  catalog: RedmineCatalog,
): { issue: RedmineWrite; status?: { path: string; name: string } } {
  const id = write.issue.status_id;
  if (typeof id !== 'number') return { issue: write };
  const rest = { ...write.issue };
  delete rest.status_id;
  const path = 'status.name' in patch ? 'status.name' : 'status';
  // The catalog's spelling, which is what the issue will read back as.
  const name = catalog.statuses.find((st) => st.id === id)?.name ?? String(id);
  return { issue: { ...write, issue: rest }, status: { path, name } };
}
