import type { PermissionKey } from './domain/permissions';
import type { Project, Status } from './state';

/**
 * Jira's built-in configuration, identical on every emulated site. Ids are Jira Cloud's defaults so that
 * fixtures copied from a real site keep working.
 */

export interface StatusCategoryDef {
  readonly id: number;
  readonly key: 'new' | 'indeterminate' | 'done';
  readonly name: string;
  readonly colorName: string;
}

export const STATUS_CATEGORIES: readonly StatusCategoryDef[] = [
  { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  { id: 3, key: 'done', name: 'Done', colorName: 'green' },
];

export function statusCategory(key: StatusCategoryDef['key']): StatusCategoryDef {
  const found = STATUS_CATEGORIES.find((c) => c.key === key);
  if (!found) throw new Error(`unknown status category ${key}`);
  return found;
}

export const DEFAULT_STATUSES: readonly Status[] = [
  { id: '10000', name: 'To Do', description: 'Work that has not been started.', categoryKey: 'new' },
  {
    id: '10001',
    name: 'In Progress',
    description: 'The issue is currently being worked on.',
    categoryKey: 'indeterminate',
  },
  { id: '10002', name: 'Done', description: 'Work has been completed on this issue.', categoryKey: 'done' },
  { id: '10003', name: "Won't Do", description: 'Work that will not be done.', categoryKey: 'done' },
];

/** Jira Cloud's default resolutions (https://support.atlassian.com/jira-cloud-administration/docs/what-are-issue-statuses-priorities-and-resolutions/). */
export const RESOLUTIONS = [
  { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
  { id: '10001', name: "Won't Do", description: 'This issue will not be actioned.' },
  { id: '10002', name: 'Duplicate', description: 'The problem is a duplicate of an existing issue.' },
  { id: '10003', name: 'Cannot Reproduce', description: 'This issue could not be reproduced.' },
] as const;

export function resolutionById(id: string): (typeof RESOLUTIONS)[number] {
  return RESOLUTIONS.find((r) => r.id === id) ?? RESOLUTIONS[0];
}

/** To Do → In Progress → Done and back, one step at a time; transitions are named after their target status. */
export function defaultWorkflow(): Project['workflow'] {
  return {
    initialStatusId: '10000',
    statusIds: ['10000', '10001', '10002'],
    transitions: [
      { id: '11', name: 'To Do', from: ['10001'], to: '10000' },
      { id: '21', name: 'In Progress', from: ['10000', '10002'], to: '10001' },
      { id: '31', name: 'Done', from: ['10001'], to: '10002' },
    ],
  };
}

/**
 * The demo's local workflow: the default one, plus a global "Won't Do" that any status may take, and a
 * way back from it.
 */
export function demoLocalWorkflow(): Project['workflow'] {
  const base = defaultWorkflow();
  return {
    ...base,
    statusIds: [...base.statusIds, '10003'],
    transitions: [
      ...base.transitions.map((t) => (t.id === '21' ? { ...t, from: [...t.from, '10003'] } : t)),
      { id: '41', name: "Won't Do", from: [], to: '10003', global: true },
    ],
  };
}

/**
 * The demo partner's workflow: To Do → In Progress → Done only, Done's screen requiring a resolution, and
 * a "Won't Do" status that the workflow holds but no transition reaches (a status left behind when a
 * transition was deleted, which Jira allows: https://support.atlassian.com/jira-cloud-administration/docs/work-with-issue-workflows/).
 */
export function demoPartnerWorkflow(): Project['workflow'] {
  return {
    initialStatusId: '10000',
    statusIds: ['10000', '10001', '10002', '10003'],
    transitions: [
      { id: '11', name: 'Back to To Do', from: ['10001'], to: '10000' },
      { id: '21', name: 'Start work', from: ['10000', '10002'], to: '10001' },
      {
        id: '31',
        name: 'Resolve',
        from: ['10001'],
        to: '10002',
        screen: [{ fieldId: 'resolution', required: true }],
      },
    ],
  };
}

export interface PriorityDef {
  readonly id: string;
  readonly name: string;
  readonly statusColor: string;
  readonly isDefault: boolean;
}

export const PRIORITIES: readonly PriorityDef[] = [
  { id: '1', name: 'Highest', statusColor: '#d04437', isDefault: false },
  { id: '2', name: 'High', statusColor: '#f15C75', isDefault: false },
  { id: '3', name: 'Medium', statusColor: '#f79232', isDefault: true },
  { id: '4', name: 'Low', statusColor: '#707070', isDefault: false },
  { id: '5', name: 'Lowest', statusColor: '#999999', isDefault: false },
];
export const DEFAULT_PRIORITY_ID = '3';

export interface IssueTypeDef {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /**
   * Jira Cloud's default hierarchy (Atlassian, "What are issue types?": Epic, then Story/Task/Bug, then
   * Subtask; `IssueTypeDetails.hierarchyLevel` in the platform OpenAPI): 1 epic, 0 standard, -1 sub-task.
   */
  readonly hierarchyLevel: 1 | 0 | -1;
  /** `IssueTypeDetails.subtask`: "Whether this issue type is used to create subtasks." */
  readonly subtask: boolean;
}

export const ISSUE_TYPES: readonly IssueTypeDef[] = [
  {
    id: '10001',
    name: 'Task',
    description: 'A small, distinct piece of work.',
    hierarchyLevel: 0,
    subtask: false,
  },
  { id: '10002', name: 'Bug', description: 'A problem or error.', hierarchyLevel: 0, subtask: false },
  { id: '10003', name: 'Story', description: 'A user story.', hierarchyLevel: 0, subtask: false },
  {
    id: '10000',
    name: 'Epic',
    description: 'A big user story that needs to be broken down.',
    hierarchyLevel: 1,
    subtask: false,
  },
  {
    id: '10004',
    name: 'Subtask',
    description: 'A small piece of work that is part of a larger task.',
    hierarchyLevel: -1,
    subtask: true,
  },
];

export const issueTypeById = (id: string): IssueTypeDef | undefined => ISSUE_TYPES.find((t) => t.id === id);

export interface LinkTypeDef {
  readonly id: string;
  readonly name: string;
  readonly inward: string;
  readonly outward: string;
}

export const LINK_TYPES: readonly LinkTypeDef[] = [
  { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
];

export interface SystemFieldDef {
  readonly id: string;
  readonly name: string;
  readonly schemaType: string;
  readonly items?: string;
  /** Part of `*navigable`; `comment` is not, as in Jira. */
  readonly navigable: boolean;
}

export const SYSTEM_FIELDS: readonly SystemFieldDef[] = [
  { id: 'summary', name: 'Summary', schemaType: 'string', navigable: true },
  { id: 'description', name: 'Description', schemaType: 'string', navigable: true },
  { id: 'issuetype', name: 'Issue Type', schemaType: 'issuetype', navigable: true },
  { id: 'project', name: 'Project', schemaType: 'project', navigable: true },
  { id: 'status', name: 'Status', schemaType: 'status', navigable: true },
  { id: 'priority', name: 'Priority', schemaType: 'priority', navigable: true },
  { id: 'labels', name: 'Labels', schemaType: 'array', items: 'string', navigable: true },
  { id: 'assignee', name: 'Assignee', schemaType: 'user', navigable: true },
  { id: 'reporter', name: 'Reporter', schemaType: 'user', navigable: true },
  { id: 'creator', name: 'Creator', schemaType: 'user', navigable: true },
  { id: 'created', name: 'Created', schemaType: 'datetime', navigable: true },
  { id: 'updated', name: 'Updated', schemaType: 'datetime', navigable: true },
  { id: 'resolution', name: 'Resolution', schemaType: 'resolution', navigable: true },
  { id: 'resolutiondate', name: 'Resolved', schemaType: 'datetime', navigable: true },
  {
    id: 'statuscategorychangedate',
    name: 'Status Category Changed',
    schemaType: 'datetime',
    navigable: true,
  },
  { id: 'parent', name: 'Parent', schemaType: 'issuelink', navigable: true },
  { id: 'subtasks', name: 'Sub-tasks', schemaType: 'array', items: 'issuelinks', navigable: true },
  { id: 'issuelinks', name: 'Linked Issues', schemaType: 'array', items: 'issuelinks', navigable: true },
  { id: 'attachment', name: 'Attachment', schemaType: 'array', items: 'attachment', navigable: true },
  { id: 'comment', name: 'Comment', schemaType: 'comments-page', navigable: false },
  { id: 'worklog', name: 'Log Work', schemaType: 'array', items: 'worklog', navigable: false },
  // The fields domain/typed-fields.ts reads and writes.
  { id: 'fixVersions', name: 'Fix versions', schemaType: 'array', items: 'version', navigable: true },
  { id: 'versions', name: 'Affects versions', schemaType: 'array', items: 'version', navigable: true },
  { id: 'components', name: 'Components', schemaType: 'array', items: 'component', navigable: true },
  { id: 'duedate', name: 'Due date', schemaType: 'date', navigable: true },
  { id: 'timetracking', name: 'Time tracking', schemaType: 'timetracking', navigable: false },
];

/** Project permissions the emulator knows; ADMINISTER is global. */
export const PERMISSIONS: readonly {
  readonly key: PermissionKey;
  readonly name: string;
  readonly type: 'GLOBAL' | 'PROJECT';
}[] = [
  { key: 'ADMINISTER', name: 'Administer Jira', type: 'GLOBAL' },
  { key: 'ADMINISTER_PROJECTS', name: 'Administer Projects', type: 'PROJECT' },
  { key: 'BROWSE_PROJECTS', name: 'Browse Projects', type: 'PROJECT' },
  { key: 'CREATE_ISSUES', name: 'Create Issues', type: 'PROJECT' },
  { key: 'EDIT_ISSUES', name: 'Edit Issues', type: 'PROJECT' },
  { key: 'DELETE_ISSUES', name: 'Delete Issues', type: 'PROJECT' },
  { key: 'TRANSITION_ISSUES', name: 'Transition Issues', type: 'PROJECT' },
  { key: 'ASSIGN_ISSUES', name: 'Assign Issues', type: 'PROJECT' },
  { key: 'ADD_COMMENTS', name: 'Add Comments', type: 'PROJECT' },
  { key: 'EDIT_ALL_COMMENTS', name: 'Edit All Comments', type: 'PROJECT' },
  { key: 'EDIT_OWN_COMMENTS', name: 'Edit Own Comments', type: 'PROJECT' },
  { key: 'DELETE_ALL_COMMENTS', name: 'Delete All Comments', type: 'PROJECT' },
  { key: 'DELETE_OWN_COMMENTS', name: 'Delete Own Comments', type: 'PROJECT' },
  { key: 'CREATE_ATTACHMENTS', name: 'Create Attachments', type: 'PROJECT' },
  { key: 'DELETE_ALL_ATTACHMENTS', name: 'Delete All Attachments', type: 'PROJECT' },
  { key: 'LINK_ISSUES', name: 'Link Issues', type: 'PROJECT' },
];
