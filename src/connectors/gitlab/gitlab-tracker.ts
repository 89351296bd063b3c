/**
 * A GitLab project's issues as a TrackerPort, through @gitbeaker/rest on gitlab.com or a self-managed
 * instance. Listing uses `updated_after` with pages ordered by creation, so an issue edited while paging
 * does not shift the pages; issues and copied notes carry a hidden origin marker; system and internal
 * notes are not comments. GitLab issues have no attachment list, so none are synced.
 */
import { decodeCursor, nextToken, unseen, type Listed } from '../common/update-time-paging';
import type { TrackerCapabilities } from '../../core/capabilities';
import { noAttachments, type AttachmentMethods } from '../common/no-attachments';
import { IssueNotes, Issues, ProjectMilestones, Users } from '@gitbeaker/rest';
import type { RequesterType, ResourceOptions } from '@gitbeaker/requester-utils';
import { z } from 'zod';
import { GITLAB_FIELDS } from './gitlab-fields';
import type { FieldCatalog } from '../../core/schema/field-catalog';
import { PartialWriteError, TrackerError, type UnwrittenField } from '../../core/errors';
import type { CanonicalComment, CanonicalIssue, FieldPatch, Json } from '../../core/model';
import type { CreatedIssue, IssueLookup, Page, TrackerPort } from '../../core/ports';
import { missingMilestone } from '../common/milestone-title';
import { findByIssueNumber, parseIssueNumber } from '../common/issue-number';
import type { UserMapping } from '../jira/user-resolver';
import { heldValues } from '../common/held-values';
import { splitOrigin, toMarkdown, withAttribution, withOrigin, type MarkdownOptions } from '../markdown';
import { isComment, toCanonical, toComment } from './gitlab-mapping';
import { GlIssueSchema, GlMilestoneSchema, GlNoteSchema, GlPageSchema } from './gitlab-schemas';
import { toGlWrite, type GlWrite } from './gitlab-write';

export interface GitLabTrackerOptions {
  /** `https://gitlab.com` or a self-managed instance's root URL. */
  host: string;
  token: string;
  requesterFn: (options: ResourceOptions) => RequesterType;
  /** The project's path (`group/sub/project`) or numeric id. */
  project: string;
  label?: string;
  users?: UserMapping;
  markdown?: MarkdownOptions;
  /** A milestone the project lacks is created (a rule's createMissing), not refused. */
  createMissingMilestones?: boolean;
}

const PAGE = 100;
const ORIGIN_LOOKBACK = '2026-01-01T00:00:00Z';

/**
 * GitLab issues have no attachment list (uploads live in the text); their links are not written here.
 *
 * No hierarchy, on purpose: the REST API offers no parent for an issue on every tier. Issue links of type
 * `relates_to` are on Free ("Issue links API", https://docs.gitlab.com/api/issue_links/; `blocks` needs
 * Premium) but are a relation between equals, not a parent, so a tree built from them would be read back as
 * a web of links. Parents of issues are epics ("Epic issues API", https://docs.gitlab.com/api/epic_issues/,
 * Premium and Ultimate, group-level, deprecated since 17.0 for the work items API), and the child tasks of an
 * issue are work items reached only through GraphQL. Declaring `hierarchy` would promise a parent that a
 * Free project cannot hold; a rule of kind `hierarchy` is refused for GitLab when the connection is saved.
 */
export const GITLAB_CAPABILITIES: TrackerCapabilities = {
  attachments: false,
  issueLinks: false,
  partnerLinks: false,
  bulkCreate: false,
  worklogs: false,
  hierarchy: false,
};

const listedOf = (i: { iid: number; updated_at: string }): Listed => ({
  number: i.iid,
  updated: i.updated_at,
});

export class GitLabTracker implements TrackerPort {
  readonly kind = 'gitlab';
  readonly capabilities = GITLAB_CAPABILITIES;
  private readonly issues: Issues;
  private readonly notes: IssueNotes;
  private readonly milestones: ProjectMilestones;
  private readonly people: Users;
  private readonly label: string;
  readonly listAttachments: AttachmentMethods['listAttachments'];
  readonly downloadAttachment: AttachmentMethods['downloadAttachment'];
  readonly uploadAttachment: AttachmentMethods['uploadAttachment'];
  readonly deleteAttachment: AttachmentMethods['deleteAttachment'];
  /** A fixed set: issues have no custom fields in the REST API. */
  readonly fieldCatalog = (): Promise<FieldCatalog> => Promise.resolve(GITLAB_FIELDS);
  private readonly users: UserMapping;
  private readonly userIds = new Map<string, number>();

  constructor(private readonly opts: GitLabTrackerOptions) {
    const config = { host: opts.host.replace(/\/+$/, ''), token: opts.token, requesterFn: opts.requesterFn };
    this.issues = new Issues(config);
    this.notes = new IssueNotes(config);
    this.milestones = new ProjectMilestones(config);
    this.people = new Users(config);
    this.label = opts.label ?? `GitLab (${opts.project})`;
    const files = noAttachments(this.label, 'GitLab issues have no attachment list', 'GitLab');
    this.listAttachments = files.listAttachments;
    this.downloadAttachment = files.downloadAttachment;
    this.uploadAttachment = files.uploadAttachment;
    this.deleteAttachment = files.deleteAttachment;
    this.users = opts.users ?? { explicit: new Map() };
  }

  private get project() {
    return this.opts.project;
  }

  private async page(query: {
    updatedAfter?: string;
    createdAfter?: string;
    orderBy: 'created_at' | 'updated_at';
    sort: 'asc' | 'desc';
    page: number;
  }) {
    const res = GlPageSchema.parse(
      await this.issues.all({
        projectId: this.project,
        scope: 'all',
        perPage: PAGE,
        maxPages: 1,
        showExpanded: true,
        ...query,
      }),
    );
    return { issues: z.array(GlIssueSchema).parse(res.data), next: res.paginationInfo.next };
  }

  /** Oldest update first (`updated_after` is "on or after"), paged from the last update time seen. */
  async listUpdatedSince(since: string | undefined, pageToken?: string): Promise<Page<CanonicalIssue>> {
    const cursor = pageToken === undefined ? undefined : decodeCursor(pageToken, `GitLab (${this.project})`);
    const from = cursor?.since ?? since;
    const res = await this.page({
      ...(from === undefined ? {} : { updatedAfter: from }),
      orderBy: 'updated_at',
      sort: 'asc',
      page: cursor?.page ?? 1,
    });
    const items = unseen(res.issues, listedOf, cursor).map((i) => toCanonical(i, this.project));
    const next = res.next ? nextToken(res.issues.map(listedOf), cursor) : undefined;
    return next === undefined ? { items } : { items, next };
  }

  async getIssues(ids: readonly string[]): Promise<CanonicalIssue[]> {
    const out: CanonicalIssue[] = [];
    const bad = ids.find((id) => parseIssueNumber(id) !== id);
    if (bad !== undefined)
      throw new TrackerError(
        'invalid_request',
        `GitLab (${this.project}): "${bad.slice(0, 40)}" is not an issue iid`,
      );
    for (let i = 0; i < ids.length; i += PAGE) {
      const found = await this.issues.all({
        projectId: this.project,
        scope: 'all',
        iids: ids.slice(i, i + PAGE).map(Number),
        perPage: PAGE,
      });
      out.push(
        ...z
          .array(GlIssueSchema)
          .parse(found)
          .map((x) => toCanonical(x, this.project)),
      );
    }
    return out;
  }

  /** The issues endpoint is the project's own (`iids[]` under `/projects/:id`), so a number is in scope. */
  findIssue(ref: string): Promise<IssueLookup> {
    return findByIssueNumber(ref, { what: 'a GitLab issue', where: this.project }, async (iid) => {
      const [issue] = await this.getIssues([iid]);
      return issue;
    });
  }

  async findIssueByOrigin(origin: string, createdSince?: string): Promise<CanonicalIssue | undefined> {
    for (let page = 1; ; page += 1) {
      const res = await this.page({
        createdAfter: createdSince ?? ORIGIN_LOOKBACK,
        orderBy: 'created_at',
        sort: 'desc',
        page,
      });
      const found = res.issues.find((i) => splitOrigin(i.description ?? '').origin === origin);
      if (found) return toCanonical(found, this.project);
      if (!res.next) return undefined;
    }
  }

  private async options(write: Omit<GlWrite, 'milestone'>, milestoneId?: number) {
    return {
      ...(write.title === undefined ? {} : { title: write.title }),
      ...(write.stateEvent ? { stateEvent: write.stateEvent } : {}),
      ...(write.labels ? { labels: write.labels.join(',') } : {}),
      ...(write.assignees
        ? { assigneeIds: await Promise.all(write.assignees.map((a) => this.userId(a))) }
        : {}),
      ...(milestoneId === undefined ? {} : { milestoneId }),
      ...(write.dueDate === undefined ? {} : { dueDate: write.dueDate ?? '' }),
      ...(write.confidential === undefined ? {} : { confidential: write.confidential }),
    };
  }

  async createIssue(patch: FieldPatch, origin: string): Promise<CreatedIssue> {
    const { milestone: title, ...write } = toGlWrite(patch, this.users, this.label, this.opts.markdown ?? {});
    const { milestoneId, unwritten } = await this.milestoneFor(title, patch);
    const { stateEvent, title: issueTitle, ...rest } = await this.options(write, milestoneId || undefined);
    const created = GlIssueSchema.parse(
      await this.issues.create(this.project, issueTitle ?? '(no title)', {
        ...rest,
        description: withOrigin(write.description ?? '', origin),
      }),
    );
    // A new issue is open; closing it is a second write.
    const issue =
      stateEvent === 'close'
        ? GlIssueSchema.parse(await this.issues.edit(this.project, created.iid, { stateEvent }))
        : created;
    const out = toCanonical(issue, this.project);
    return unwritten.length === 0 ? out : { ...out, unwritten };
  }

  async updateIssue(id: string, patch: FieldPatch): Promise<FieldPatch> {
    const { milestone: title, ...write } = toGlWrite(patch, this.users, this.label, this.opts.markdown ?? {});
    const { milestoneId, unwritten } = await this.milestoneFor(title, patch);
    const options: Record<string, unknown> = await this.options(write, milestoneId);
    if (write.description !== undefined) {
      // The description is replaced whole: keep the marker, or a retried create would not find this issue.
      const current = GlIssueSchema.parse(await this.issues.show(Number(id), { projectId: this.project }));
      const { origin } = splitOrigin(current.description ?? '');
      options.description = origin === undefined ? write.description : withOrigin(write.description, origin);
    }
    const written = (path: string) => !unwritten.some((u) => u.path === path);
    const held =
      Object.keys(options).length === 0
        ? {}
        : heldValues(
            toCanonical(
              GlIssueSchema.parse(await this.issues.edit(this.project, Number(id), options)),
              this.project,
            ).fields,
            patch,
            written,
          );
    // The rest is written; the milestone the project lacks is named on the pair (as Jira's versions are).
    if (unwritten.length > 0) throw new PartialWriteError(held, unwritten, 'invalid_request');
    return held;
  }

  /**
   * The milestone id a write names (GitLab clears a milestone with id 0, "Edit an issue" `milestone_id`,
   * https://docs.gitlab.com/api/issues/#edit-an-issue), or why it cannot be written: a title the project
   * lacks is created only when the rule says so (createMissing), else named as unwritten.
   */
  private async milestoneFor(
    title: string | null | undefined,
    patch: FieldPatch,
  ): Promise<{ milestoneId?: number; unwritten: UnwrittenField[] }> {
    if (title === undefined) return { unwritten: [] };
    if (title === null) return { milestoneId: 0, unwritten: [] };
    const id = await this.milestoneId(title);
    if (id !== undefined) return { milestoneId: id, unwritten: [] };
    const path =
      Object.keys(patch).find((p) => p === 'milestone' || p.startsWith('milestone.')) ?? 'milestone';
    return { unwritten: [{ path, message: missingMilestone(this.label, title) }] };
  }

  /** A user id for a username from the user map (numeric ids pass as they are). */
  private async userId(who: string): Promise<number> {
    if (/^\d+$/.test(who)) return Number(who);
    const known = this.userIds.get(who);
    if (known !== undefined) return known;
    const found = z.array(z.object({ id: z.number() })).parse(await this.people.all({ username: who }));
    const id = found[0]?.id;
    if (id === undefined)
      throw new TrackerError(
        'user_unmapped',
        `${this.label} has no user "${who}"; fix the connection's user map`,
      );
    this.userIds.set(who, id);
    return id;
  }

  /**
   * A milestone id by title ("List project milestones", `title`: only the milestones with that title,
   * https://docs.gitlab.com/api/milestones/#list-project-milestones); a title still missing is created
   * ("Create new milestone") with createMissing, else undefined.
   */
  private async milestoneId(title: string): Promise<number | undefined> {
    const found = z.array(GlMilestoneSchema).parse(await this.milestones.all(this.project, { title }));
    const match = found.find((m) => m.title === title);
    if (match) return match.id;
    if (!this.opts.createMissingMilestones) return undefined;
    return GlMilestoneSchema.parse(await this.milestones.create(this.project, title)).id;
  }

  async listComments(issueId: string): Promise<CanonicalComment[]> {
    const all = await this.notes.all(this.project, Number(issueId), {
      perPage: PAGE,
      sort: 'asc',
      orderBy: 'created_at',
    });
    return z.array(GlNoteSchema).parse(all).filter(isComment).map(toComment);
  }

  async addComment(
    issueId: string,
    body: Json,
    origin: string,
    attribution?: string,
  ): Promise<CanonicalComment> {
    const text = withOrigin(withAttribution(toMarkdown(body, this.opts.markdown), attribution), origin);
    return toComment(GlNoteSchema.parse(await this.notes.create(this.project, Number(issueId), text)));
  }

  async updateComment(issueId: string, commentId: string, body: Json, attribution?: string): Promise<void> {
    const current = GlNoteSchema.parse(
      await this.notes.show(this.project, Number(issueId), Number(commentId)),
    );
    const { origin } = splitOrigin(current.body ?? '');
    const text = withAttribution(toMarkdown(body, this.opts.markdown), attribution);
    await this.notes.edit(this.project, Number(issueId), Number(commentId), {
      body: origin === undefined ? text : withOrigin(text, origin),
    });
  }

  async deleteComment(issueId: string, commentId: string): Promise<void> {
    await this.notes.remove(this.project, Number(issueId), Number(commentId));
  }
}
