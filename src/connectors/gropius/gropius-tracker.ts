/**
 * A Gropius project (a Trackable) as a TrackerPort, over Gropius' GraphQL API.
 *
 * - Reads go through the trackable (`node(id:) { ... on Trackable { issues } }`), so every read is scoped
 *   to the connection's project.
 * - Incremental reads filter and order by `lastUpdatedAt`, not `lastModifiedAt`: Gropius' schema says
 *   `lastUpdatedAt` "includes a changed timeline", and comments are timeline items; `lastModifiedAt`
 *   alone would miss an issue whose only change is a comment. Paging is by Gropius' cursors.
 * - Writes are the schema's one-change mutations; names of states, priorities and types are resolved to
 *   the issue's template before any is sent. After writing, the issue is read again, and the answer is
 *   what Gropius now holds.
 * - Gropius issues have no file attachments (artefacts are code references), so none are synced.
 */
import type { TrackerCapabilities } from '../../core/capabilities';
import { TrackerError } from '../../core/errors';
import type { CanonicalComment, CanonicalIssue, FieldPatch, Json } from '../../core/model';
import type { CreatedIssue, IssueLookup, Page, TrackerPort } from '../../core/ports';
import { heldValues } from '../common/held-values';
import { noAttachments, type AttachmentMethods } from '../common/no-attachments';
import { toMarkdown, withAttribution, type MarkdownOptions } from '../markdown';
import type { GropiusClient } from './gropius-client';
import * as doc from './gropius-documents';
import { toCanonical, toComment } from './gropius-mapping';
import { ORIGIN_FIELD, splitLeadingOrigin, withLeadingOrigin } from './gropius-origin';
import {
  GrAcceptedSchema,
  GrCommentsSchema,
  GrCreatedCommentSchema,
  GrCreatedIssueSchema,
  GrCreatedLabelSchema,
  GrDefaultTemplateSchema,
  GrIssuePageSchema,
  GrLabelLookupSchema,
  GrTemplateSchema,
  type GrIssue,
} from './gropius-schemas';
import { idOf, toGrWrite, type GrWrite, type TemplateCatalog } from './gropius-write';

export interface GropiusTrackerOptions {
  client: GropiusClient;
  /** The Trackable's (project's) id. */
  trackable: string;
  /** Id or name of the issue template for new issues; the first one not deprecated otherwise. */
  template?: string;
  markdown?: MarkdownOptions;
}

const PAGE = 100;
const ORIGIN_LOOKBACK = '2026-01-01T00:00:00Z';
/** Gropius node ids: UUIDs in practice; anything else a person types is refused before a request. */
const NODE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$/;

/** A new issue without a state starts in the template's "Open" if it has one, else its first open state by name. */
function defaultState(states: TemplateCatalog['states']): string | undefined {
  const open = states.filter((s) => s.isOpen).sort((a, b) => a.name.localeCompare(b.name));
  return (open.find((s) => s.name.toLowerCase() === 'open') ?? open[0] ?? states[0])?.id;
}

/**
 * No file attachments (Gropius' artefacts are references into code, not files) and no link to the partner
 * issue (a Gropius issue holds no web links). Gropius' issue relations are not synced by this connector yet.
 */
export const GROPIUS_CAPABILITIES: TrackerCapabilities = {
  attachments: false,
  issueLinks: false,
  partnerLinks: false,
  bulkCreate: false,
  worklogs: false,
  hierarchy: false,
};

export class GropiusTracker implements TrackerPort {
  readonly kind = 'gropius';
  readonly capabilities = GROPIUS_CAPABILITIES;
  readonly listAttachments: AttachmentMethods['listAttachments'];
  readonly downloadAttachment: AttachmentMethods['downloadAttachment'];
  readonly uploadAttachment: AttachmentMethods['uploadAttachment'];
  readonly deleteAttachment: AttachmentMethods['deleteAttachment'];
  private readonly client: GropiusClient;
  private readonly templates = new Map<string, TemplateCatalog>();
  private defaultTemplateId: string | undefined;

  constructor(private readonly opts: GropiusTrackerOptions) {
    this.client = opts.client;
    const files = noAttachments(this.label, 'Gropius issues have no file attachments', 'Gropius');
    this.listAttachments = files.listAttachments;
    this.downloadAttachment = files.downloadAttachment;
    this.uploadAttachment = files.uploadAttachment;
    this.deleteAttachment = files.deleteAttachment;
  }

  private get label() {
    return this.client.label;
  }

  private canonical(issue: GrIssue): CanonicalIssue {
    return toCanonical(issue, this.client.endpoint, this.opts.trackable);
  }

  private async page(document: string, filter: Json | undefined, after: string | undefined) {
    const res = await this.client.request(
      document,
      {
        trackable: this.opts.trackable,
        first: PAGE,
        ...(filter ? { filter } : {}),
        ...(after ? { after } : {}),
      },
      GrIssuePageSchema,
    );
    const issues = res.node?.issues;
    if (!issues)
      throw new TrackerError(
        'not_found',
        `${this.label}: project ${this.opts.trackable} is not readable with this token`,
      );
    return issues;
  }

  async listUpdatedSince(since: string | undefined, pageToken?: string): Promise<Page<CanonicalIssue>> {
    const filter =
      since === undefined ? undefined : { lastUpdatedAt: { gte: new Date(since).toISOString() } };
    const res = await this.page(doc.LIST_ISSUES, filter, pageToken);
    const byId = new Map(res.nodes.map((i) => [i.id, this.canonical(i)]));
    const items = [...byId.values()];
    return res.pageInfo.hasNextPage && res.pageInfo.endCursor
      ? { items, next: res.pageInfo.endCursor }
      : { items };
  }

  private checkIds(ids: readonly string[]) {
    const bad = ids.find((id) => !NODE_ID.test(id));
    if (bad !== undefined)
      throw new TrackerError(
        'invalid_request',
        `${this.label}: "${bad.slice(0, 40)}" is not a Gropius issue id`,
      );
  }

  async getIssues(ids: readonly string[]): Promise<CanonicalIssue[]> {
    this.checkIds(ids);
    const out = new Map<string, CanonicalIssue>();
    for (let i = 0; i < ids.length; i += PAGE) {
      const filter = { id: { in: ids.slice(i, i + PAGE) } };
      for (let after: string | undefined, more = true; more; ) {
        const res = await this.page(doc.LIST_ISSUES, filter, after);
        for (const issue of res.nodes) out.set(issue.id, this.canonical(issue));
        more = res.pageInfo.hasNextPage && !!res.pageInfo.endCursor;
        after = res.pageInfo.endCursor ?? undefined;
      }
    }
    return [...out.values()];
  }

  private async issue(id: string): Promise<GrIssue> {
    const res = await this.page(doc.LIST_ISSUES, { id: { eq: id } }, undefined);
    const issue = res.nodes.find((i) => i.id === id);
    if (!issue)
      throw new TrackerError('not_found', `${this.label}: no issue ${id} in project ${this.opts.trackable}`);
    return issue;
  }

  async findIssue(ref: string): Promise<IssueLookup> {
    const id = ref.trim();
    if (!NODE_ID.test(id))
      return {
        outcome: 'invalid',
        message: `"${ref.slice(0, 80)}" is not a Gropius issue of this project: paste the issue's id, as in its web address after /issues/.`,
      };
    const [issue] = await this.getIssues([id]);
    return issue ? { outcome: 'found', issue } : { outcome: 'not-in-connection' };
  }

  async findIssueByOrigin(origin: string, createdSince?: string): Promise<CanonicalIssue | undefined> {
    const template = await this.template(await this.templateIdForNew());
    if (template.fields.includes(ORIGIN_FIELD)) {
      const res = await this.page(
        doc.LIST_ISSUES,
        { templatedFields: [{ name: ORIGIN_FIELD, value: origin }] },
        undefined,
      );
      const found = res.nodes[0];
      if (found) return this.canonical(found);
    }
    // Issues of another template carry the marker in their body: search those created since the attempt.
    const filter = { createdAt: { gte: new Date(createdSince ?? ORIGIN_LOOKBACK).toISOString() } };
    for (let after: string | undefined; ; ) {
      const res = await this.page(doc.LIST_RECENT_ISSUES, filter, after);
      const found = res.nodes.map((i) => this.canonical(i)).find((i) => i.origin === origin);
      if (found) return found;
      if (!res.pageInfo.hasNextPage || !res.pageInfo.endCursor) return undefined;
      after = res.pageInfo.endCursor;
    }
  }

  private async templateIdForNew(): Promise<string> {
    if (this.defaultTemplateId) return this.defaultTemplateId;
    const wanted = this.opts.template;
    if (wanted && NODE_ID.test(wanted)) {
      const res = await this.client.request(doc.TEMPLATE, { id: wanted }, GrTemplateSchema);
      if (res.node?.id) return (this.defaultTemplateId = res.node.id);
    }
    const filter = { isDeprecated: { eq: false }, ...(wanted ? { name: { eq: wanted } } : {}) };
    const res = await this.client.request(doc.DEFAULT_TEMPLATE, { filter }, GrDefaultTemplateSchema);
    const id = res.issueTemplates.nodes[0]?.id;
    if (!id)
      throw new TrackerError(
        'invalid_request',
        `${this.label}: ${wanted ? `no issue template "${wanted}"` : 'no issue template'} that is not deprecated`,
      );
    return (this.defaultTemplateId = id);
  }

  private async template(id: string): Promise<TemplateCatalog> {
    const known = this.templates.get(id);
    if (known) return known;
    const { node } = await this.client.request(doc.TEMPLATE, { id }, GrTemplateSchema);
    if (!node?.issueStates || !node.issuePriorities || !node.issueTypes)
      throw new TrackerError('not_found', `${this.label}: issue template ${id} is not readable`);
    const catalog: TemplateCatalog = {
      id,
      states: node.issueStates.nodes,
      priorities: node.issuePriorities.nodes,
      types: node.issueTypes.nodes,
      fields: (node.templateFieldSpecifications ?? []).map((f) => f.name),
    };
    this.templates.set(id, catalog);
    return catalog;
  }

  private async labelId(name: string): Promise<string> {
    const res = await this.client.request(
      doc.TRACKABLE_LABEL,
      { trackable: this.opts.trackable, name },
      GrLabelLookupSchema,
    );
    const found = res.node?.labels?.nodes.find((l) => l.name === name);
    if (found) return found.id;
    // A label the project lacks is created on it, as GitHub and GitLab do for a new label name.
    const created = await this.client.request(
      doc.CREATE_LABEL,
      { input: { name, color: '#808080', description: '', trackables: [this.opts.trackable] } },
      GrCreatedLabelSchema,
    );
    return created.createLabel.label.id;
  }

  async createIssue(patch: FieldPatch, origin: string): Promise<CreatedIssue> {
    const write = toGrWrite(patch, this.label, this.opts.markdown ?? {});
    const template = await this.template(await this.templateIdForNew());
    const state = write.state
      ? idOf(template.states, write.state, 'state', this.label)
      : defaultState(template.states);
    const type = write.type ? idOf(template.types, write.type, 'type', this.label) : template.types[0]?.id;
    if (!state || !type)
      throw new TrackerError(
        'invalid_request',
        `${this.label}: issue template ${template.id} has no states or no types`,
      );
    const inField = template.fields.includes(ORIGIN_FIELD);
    const body = write.body ?? '';
    const created = await this.client.request(
      doc.CREATE_ISSUE,
      {
        input: {
          title: write.title ?? '(no title)',
          body: inField ? body : withLeadingOrigin(body, origin),
          template: template.id,
          state,
          type,
          trackables: [this.opts.trackable],
          templatedFields: inField ? [{ name: ORIGIN_FIELD, value: origin }] : [],
        },
      },
      GrCreatedIssueSchema,
    );
    const id = created.createIssue.issue.id;
    // Priority and labels are not part of CreateIssueInput: they follow as changes of the new issue.
    const rest: GrWrite = {
      ...(write.priority === undefined ? {} : { priority: write.priority }),
      ...(write.labels === undefined ? {} : { labels: write.labels }),
    };
    if (Object.keys(rest).length > 0) await this.apply(await this.issue(id), rest);
    return this.canonical(await this.issue(id));
  }

  async updateIssue(id: string, patch: FieldPatch): Promise<FieldPatch> {
    this.checkIds([id]);
    const write = toGrWrite(patch, this.label, this.opts.markdown ?? {});
    if (Object.keys(write).length === 0) return {};
    await this.apply(await this.issue(id), write);
    return heldValues(this.canonical(await this.issue(id)).fields, patch);
  }

  /** Every id is resolved before the first mutation, so a bad name writes nothing. */
  private async apply(current: GrIssue, write: GrWrite): Promise<void> {
    const template = await this.template(current.template.id);
    const state =
      write.state === undefined ? undefined : idOf(template.states, write.state, 'state', this.label);
    const type = write.type === undefined ? undefined : idOf(template.types, write.type, 'type', this.label);
    const priority =
      write.priority === undefined || write.priority === null
        ? write.priority
        : idOf(template.priorities, write.priority, 'priority', this.label);
    const issue = current.id;
    const send = (document: string, input: Record<string, unknown>) =>
      this.client.request(document, { input }, GrAcceptedSchema);

    if (write.title !== undefined && write.title !== current.title)
      await send(doc.CHANGE_TITLE, { issue, title: write.title });
    if (write.body !== undefined) {
      // The body is replaced whole: keep a marker it holds, or a retried create would not find the issue.
      const { body, origin } = splitLeadingOrigin(current.body.body);
      const next = origin === undefined ? write.body : withLeadingOrigin(write.body, origin);
      if (write.body !== body) await send(doc.UPDATE_BODY, { id: current.body.id, body: next });
    }
    if (state !== undefined && state !== current.state.id) await send(doc.CHANGE_STATE, { issue, state });
    if (type !== undefined && type !== current.type.id) await send(doc.CHANGE_TYPE, { issue, type });
    if (priority !== undefined && priority !== (current.priority?.id ?? null))
      await send(doc.CHANGE_PRIORITY, { issue, priority });
    if (write.labels !== undefined) {
      const have = new Map(current.labels.nodes.map((l) => [l.name, l.id]));
      for (const name of write.labels)
        if (!have.has(name)) await send(doc.ADD_LABEL, { issue, label: await this.labelId(name) });
      for (const [name, label] of have)
        if (!write.labels.includes(name)) await send(doc.REMOVE_LABEL, { issue, label });
    }
  }

  async listComments(issueId: string): Promise<CanonicalComment[]> {
    this.checkIds([issueId]);
    const out: CanonicalComment[] = [];
    for (let after: string | undefined; ; ) {
      const res = await this.client.request(
        doc.ISSUE_COMMENTS,
        { trackable: this.opts.trackable, issue: issueId, ...(after ? { after } : {}) },
        GrCommentsSchema,
      );
      const comments = res.node?.issues?.nodes[0]?.issueComments;
      if (!comments)
        throw new TrackerError(
          'not_found',
          `${this.label}: no issue ${issueId} in project ${this.opts.trackable}`,
        );
      // A deleted comment stays in Gropius' timeline, emptied and flagged; it is no longer a comment.
      out.push(...comments.nodes.filter((c) => !c.isDeleted).map(toComment));
      if (!comments.pageInfo.hasNextPage || !comments.pageInfo.endCursor) return out;
      after = comments.pageInfo.endCursor;
    }
  }

  async addComment(
    issueId: string,
    body: Json,
    origin: string,
    attribution?: string,
  ): Promise<CanonicalComment> {
    this.checkIds([issueId]);
    const text = withLeadingOrigin(
      withAttribution(toMarkdown(body, this.opts.markdown), attribution),
      origin,
    );
    const res = await this.client.request(
      doc.CREATE_COMMENT,
      { input: { issue: issueId, body: text } },
      GrCreatedCommentSchema,
    );
    return toComment(res.createIssueComment.issueComment);
  }

  async updateComment(issueId: string, commentId: string, body: Json, attribution?: string): Promise<void> {
    const current = (await this.listComments(issueId)).find((c) => c.id === commentId);
    if (!current)
      throw new TrackerError('not_found', `${this.label}: comment ${commentId} is not on issue ${issueId}`);
    const text = withAttribution(toMarkdown(body, this.opts.markdown), attribution);
    const next = current.origin === undefined ? text : withLeadingOrigin(text, current.origin);
    await this.client.request(doc.UPDATE_COMMENT, { input: { id: commentId, body: next } }, GrAcceptedSchema);
  }

  async deleteComment(issueId: string, commentId: string): Promise<void> {
    const current = (await this.listComments(issueId)).find((c) => c.id === commentId);
    // Already gone (a retry after a lost answer): nothing left to do.
    if (!current) return;
    await this.client.request(doc.DELETE_COMMENT, { input: { id: commentId } }, GrAcceptedSchema);
  }
}
