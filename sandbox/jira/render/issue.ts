import { SYSTEM_FIELDS } from '../catalog';
import { adfToHtml } from '../adf/adf-text';
import type { Site } from '../site';
import type { Issue } from '../state';
import { formatJiraTime } from '../time';
import { childrenOf, isSubtask } from '../domain/hierarchy';
import { epicLinkValue, hasEpicLink } from '../domain/epic-link';
import {
  renderAttachment,
  renderComment,
  renderHistory,
  renderIssueLinkFrom,
  renderLinkedIssue,
} from './issue-parts';
import { renderIssueTypeById, renderPriorityById, renderProjectRef, renderStatus } from './meta';
import { renderUserById } from './user';
import { renderWorklog } from './worklog';
import { availableTransitions, renderTransition } from './transitions';
import { resolutionById } from '../catalog';
import { isTypedSystemField, renderTypedField } from '../domain/typed-fields';

export interface IssueView {
  readonly fields: ReadonlySet<string>;
  readonly expand: ReadonlySet<string>;
  readonly properties: readonly string[];
}

/** How many worklogs the issue's `worklog` field holds; the total says whether there are more. */
const ISSUE_FIELD_WORKLOGS = 20;

const ISSUE_EXPAND = 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations';

function renderField(site: Site, issue: Issue, id: string): unknown {
  switch (id) {
    case 'summary':
      return issue.summary;
    case 'description':
      return issue.description;
    case 'issuetype':
      return renderIssueTypeById(site, issue.issueTypeId);
    case 'project':
      return renderProjectRef(site, site.projectOf(issue));
    case 'status':
      return renderStatus(site, site.status(issue.statusId));
    case 'priority':
      return renderPriorityById(site, issue.priorityId);
    case 'labels':
      return issue.labels;
    case 'assignee':
      return renderUserById(site, issue.assigneeId);
    case 'reporter':
      return renderUserById(site, issue.reporterId);
    case 'creator':
      return renderUserById(site, issue.creatorId);
    case 'created':
      return formatJiraTime(issue.created);
    case 'updated':
      return formatJiraTime(issue.updated);
    case 'statuscategorychangedate':
      return formatJiraTime(issue.statusCategoryChanged);
    case 'resolutiondate':
      return issue.resolutionDate === null ? null : formatJiraTime(issue.resolutionDate);
    case 'resolution':
      if (issue.resolutionDate === null) return null;
      return (({ id, name, description }) => ({
        self: `${site.api}/resolution/${id}`,
        id,
        description,
        name,
      }))(resolutionById(issue.resolutionId ?? '10000'));
    case 'parent': {
      // Absent, not null, when the issue has no parent (as Jira Cloud answers). On Data Center only a sub-task
      // has one: a standard issue's epic is its Epic Link (domain/epic-link.ts).
      if (site.dataCenter && !isSubtask(issue)) return undefined;
      const parent = issue.parentId ? site.issueById(issue.parentId) : undefined;
      return parent ? renderLinkedIssue(site, parent) : undefined;
    }
    case 'subtasks':
      return childrenOf(site, issue)
        .filter(isSubtask)
        .map((c) => renderLinkedIssue(site, c));
    case 'issuelinks':
      return site.linksOf(issue.id).flatMap((l) => renderIssueLinkFrom(site, l, issue) ?? []);
    case 'attachment':
      return site.attachmentsOf(issue.id).map((a) => renderAttachment(site, a));
    case 'comment': {
      const comments = site.commentsOf(issue.id).map((c) => renderComment(site, c));
      return {
        comments,
        self: `${site.api}/issue/${issue.id}/comment`,
        maxResults: comments.length,
        total: comments.length,
        startAt: 0,
      };
    }
    case 'worklog': {
      // The issue's `worklog` field is a PageOfWorklogs holding at most the first 20, without their
      // properties; getIssueWorklog pages the rest (Jira Cloud REST v3, "Get issue worklogs").
      const all = site.worklogsOf(issue.id);
      return {
        startAt: 0,
        maxResults: ISSUE_FIELD_WORKLOGS,
        total: all.length,
        worklogs: all.slice(0, ISSUE_FIELD_WORKLOGS).map((w) => renderWorklog(site, w)),
      };
    }
    default:
      if (hasEpicLink(site, id)) return epicLinkValue(site, issue);
      return isTypedSystemField(id) || site.customField(id)
        ? renderTypedField(site, issue.id, issue.customFields[id], id)
        : null;
  }
}

function fieldName(site: Site, id: string): string {
  return SYSTEM_FIELDS.find((f) => f.id === id)?.name ?? site.customField(id)?.name ?? id;
}

/** An `IssueBean` as GET issue and search return it. */
export function renderIssue(site: Site, issue: Issue, view: IssueView): Record<string, unknown> {
  const out: Record<string, unknown> = {
    expand: ISSUE_EXPAND,
    id: issue.id,
    self: `${site.api}/issue/${issue.id}`,
    key: issue.key,
  };
  if (view.fields.size > 0) {
    out.fields = Object.fromEntries(
      [...view.fields].flatMap((id) => {
        const value = renderField(site, issue, id);
        return value === undefined ? [] : [[id, value]];
      }),
    );
  }
  if (view.expand.has('renderedFields')) {
    out.renderedFields = Object.fromEntries(
      [...view.fields].map((id) => [id, id === 'description' ? adfToHtml(issue.description) : null]),
    );
  }
  if (view.expand.has('names')) {
    out.names = Object.fromEntries([...view.fields].map((id) => [id, fieldName(site, id)]));
  }
  if (view.expand.has('transitions')) {
    out.transitions = availableTransitions(site, issue).map((t) => renderTransition(site, t));
  }
  if (view.expand.has('changelog')) {
    out.changelog = {
      startAt: 0,
      maxResults: issue.history.length,
      total: issue.history.length,
      histories: issue.history.map((h) => renderHistory(site, h)),
    };
  }
  if (view.properties.length > 0) {
    const wanted = view.properties.includes('*all') ? Object.keys(issue.properties) : view.properties;
    out.properties = Object.fromEntries(
      wanted.flatMap((k) => (k in issue.properties ? [[k, issue.properties[k]]] : [])),
    );
  }
  return out;
}
