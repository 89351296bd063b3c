/**
 * An Azure DevOps project's work items as a TrackerPort (REST 7.1, ../shared/contracts/azure-devops/wit).
 * - Incremental reads: WIQL `[System.ChangedDate] >= since` with `timePrecision=true` (WIQL compares dates
 *   only, without it), pinned with `ASOF` for the whole listing so pages do not shift, then one batch get
 *   (`workitemsbatch`, 200 ids at most) per page.
 * - Writes: JSON Patch with `test` on `/rev` first, so an edit made since the read is refused (a conflict
 *   the next cycle resolves from fresh values), never overwritten.
 * - Origin: a tag (see ado-origin.ts); comments carry the Markdown trackers' hidden marker.
 * - Attachments: uploaded, then added as an `AttachedFile` relation; removed by removing the relation.
 */
import type { TrackerCapabilities } from '../../core/capabilities';
import { TrackerError } from '../../core/errors';
import type {
  CanonicalAttachment,
  CanonicalComment,
  CanonicalIssue,
  FieldPatch,
  Json,
} from '../../core/model';
import type { IssueLookup, Page, TrackerPort } from '../../core/ports';
import { heldValues } from '../common/held-values';
import { findByIssueNumber, parseIssueNumber } from '../common/issue-number';
import type { UserMapping } from '../jira/user-resolver';
import { toMarkdown, withAttribution, withOrigin, type MarkdownOptions } from '../markdown';
import { COMMENTS_API_VERSION, type AzureDevOpsClient } from './ado-client';
import { markdownToHtml } from './ado-html';
import { attachmentIdOf, isAttachedFile, toAttachment, toCanonical, toComment } from './ado-mapping';
import { originTag, splitTags } from './ado-origin';
import {
  AdoAttachmentReferenceSchema,
  AdoCommentListSchema,
  AdoCommentSchema,
  AdoWiqlResultSchema,
  AdoWorkItemListSchema,
  AdoWorkItemSchema,
  type AdoWorkItem,
} from './ado-schemas';
import { toAdoOperations, type PatchOperation } from './ado-write';

export interface AzureDevOpsTrackerOptions {
  client: AzureDevOpsClient;
  project: string;
  /** The type of the work items Tandem creates (Agile: User Story, Bug, Task, Issue, …). */
  workItemType?: string;
  users?: UserMapping;
  markdown?: MarkdownOptions;
  /** Work items per listing page; at most the batch get's 200. */
  pageSize?: number;
}

/** `workitemsbatch` takes at most 200 ids ("Work Items - Get Work Items Batch"). */
const BATCH = 200;
const ORIGIN_LOOKBACK = '2026-01-01T00:00:00Z';

/** WIQL string literals are single-quoted, a quote inside doubled. */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Work items hold files; their links to other work items and to the partner are not written here. */
export const AZURE_DEVOPS_CAPABILITIES: TrackerCapabilities = {
  attachments: true,
  issueLinks: false,
  partnerLinks: false,
  bulkCreate: false,
  worklogs: false,
  hierarchy: false,
};

export class AzureDevOpsTracker implements TrackerPort {
  readonly kind = 'azure-devops';
  readonly capabilities = AZURE_DEVOPS_CAPABILITIES;
  private readonly client: AzureDevOpsClient;
  private readonly users: UserMapping;
  private readonly base: string;

  constructor(private readonly opts: AzureDevOpsTrackerOptions) {
    this.client = opts.client;
    this.users = opts.users ?? { explicit: new Map() };
    this.base = `/${encodeURIComponent(opts.project)}/_apis/wit`;
  }

  private get label() {
    return this.client.label;
  }

  private get webBase() {
    return `${this.client.root}/${encodeURIComponent(this.opts.project)}`;
  }

  private async wiql(where: string, order: string): Promise<{ ids: number[]; asOf: string | undefined }> {
    // The team segment is optional: without it the query runs in the project's scope.
    const res = await this.client.json(`${this.base}/wiql`, AdoWiqlResultSchema, {
      method: 'POST',
      query: { timePrecision: 'true' },
      json: {
        query: `SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = ${literal(this.opts.project)} AND ${where} ORDER BY ${order}`,
      },
    });
    return { ids: res.workItems.map((w) => w.id), asOf: res.asOf };
  }

  private async batch(ids: readonly number[]): Promise<AdoWorkItem[]> {
    const out: AdoWorkItem[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const res = await this.client.json(`${this.base}/workitemsbatch`, AdoWorkItemListSchema, {
        method: 'POST',
        json: { ids: ids.slice(i, i + BATCH), $expand: 'relations', errorPolicy: 'omit' },
      });
      for (const item of res.value) if (item) out.push(item);
    }
    return out;
  }

  private inProject(item: AdoWorkItem): boolean {
    const project = item.fields['System.TeamProject'];
    return typeof project === 'string' && project.toLowerCase() === this.opts.project.toLowerCase();
  }

  /** Token `asOf|offset`: every page reads the listing as it stood at the first page's time. */
  async listUpdatedSince(since: string | undefined, pageToken?: string): Promise<Page<CanonicalIssue>> {
    const [pinned, offsetText] = pageToken?.split('|') ?? [];
    const offset = Number(offsetText ?? 0);
    const asOf = pinned ? ` ASOF ${literal(pinned)}` : '';
    const where = since === undefined ? `[System.Id] > 0` : `[System.ChangedDate] >= ${literal(since)}`;
    const res = await this.wiql(where, `[System.ChangedDate] ASC, [System.Id] ASC${asOf}`);
    const ids = res.ids.slice(offset, offset + Math.min(BATCH, this.opts.pageSize ?? BATCH));
    const order = new Map(ids.map((id, i) => [id, i]));
    const items = (await this.batch(ids))
      .filter((w) => this.inProject(w))
      .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
      .map((w) => toCanonical(w, this.webBase));
    const next = offset + ids.length;
    const at = pinned ?? res.asOf ?? new Date().toISOString();
    return next < res.ids.length ? { items, next: `${at}|${next}` } : { items };
  }

  async getIssues(ids: readonly string[]): Promise<CanonicalIssue[]> {
    const bad = ids.find((id) => parseIssueNumber(id) !== id);
    if (bad !== undefined)
      throw new TrackerError('invalid_request', `${this.label}: "${bad.slice(0, 40)}" is not a work item id`);
    const items = await this.batch([...new Set(ids)].map(Number));
    return items.filter((w) => this.inProject(w)).map((w) => toCanonical(w, this.webBase));
  }

  /** Work item ids are organization-wide: one of another project is not in this connection. */
  findIssue(ref: string): Promise<IssueLookup> {
    return findByIssueNumber(
      ref,
      { what: 'an Azure DevOps work item', where: this.opts.project },
      async (id) => {
        const [issue] = await this.getIssues([id]);
        return issue;
      },
    );
  }

  async findIssueByOrigin(origin: string, createdSince?: string): Promise<CanonicalIssue | undefined> {
    const since = createdSince ?? ORIGIN_LOOKBACK;
    const res = await this.wiql(
      `[System.Tags] CONTAINS ${literal(originTag(origin))} AND [System.CreatedDate] >= ${literal(since)}`,
      '[System.Id] ASC',
    );
    const [first] = await this.batch(res.ids.slice(0, 1));
    return first && this.inProject(first) ? toCanonical(first, this.webBase) : undefined;
  }

  private ctx(tag?: string) {
    return {
      users: this.users,
      label: this.label,
      ...(this.opts.markdown ? { markdown: this.opts.markdown } : {}),
      ...(tag ? { originTag: tag } : {}),
    };
  }

  async createIssue(patch: FieldPatch, origin: string): Promise<CanonicalIssue> {
    const { workItemType, ...rest } = patch;
    const type = (typeof workItemType === 'string' && workItemType) || this.opts.workItemType || 'User Story';
    const tag = originTag(origin);
    const ops = toAdoOperations(rest, this.ctx(tag));
    if (!ops.some((o) => o.path === '/fields/System.Title'))
      ops.unshift({ op: 'add', path: '/fields/System.Title', value: '(no title)' });
    if (!ops.some((o) => o.path === '/fields/System.Tags'))
      ops.push({ op: 'add', path: '/fields/System.Tags', value: tag });
    const created = await this.client.json(
      `${this.base}/workitems/$${encodeURIComponent(type)}`,
      AdoWorkItemSchema,
      { method: 'POST', patch: ops },
    );
    return toCanonical(created, this.webBase);
  }

  private async read(id: string): Promise<AdoWorkItem> {
    if (parseIssueNumber(id) !== id)
      throw new TrackerError('invalid_request', `${this.label}: "${id.slice(0, 40)}" is not a work item id`);
    return this.client.json(`${this.base}/workitems/${id}`, AdoWorkItemSchema, {
      query: { $expand: 'relations' },
    });
  }

  /** One JSON Patch, refused by Azure DevOps if the work item moved past `rev` since it was read. */
  private patchItem(current: AdoWorkItem, ops: PatchOperation[]): Promise<AdoWorkItem> {
    return this.client.json(`${this.base}/workitems/${current.id}`, AdoWorkItemSchema, {
      method: 'PATCH',
      query: { $expand: 'relations' },
      patch: [{ op: 'test', path: '/rev', value: current.rev }, ...ops],
    });
  }

  async updateIssue(id: string, patch: FieldPatch): Promise<FieldPatch> {
    const current = await this.read(id);
    const tag = splitTags(current.fields['System.Tags']).find((t) => t.startsWith('tandem-origin:'));
    const ops = toAdoOperations(patch, this.ctx(tag));
    if (ops.length === 0) return {};
    const updated = await this.patchItem(current, ops);
    return heldValues(toCanonical(updated, this.webBase).fields, patch);
  }

  async listComments(issueId: string): Promise<CanonicalComment[]> {
    const out: CanonicalComment[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.json(
        `${this.base}/workItems/${issueId}/comments`,
        AdoCommentListSchema,
        {
          apiVersion: COMMENTS_API_VERSION,
          query: { continuationToken: token, order: 'asc' },
        },
      );
      out.push(...page.comments.filter((c) => c.isDeleted !== true).map(toComment));
      token = page.continuationToken ?? undefined;
    } while (token);
    return out;
  }

  private html(body: Json, attribution?: string) {
    return markdownToHtml(withAttribution(toMarkdown(body, this.opts.markdown), attribution));
  }

  async addComment(
    issueId: string,
    body: Json,
    origin: string,
    attribution?: string,
  ): Promise<CanonicalComment> {
    const created = await this.client.json(`${this.base}/workItems/${issueId}/comments`, AdoCommentSchema, {
      method: 'POST',
      apiVersion: COMMENTS_API_VERSION,
      json: { text: withOrigin(this.html(body, attribution), origin) },
    });
    return toComment(created);
  }

  async updateComment(issueId: string, commentId: string, body: Json, attribution?: string): Promise<void> {
    const path = `${this.base}/workItems/${issueId}/comments/${commentId}`;
    const current = await this.client.json(path, AdoCommentSchema, { apiVersion: COMMENTS_API_VERSION });
    const { origin } = toComment(current);
    const text = this.html(body, attribution);
    await this.client.json(path, AdoCommentSchema, {
      method: 'PATCH',
      apiVersion: COMMENTS_API_VERSION,
      json: { text: origin === undefined ? text : withOrigin(text, origin) },
    });
  }

  async deleteComment(issueId: string, commentId: string): Promise<void> {
    await this.client.empty(`${this.base}/workItems/${issueId}/comments/${commentId}`, {
      method: 'DELETE',
      apiVersion: COMMENTS_API_VERSION,
    });
  }

  async listAttachments(issueId: string): Promise<CanonicalAttachment[]> {
    return ((await this.read(issueId)).relations ?? []).filter(isAttachedFile).map(toAttachment);
  }

  downloadAttachment(_issueId: string, attachmentId: string): Promise<Uint8Array> {
    return this.client.bytes(`${this.base}/attachments/${encodeURIComponent(attachmentId)}`, {
      query: { download: 'true' },
    });
  }

  async uploadAttachment(
    issueId: string,
    file: { filename: string; mimeType: string; data: Uint8Array },
  ): Promise<CanonicalAttachment> {
    const current = await this.read(issueId);
    const ref = await this.client.json(`${this.base}/attachments`, AdoAttachmentReferenceSchema, {
      method: 'POST',
      query: { fileName: file.filename },
      bytes: file.data,
    });
    const updated = await this.patchItem(current, [
      {
        op: 'add',
        path: '/relations/-',
        value: {
          rel: 'AttachedFile',
          url: ref.url,
          attributes: { comment: `Copied by Tandem (${file.mimeType})` },
        },
      },
    ]);
    const relation = (updated.relations ?? []).find((r) => isAttachedFile(r) && attachmentIdOf(r) === ref.id);
    if (!relation)
      throw new TrackerError(
        'unknown',
        `${this.label} accepted ${file.filename} but #${issueId} does not list it`,
      );
    return { ...toAttachment(relation), mimeType: file.mimeType };
  }

  async deleteAttachment(issueId: string, attachmentId: string): Promise<void> {
    const current = await this.read(issueId);
    const index = (current.relations ?? []).findIndex(
      (r) => isAttachedFile(r) && attachmentIdOf(r) === attachmentId,
    );
    if (index < 0)
      throw new TrackerError('not_found', `${this.label}: #${issueId} has no attachment ${attachmentId}`);
    await this.patchItem(current, [{ op: 'remove', path: `/relations/${index}` }]);
  }
}
