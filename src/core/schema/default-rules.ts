/**
 * The rule set a new connection starts with, per remote kind: the fields both sides share, two-way, with
 * the remote side winning a true conflict (trackersync's default), labels merged, people through the
 * connection's user map, every comment, files where the remote tracker has them (GitHub and GitLab issues
 * have no attachment list), work logs and the hierarchy with Redmine and, between Jira sites, also issue
 * types, issue links, fix versions, components and the due date. Status maps assume
 * Jira's default workflow (To Do, In Progress, Done); an admin with another workflow edits the map.
 */
import type { ConnectionInput, TrackerKind } from './connection';

type Rules = ConnectionInput['rules'];

export const JIRA_TO_JIRA_RULES: Rules = [
  { kind: 'two-way', local: 'summary', remote: 'summary' },
  { kind: 'two-way', local: 'description', remote: 'description' },
  // A workflow whose Done transition asks for a resolution gets Done, whichever side the status came from.
  {
    kind: 'two-way',
    local: 'status.name',
    remote: 'status.name',
    screenFields: { resolution: { default: 'Done' } },
  },
  { kind: 'two-way', local: 'priority.name', remote: 'priority.name' },
  { kind: 'two-way', local: 'labels', remote: 'labels', mergeSets: true },
  // Both sites with Jira's default issue types: a copy is made with its original's type, and a type change
  // follows where Jira allows it by edit (a sub-task stays a sub-task). Other schemes add a value map.
  { kind: 'two-way', local: 'issuetype.name', remote: 'issuetype.name' },
  { kind: 'messages', allOutgoing: true },
  { kind: 'files' },
  { kind: 'links' },
  // Epics, their children and sub-tasks keep their tree; parents outside the sync are not copied.
  { kind: 'hierarchy' },
  // Time booked on either site, once on the other, to the nearest minute, deleted with its original.
  { kind: 'worklogs' },
  // Versions and components by name, merged like labels. One the other project lacks is an error on the
  // pair naming it: creating it there is the admin's choice (createMissing), not a default.
  { kind: 'two-way', local: 'fixVersions', remote: 'fixVersions', mergeSets: true },
  { kind: 'two-way', local: 'components', remote: 'components', mergeSets: true },
  { kind: 'two-way', local: 'duedate', remote: 'duedate' },
];

/**
 * GitHub's `status` is its state and state_reason as one value (open, completed, not_planned, duplicate),
 * because GitHub changes a reason only together with the state: two rules would keep rewriting a reason
 * GitHub ignores. Closed for any reason is Done; Done goes out as completed; any other status is open.
 */
export const JIRA_TO_GITHUB_RULES: Rules = [
  { kind: 'two-way', local: 'summary', remote: 'title' },
  { kind: 'two-way', local: 'description', remote: 'body' },
  {
    kind: 'two-way',
    local: 'status.name',
    remote: 'status',
    map: [
      { local: 'Done', remote: 'completed' },
      { local: 'Done', remote: 'not_planned' },
      { local: 'Done', remote: 'duplicate' },
      { local: 'To Do', remote: 'open' },
      { local: '*', remote: 'open' },
    ],
  },
  { kind: 'two-way', local: 'labels', remote: 'labels', mergeSets: true },
  { kind: 'two-way', local: 'assignee', remote: 'assignee' },
  { kind: 'messages', allOutgoing: true },
];

export const JIRA_TO_GITLAB_RULES: Rules = [
  { kind: 'two-way', local: 'summary', remote: 'title' },
  { kind: 'two-way', local: 'description', remote: 'description' },
  {
    kind: 'two-way',
    local: 'status.name',
    remote: 'state',
    map: [
      { local: 'Done', remote: 'closed' },
      { local: 'To Do', remote: 'opened' },
      { local: '*', remote: 'opened' },
    ],
  },
  { kind: 'two-way', local: 'labels', remote: 'labels', mergeSets: true },
  { kind: 'two-way', local: 'assignee', remote: 'assignee' },
  { kind: 'messages', allOutgoing: true },
];

/**
 * Redmine's default statuses and priorities (New … Rejected, Low … Immediate); it has no labels. New
 * connections only: a saved connection keeps the rules it was saved with.
 */
export const JIRA_TO_REDMINE_RULES: Rules = [
  { kind: 'two-way', local: 'summary', remote: 'subject' },
  { kind: 'two-way', local: 'description', remote: 'description' },
  {
    kind: 'two-way',
    local: 'status.name',
    remote: 'status.name',
    map: [
      { local: 'To Do', remote: 'New' },
      { local: 'In Progress', remote: 'In Progress' },
      { local: 'Done', remote: 'Closed' },
      { local: 'Done', remote: 'Resolved' },
      { local: 'Done', remote: 'Rejected' },
      { local: 'To Do', remote: 'Feedback' },
      { local: '*', remote: 'In Progress' },
    ],
  },
  {
    kind: 'two-way',
    local: 'priority.name',
    remote: 'priority.name',
    map: [
      { local: 'Highest', remote: 'Immediate' },
      { local: 'Highest', remote: 'Urgent' },
      { local: 'High', remote: 'High' },
      { local: 'Medium', remote: 'Normal' },
      { local: 'Low', remote: 'Low' },
      { local: 'Lowest', remote: 'Low' },
    ],
  },
  { kind: 'two-way', local: 'assignee', remote: 'assigned_to' },
  { kind: 'messages', allOutgoing: true },
  { kind: 'files' },
  // Time entries (decimal hours on a day) and parent tasks, as between Jira sites (redmine-time-entries.ts
  // says what a time entry cannot hold of a worklog).
  { kind: 'worklogs' },
  { kind: 'hierarchy' },
  // Not the target version: Redmine holds one, Jira a list, and a list does not fit one value both ways
  // (rule-fields.ts refuses the rule). An admin may add it one way, from Redmine's fixed_version.name.
];

/**
 * Gropius: state, priority and type are values of the project's issue template, here those of a template
 * with Open / In Progress / Closed, Low / Medium / High and Bug / Feature / Task; an admin whose templates
 * name them otherwise edits the maps (a name the template lacks is refused when written, naming the ones it
 * has). The type goes out only: changing a Jira issue's type is a move, not an edit. Gropius issues have no
 * file attachments.
 */
export const JIRA_TO_GROPIUS_RULES: Rules = [
  { kind: 'two-way', local: 'summary', remote: 'title' },
  { kind: 'two-way', local: 'description', remote: 'description' },
  {
    kind: 'two-way',
    local: 'status.name',
    remote: 'state.name',
    map: [
      { local: 'To Do', remote: 'Open' },
      { local: 'In Progress', remote: 'In Progress' },
      { local: 'Done', remote: 'Closed' },
      { local: '*', remote: 'In Progress' },
    ],
  },
  {
    kind: 'two-way',
    local: 'priority.name',
    remote: 'priority.name',
    map: [
      { local: 'Highest', remote: 'High' },
      { local: 'High', remote: 'High' },
      { local: 'Medium', remote: 'Medium' },
      { local: 'Low', remote: 'Low' },
      { local: 'Lowest', remote: 'Low' },
    ],
  },
  {
    kind: 'to-remote',
    local: 'issuetype.name',
    remote: 'type.name',
    map: [
      { local: 'Bug', remote: 'Bug' },
      { local: 'Story', remote: 'Feature' },
      { local: '*', remote: 'Task' },
    ],
  },
  { kind: 'two-way', local: 'labels', remote: 'labels', mergeSets: true },
  { kind: 'messages', allOutgoing: true },
];

/**
 * Azure DevOps' Agile process: New, Active, Resolved, Closed (and Removed), priorities 1 (highest) to 4.
 * Resolved and Closed are both Done; Done goes out as Closed. Area and iteration paths are left to the
 * admin: they name the project's own tree.
 */
export const JIRA_TO_AZURE_DEVOPS_RULES: Rules = [
  { kind: 'two-way', local: 'summary', remote: 'title' },
  { kind: 'two-way', local: 'description', remote: 'description' },
  {
    kind: 'two-way',
    local: 'status.name',
    remote: 'state',
    map: [
      { local: 'To Do', remote: 'New' },
      { local: 'In Progress', remote: 'Active' },
      { local: 'Done', remote: 'Closed' },
      { local: 'Done', remote: 'Resolved' },
      { local: 'Done', remote: 'Removed' },
      { local: '*', remote: 'Active' },
    ],
  },
  {
    kind: 'two-way',
    local: 'priority.name',
    remote: 'priority',
    map: [
      { local: 'Highest', remote: 1 },
      { local: 'High', remote: 2 },
      { local: 'Medium', remote: 3 },
      { local: 'Low', remote: 4 },
      { local: 'Lowest', remote: 4 },
    ],
  },
  { kind: 'two-way', local: 'labels', remote: 'labels', mergeSets: true },
  { kind: 'two-way', local: 'assignee', remote: 'assignee' },
  { kind: 'messages', allOutgoing: true },
  { kind: 'files' },
];

export const DEFAULT_RULES: Record<TrackerKind, Rules> = {
  jira: JIRA_TO_JIRA_RULES,
  github: JIRA_TO_GITHUB_RULES,
  gitlab: JIRA_TO_GITLAB_RULES,
  redmine: JIRA_TO_REDMINE_RULES,
  'azure-devops': JIRA_TO_AZURE_DEVOPS_RULES,
  gropius: JIRA_TO_GROPIUS_RULES,
};
