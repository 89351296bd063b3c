/**
 * A GitHub repository's issues as a TrackerPort, through @octokit/rest.
 *
 * - Listing uses `since` (updated at or after), oldest update first, each page starting at the last update
 *   time seen (common/update-time-paging), so an issue edited while paging cannot shift another out of the listing.
 *   Pull requests, which the issues endpoint also returns, are left out.
 * - Issues and copied comments carry an origin marker, an HTML comment GitHub does not show.
 * - GitHub has no attachments on issues: the connector lists none and refuses uploads with a reason.
 */
import type { TrackerCapabilities } from '../../core/capabilities';
import { noAttachments, type AttachmentMethods } from '../common/no-attachments';
import type { Octokit } from '@octokit/rest';
import { z } from 'zod';
import { GITHUB_FIELDS } from './github-fields';
import type { FieldCatalog } from '../../core/schema/field-catalog';
import { PartialWriteError, TrackerError, type UnwrittenField } from '../../core/errors';
import {
  PARENT_PATH,
  type CanonicalComment,
  type CanonicalIssue,
  type FieldPatch,
  type Json,
} from '../../core/model';
import type { CreatedIssue, IssueLookup, Page, TrackerPort } from '../../core/ports';
import { missingMilestone } from '../common/milestone-title';
import { findByIssueNumber, parseIssueNumber } from '../common/issue-number';
import type { UserMapping } from '../jira/user-resolver';
import { heldValues } from '../common/held-values';
import { splitOrigin, toMarkdown, withAttribution, withOrigin, type MarkdownOptions } from '../markdown';
import { toTrackerError } from './github-errors';
import { toCanonical, toComment } from './github-mapping';
import { GhCommentSchema, GhIssueSchema, GhMilestoneSchema, type GhIssue } from './github-schemas';
import { addSubIssue, isForeignKey, parentOf, removeSubIssue } from './github-parents';
import { toGhWrite, type GhWrite } from './github-write';
import { decodeCursor, nextToken, unseen, type Listed } from '../common/update-time-paging';

export interface GitHubTrackerOptions {
  octokit: Octokit;
  /** `owner/repo`. */
  repo: string;
  label?: string;
  users?: UserMapping;
  markdown?: MarkdownOptions;
  now?: () => Date;
  /** A milestone the repository lacks is created (a rule's createMissing), not refused. */
  createMissingMilestones?: boolean;
}

const PAGE = 100;
const ORIGIN_LOOKBACK = '2026-01-01T00:00:00Z';
const listedOf = (i: { number: number; updated_at: string }): Listed => ({
  number: i.number,
  updated: i.updated_at,
});
const hasNext = (link: string | undefined) => link?.includes('rel="next"') ?? false;

/**
 * GitHub issues have no attachments; "#12" references are not typed links, and there is no remote link.
 * Sub-issues are the hierarchy (github-parents.ts).
 */
export const GITHUB_CAPABILITIES: TrackerCapabilities = {
  attachments: false,
  issueLinks: false,
  partnerLinks: false,
  bulkCreate: false,
  worklogs: false,
  hierarchy: true,
};

export class GitHubTracker implements TrackerPort {
  readonly kind = 'github';
  readonly capabilities = GITHUB_CAPABILITIES;
  private readonly owner: string;
  private readonly name: string;
  private readonly label: string;
  readonly listAttachments: AttachmentMethods['listAttachments'];
  readonly downloadAttachment: AttachmentMethods['downloadAttachment'];
  readonly uploadAttachment: AttachmentMethods['uploadAttachment'];
  readonly deleteAttachment: AttachmentMethods['deleteAttachment'];
  /** A fixed set: issues have no custom fields in the REST API. */
  readonly fieldCatalog = (): Promise<FieldCatalog> => Promise.resolve(GITHUB_FIELDS);
  private readonly now: () => Date;
  private readonly users: UserMapping;
  private milestones: Map<string, number> | undefined;

  constructor(private readonly opts: GitHubTrackerOptions) {
    const [owner = '', name = ''] = opts.repo.split('/');
    if (!owner || !name)
      throw new TrackerError('invalid_request', `"${opts.repo}" is not an owner/repo name`);
    this.owner = owner;
    this.name = name;
    this.label = opts.label ?? `GitHub (${opts.repo})`;
    const files = noAttachments(this.label, 'GitHub issues have no attachments', 'GitHub');
    this.listAttachments = files.listAttachments;
    this.downloadAttachment = files.downloadAttachment;
    this.uploadAttachment = files.uploadAttachment;
    this.deleteAttachment = files.deleteAttachment;
    this.now = opts.now ?? (() => new Date());
    this.users = opts.users ?? { explicit: new Map() };
  }

  private get gh() {
    return this.opts.octokit.rest.issues;
  }

  private get where() {
    return { owner: this.owner, repo: this.name };
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toTrackerError(err, this.label, what, this.now());
    }
  }

  private async page(query: {
    since?: string;
    sort: 'created' | 'updated';
    direction: 'asc' | 'desc';
    page: number;
  }) {
    const res = await this.call('list issues', () =>
      this.gh.listForRepo({ ...this.where, state: 'all', per_page: PAGE, ...query }),
    );
    const raw = z.array(GhIssueSchema).parse(res.data);
    return { raw, issues: raw.filter((i) => !i.pull_request), more: hasNext(res.headers.link) };
  }

  async listUpdatedSince(since: string | undefined, pageToken?: string): Promise<Page<CanonicalIssue>> {
    const cursor = pageToken === undefined ? undefined : decodeCursor(pageToken, this.label);
    const from = cursor?.since ?? since;
    const res = await this.page({
      ...(from === undefined ? {} : { since: from }),
      sort: 'updated',
      direction: 'asc',
      page: cursor?.page ?? 1,
    });
    const items = unseen(res.issues, listedOf, cursor).map((i) => toCanonical(i, this.opts.repo));
    const next = res.more ? nextToken(res.raw.map(listedOf), cursor) : undefined;
    return next === undefined ? { items } : { items, next };
  }

  async getIssues(ids: readonly string[]): Promise<CanonicalIssue[]> {
    const out: CanonicalIssue[] = [];
    for (const id of new Set(ids)) {
      // A parent in another repository (github-parents.ts) is no issue of this connection.
      if (isForeignKey(id)) continue;
      if (parseIssueNumber(id) !== id)
        throw new TrackerError(
          'invalid_request',
          `${this.label}: "${id.slice(0, 40)}" is not an issue number`,
        );
      const issue = await this.issue(id).catch((err: unknown) => {
        if (err instanceof TrackerError && (err.code === 'not_found' || err.status === 410)) return undefined;
        throw err;
      });
      if (issue && !issue.pull_request) out.push(toCanonical(issue, this.opts.repo));
    }
    return out;
  }

  findIssue(ref: string): Promise<IssueLookup> {
    return findByIssueNumber(ref, { what: 'a GitHub issue', where: this.opts.repo }, async (number) => {
      const [issue] = await this.getIssues([number]);
      // GitHub answers for an issue transferred to another repository with that issue (a redirect): it
      // is not this connection's.
      const path = issue ? new URL(issue.url).pathname.toLowerCase() : '';
      return path === `/${this.opts.repo.toLowerCase()}/issues/${number}` ? issue : undefined;
    });
  }

  private async issue(id: string) {
    const res = await this.call(`get issue ${id}`, () =>
      this.gh.get({ ...this.where, issue_number: Number(id) }),
    );
    return GhIssueSchema.parse(res.data);
  }

  async findIssueByOrigin(origin: string, createdSince?: string): Promise<CanonicalIssue | undefined> {
    const since = createdSince ?? ORIGIN_LOOKBACK;
    // `since` filters by update time, a superset of what was created since then; newest first.
    for (let page = 1; ; page += 1) {
      const res = await this.page({ since, sort: 'created', direction: 'desc', page });
      const found = res.issues.find((i) => splitOrigin(i.body ?? '').origin === origin);
      if (found) return toCanonical(found, this.opts.repo);
      const older = res.issues.some((i) => Date.parse(i.created_at) < Date.parse(since) - 60_000);
      if (!res.more || older) return undefined;
    }
  }

  async createIssue(patch: FieldPatch, origin: string): Promise<CreatedIssue> {
    const write = toGhWrite(patch, this.users, this.label, this.opts.markdown ?? {});
    const { milestone, unwritten } = await this.milestoneFor(write.milestone, patch);
    const res = await this.call('create issue', () =>
      this.gh.create({
        ...this.where,
        title: write.title ?? '(no title)',
        body: withOrigin(write.body ?? '', origin),
        ...(write.labels ? { labels: write.labels } : {}),
        ...(write.assignees ? { assignees: write.assignees } : {}),
        ...(milestone ? { milestone } : {}),
      }),
    );
    const created = GhIssueSchema.parse(res.data);
    // A new issue is open; closing is a second write.
    const issue =
      write.state === 'closed'
        ? await this.patch(String(created.number), {
            state: 'closed',
            state_reason: write.state_reason ?? null,
          })
        : created;
    const out = toCanonical(issue, this.opts.repo);
    if (write.parent) {
      const refused = await this.setParent(issue, write.parent);
      if (refused) unwritten.push(refused);
      else
        out.hierarchy = { parent: { id: write.parent, key: `${this.opts.repo}#${write.parent}` }, level: 0 };
    }
    return unwritten.length === 0 ? out : { ...out, unwritten };
  }

  async updateIssue(id: string, patch: FieldPatch): Promise<FieldPatch> {
    const {
      milestone: title,
      parent,
      ...write
    } = toGhWrite(patch, this.users, this.label, this.opts.markdown ?? {});
    const { milestone, unwritten } = await this.milestoneFor(title, patch);
    if (write.body !== undefined) {
      // The body is replaced whole: keep the origin marker, or a retried create would not find this issue.
      const { origin } = splitOrigin((await this.issue(id)).body ?? '');
      if (origin !== undefined) write.body = withOrigin(write.body, origin);
    }
    const written = (path: string) => path !== PARENT_PATH && !unwritten.some((u) => u.path === path);
    const held =
      Object.keys(write).length === 0 && milestone === undefined
        ? heldValues({}, patch, written)
        : heldValues(
            toCanonical(await this.patch(id, write, milestone), this.opts.repo).fields,
            patch,
            written,
          );
    if (parent !== undefined) {
      const refused = await this.setParent(await this.issue(id), parent);
      // The parent is not a field of the canonical issue: what was set is what GitHub holds.
      if (refused) unwritten.push(refused);
      else held[PARENT_PATH] = parent;
    }
    // The rest is written; what could not be is named on the pair (as Jira's versions are).
    if (unwritten.length > 0) throw new PartialWriteError(held, unwritten, 'invalid_request');
    return held;
  }

  /**
   * Puts the issue under the parent with this number, or out from under its parent (null); nothing when it
   * is already there. GitHub's refusal (a parent in a tree too deep, an issue that would be its own
   * ancestor: 422) is answered as unwritten; a limit or an outage is thrown, to retry.
   */
  private async setParent(issue: GhIssue, parent: string | null): Promise<UnwrittenField | undefined> {
    const current = parentOf(issue.parent_issue_url, this.opts.repo);
    if ((current?.id ?? null) === parent) return undefined;
    const target = { owner: this.owner, repo: this.name, childId: issue.id };
    try {
      if (parent !== null) {
        const to = Number(parent);
        await this.call(`put issue ${issue.number} under ${parent}`, () =>
          addSubIssue(this.opts.octokit, { ...target, parent: to }),
        );
      } else if (current) {
        // A parent in another repository of the owner is removed there.
        const [where = '', number = ''] = current.id.includes('#')
          ? current.id.split('#')
          : [this.opts.repo, current.id];
        const [owner = '', repo = ''] = where.split('/');
        await this.call(`take issue ${issue.number} from under ${current.key}`, () =>
          removeSubIssue(this.opts.octokit, { owner, repo, parent: Number(number), childId: issue.id }),
        );
      }
      return undefined;
    } catch (err) {
      if (err instanceof TrackerError && !err.isRetryable) return { path: PARENT_PATH, message: err.message };
      throw err;
    }
  }

  private async patch(id: string, write: Omit<GhWrite, 'milestone'>, milestone?: number | null) {
    const { state_reason, ...rest } = write;
    const res = await this.call(`update issue ${id}`, () =>
      this.gh.update({
        ...this.where,
        issue_number: Number(id),
        ...rest,
        // GitHub ignores a reason unless the state changes with it.
        ...(state_reason === undefined || rest.state === undefined ? {} : { state_reason }),
        ...(milestone === undefined ? {} : { milestone }),
      }),
    );
    return GhIssueSchema.parse(res.data);
  }

  /**
   * The milestone number a write names (null clears it), or why it cannot be written: a title the
   * repository lacks is created only when the rule says so (createMissing), else named as unwritten.
   */
  private async milestoneFor(
    title: string | null | undefined,
    patch: FieldPatch,
  ): Promise<{ milestone?: number | null; unwritten: UnwrittenField[] }> {
    if (title === undefined) return { unwritten: [] };
    if (title === null) return { milestone: null, unwritten: [] };
    const number = await this.milestoneNumber(title);
    if (number !== undefined) return { milestone: number, unwritten: [] };
    const path =
      Object.keys(patch).find((p) => p === 'milestone' || p.startsWith('milestone.')) ?? 'milestone';
    return { unwritten: [{ path, message: missingMilestone(this.label, title) }] };
  }

  /**
   * A milestone's number by title, open or closed ("List milestones", `state=all`,
   * https://docs.github.com/en/rest/issues/milestones#list-milestones); titles are unique in a repository.
   * The list is kept for the tracker's life and read again on a miss, since people add milestones. A title
   * still missing is created ("Create a milestone") with createMissing, else undefined.
   */
  private async milestoneNumber(title: string): Promise<number | undefined> {
    const cached = this.milestones?.get(title);
    if (cached !== undefined) return cached;
    const all = await this.call('list milestones', () =>
      this.opts.octokit.paginate(this.gh.listMilestones, { ...this.where, state: 'all', per_page: PAGE }),
    );
    this.milestones = new Map(
      z
        .array(GhMilestoneSchema)
        .parse(all)
        .map((m) => [m.title, m.number]),
    );
    const known = this.milestones.get(title);
    if (known !== undefined || !this.opts.createMissingMilestones) return known;
    const res = await this.call('create milestone', () => this.gh.createMilestone({ ...this.where, title }));
    const created = GhMilestoneSchema.parse(res.data);
    this.milestones.set(title, created.number);
    return created.number;
  }

  async listComments(issueId: string): Promise<CanonicalComment[]> {
    const all = await this.call(`list comments of ${issueId}`, () =>
      this.opts.octokit.paginate(this.gh.listComments, {
        ...this.where,
        issue_number: Number(issueId),
        per_page: PAGE,
      }),
    );
    return z.array(GhCommentSchema).parse(all).map(toComment);
  }

  async addComment(
    issueId: string,
    body: Json,
    origin: string,
    attribution?: string,
  ): Promise<CanonicalComment> {
    const text = withOrigin(withAttribution(toMarkdown(body, this.opts.markdown), attribution), origin);
    const res = await this.call(`comment on ${issueId}`, () =>
      this.gh.createComment({ ...this.where, issue_number: Number(issueId), body: text }),
    );
    return toComment(GhCommentSchema.parse(res.data));
  }

  async updateComment(_issueId: string, commentId: string, body: Json, attribution?: string): Promise<void> {
    const current = await this.call(`get comment ${commentId}`, () =>
      this.gh.getComment({ ...this.where, comment_id: Number(commentId) }),
    );
    const { origin } = splitOrigin(GhCommentSchema.parse(current.data).body ?? '');
    const text = withAttribution(toMarkdown(body, this.opts.markdown), attribution);
    await this.call(`update comment ${commentId}`, () =>
      this.gh.updateComment({
        ...this.where,
        comment_id: Number(commentId),
        body: origin === undefined ? text : withOrigin(text, origin),
      }),
    );
  }

  async deleteComment(_issueId: string, commentId: string): Promise<void> {
    await this.call(`delete comment ${commentId}`, () =>
      this.gh.deleteComment({ ...this.where, comment_id: Number(commentId) }),
    );
  }
}
