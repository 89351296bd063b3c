import { ISSUE_TYPES, PRIORITIES, statusCategory, type IssueTypeDef, type PriorityDef } from '../catalog';
import type { Site } from '../site';
import type { Project, Status } from '../state';
import { renderUser } from './user';

export function renderStatusCategory(site: Site, key: Status['categoryKey']): Record<string, unknown> {
  const c = statusCategory(key);
  return {
    self: `${site.api}/statuscategory/${c.id}`,
    id: c.id,
    key: c.key,
    colorName: c.colorName,
    name: c.name,
  };
}

export function renderStatus(site: Site, status: Status): Record<string, unknown> {
  return {
    self: `${site.api}/status/${status.id}`,
    description: status.description,
    iconUrl: `${site.baseUrl}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: renderStatusCategory(site, status.categoryKey),
  };
}

export function renderPriority(site: Site, priority: PriorityDef): Record<string, unknown> {
  return {
    self: `${site.api}/priority/${priority.id}`,
    iconUrl: `${site.baseUrl}/images/icons/priorities/${priority.name.toLowerCase()}.svg`,
    name: priority.name,
    id: priority.id,
  };
}

export function renderPriorityById(site: Site, id: string): Record<string, unknown> | null {
  const priority = PRIORITIES.find((p) => p.id === id);
  return priority ? renderPriority(site, priority) : null;
}

export function renderIssueType(site: Site, type: IssueTypeDef): Record<string, unknown> {
  return {
    self: `${site.api}/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${site.baseUrl}/images/icons/issuetypes/${type.name.toLowerCase()}.svg`,
    name: type.name,
    subtask: type.subtask,
    avatarId: 10318,
    // Data Center's IssueType bean has no hierarchyLevel (Jira Server REST API 2, issuetype): only `subtask`.
    ...(site.dataCenter ? {} : { hierarchyLevel: type.hierarchyLevel }),
  };
}

export function renderIssueTypeById(site: Site, id: string): Record<string, unknown> | null {
  const type = ISSUE_TYPES.find((t) => t.id === id);
  return type ? renderIssueType(site, type) : null;
}

function projectAvatars(site: Site, project: Project): Record<string, string> {
  const base = `${site.baseUrl}/secure/projectavatar?pid=${project.id}`;
  return {
    '48x48': base,
    '24x24': `${base}&size=small`,
    '16x16': `${base}&size=xsmall`,
    '32x32': `${base}&size=medium`,
  };
}

/** The short form embedded in an issue's `project` field. */
export function renderProjectRef(site: Site, project: Project): Record<string, unknown> {
  return {
    self: `${site.api}/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    simplified: false,
    avatarUrls: projectAvatars(site, project),
  };
}

/** `GET /project/{key}`: the full form, with lead and issue types. */
export function renderProject(site: Site, project: Project): Record<string, unknown> {
  const lead = site.user(project.leadAccountId);
  return {
    ...renderProjectRef(site, project),
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    description: '',
    ...(lead ? { lead: renderUser(site, lead) } : {}),
    issueTypes: ISSUE_TYPES.filter((t) => project.issueTypeIds.includes(t.id)).map((t) =>
      renderIssueType(site, t),
    ),
    assigneeType: 'UNASSIGNED',
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
}
