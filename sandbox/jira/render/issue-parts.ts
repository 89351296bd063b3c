import { LINK_TYPES, PRIORITIES, type LinkTypeDef } from '../catalog';
import { adfToHtml } from '../adf/adf-text';
import type { Site } from '../site';
import type { Attachment, Comment, History, Issue, IssueLink } from '../state';
import { formatJiraTime } from '../time';
import { renderIssueTypeById, renderPriority, renderStatus } from './meta';
import { renderUserById } from './user';

export function renderComment(
  site: Site,
  comment: Comment,
  opts: { renderedBody?: boolean; properties?: boolean } = {},
): Record<string, unknown> {
  return {
    self: `${site.api}/issue/${comment.issueId}/comment/${comment.id}`,
    id: comment.id,
    author: renderUserById(site, comment.authorId),
    body: comment.body,
    ...(opts.renderedBody ? { renderedBody: adfToHtml(comment.body) } : {}),
    updateAuthor: renderUserById(site, comment.updateAuthorId),
    created: formatJiraTime(comment.created),
    updated: formatJiraTime(comment.updated),
    ...(comment.visibility ? { visibility: comment.visibility } : {}),
    jsdPublic: true,
    ...(opts.properties
      ? { properties: Object.entries(comment.properties).map(([key, value]) => ({ key, value })) }
      : {}),
  };
}

/** The `Attachment` shape of the issue's `attachment` field and of the upload response (id is a string here). */
export function renderAttachment(site: Site, attachment: Attachment): Record<string, unknown> {
  return {
    self: `${site.api}/attachment/${attachment.id}`,
    id: attachment.id,
    filename: attachment.filename,
    author: renderUserById(site, attachment.authorId),
    created: formatJiraTime(attachment.created),
    size: attachment.size,
    mimeType: attachment.mimeType,
    content: attachmentContentUrl(site, attachment),
  };
}

/** Where the bytes are: Cloud's content endpoint, or Data Center's `/secure/attachment` servlet. */
export function attachmentContentUrl(site: Site, attachment: Attachment): string {
  return site.dataCenter
    ? `${site.baseUrl}/secure/attachment/${attachment.id}/${encodeURIComponent(attachment.filename)}`
    : `${site.api}/attachment/content/${attachment.id}`;
}

export function linkType(id: string): LinkTypeDef {
  const type = LINK_TYPES.find((t) => t.id === id);
  if (!type) throw new Error(`unknown link type ${id}`);
  return type;
}

export function renderLinkType(site: Site, type: LinkTypeDef): Record<string, unknown> {
  return {
    id: type.id,
    name: type.name,
    inward: type.inward,
    outward: type.outward,
    self: `${site.api}/issueLinkType/${type.id}`,
  };
}

/** The few fields Jira embeds about the other end of a link. */
export function renderLinkedIssue(site: Site, issue: Issue): Record<string, unknown> {
  const priority = PRIORITIES.find((p) => p.id === issue.priorityId);
  return {
    id: issue.id,
    key: issue.key,
    self: `${site.api}/issue/${issue.id}`,
    fields: {
      summary: issue.summary,
      status: renderStatus(site, site.status(issue.statusId)),
      ...(priority ? { priority: renderPriority(site, priority) } : {}),
      issuetype: renderIssueTypeById(site, issue.issueTypeId),
    },
  };
}

/** An entry of `fields.issuelinks`, seen from `issue`: the other end is outward when `issue` is the source. */
export function renderIssueLinkFrom(
  site: Site,
  link: IssueLink,
  issue: Issue,
): Record<string, unknown> | undefined {
  const outward = link.sourceIssueId === issue.id;
  const other = site.issueById(outward ? link.destinationIssueId : link.sourceIssueId);
  if (!other) return undefined;
  return {
    id: link.id,
    self: `${site.api}/issueLink/${link.id}`,
    type: renderLinkType(site, linkType(link.typeId)),
    [outward ? 'outwardIssue' : 'inwardIssue']: renderLinkedIssue(site, other),
  };
}

export function renderHistory(site: Site, history: History): Record<string, unknown> {
  return {
    id: history.id,
    author: renderUserById(site, history.authorAccountId),
    created: formatJiraTime(history.created),
    items: history.items,
  };
}
