/**
 * Every Jira endpoint the app calls on its own site through `requestJira` with a computed path
 * (forge-jira-transport.ts). @forge/lint checks the scopes of `route` literals only, and these paths are
 * built by the Jira connector, so this table is what `npm run check:forge` hands to the linter's own
 * permission verifier against manifest.yml's scopes (scripts/forge-check/check-jira-scopes.ts). The
 * transport refuses a call that is not listed here, and test/platform/jira-endpoints.test.ts fails on a
 * `/rest/` path in the code that no entry matches: a new call cannot skip the scope check.
 *
 * Paths are the OpenAPI templates of ../shared/contracts/jira (platform and software specs).
 */
export interface JiraEndpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /**
   * Only where Atlassian's spec names no scope for the operation, so the linter has none to check: the
   * scopes Atlassian's documentation names, which check:forge then looks for in the manifest itself.
   */
  documentedScopes?: readonly string[];
}

// The Software spec in ../shared/contracts describes the devinfo operations for Connect JWT only (no
// OAuth scope); "Jira Software scopes for OAuth 2.0 (3LO) and Forge apps", section Development Information
// (developer.atlassian.com/cloud/jira/software/scopes-for-oauth-2-3LO-and-forge-apps/), names these.
const DEV_INFO_WRITE = ['write:dev-info:jira'] as const;
const DEV_INFO_DELETE = ['delete:dev-info:jira'] as const;

export const JIRA_ENDPOINTS: readonly JiraEndpoint[] = [
  // Issues (JiraTracker): search, read, create with the origin marker, edit, move, link.
  { method: 'POST', path: '/rest/api/3/search/jql' },
  { method: 'POST', path: '/rest/api/3/issue/bulkfetch' },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}' },
  { method: 'POST', path: '/rest/api/3/issue' },
  // Backfill copies, 50 a call (createIssues; the same scopes as createIssue).
  { method: 'POST', path: '/rest/api/3/issue/bulk' },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}' },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}' },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/transitions' },
  { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/transitions' },
  // The workflow of an issue's project and type (jira-workflow.ts), to find chains of transitions.
  { method: 'POST', path: '/rest/api/3/workflows' },
  { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/remotelink' },
  { method: 'POST', path: '/rest/api/3/issueLink' },
  { method: 'DELETE', path: '/rest/api/3/issueLink/{linkId}' },
  // Comments.
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/comment' },
  // Comment properties (the origin markers) by comment ids: getComments does not expand them on Cloud.
  { method: 'POST', path: '/rest/api/3/comment/list' },
  { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/comment' },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}' },
  { method: 'DELETE', path: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}' },
  // Worklogs with their properties (origin markers), booked, edited and deleted by rule kind `worklogs`.
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/worklog' },
  { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/worklog' },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/worklog/{id}' },
  { method: 'DELETE', path: '/rest/api/3/issue/{issueIdOrKey}/worklog/{id}' },
  // Attachments.
  { method: 'GET', path: '/rest/api/3/attachment/content/{id}' },
  { method: 'GET', path: '/rest/api/3/attachment/{id}' },
  { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/attachments' },
  { method: 'DELETE', path: '/rest/api/3/attachment/{id}' },
  // Custom fields' names and types: rules that name a field (jira-fields.ts) and the analytics export's
  // columns (platform/analytics).
  { method: 'GET', path: '/rest/api/3/field' },
  // The analytics export: an issue's full history when a search answer holds only its first page, and an
  // issue's remote links.
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/changelog' },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/remotelink' },
  // The project's versions and components: fix versions, affects versions and components are written by name.
  { method: 'GET', path: '/rest/api/3/project/{projectIdOrKey}/versions' },
  { method: 'GET', path: '/rest/api/3/project/{projectIdOrKey}/components' },
  // People (UserResolver) and projects (the devinfo project directory, the id createVersion takes).
  { method: 'GET', path: '/rest/api/3/user/search' },
  { method: 'GET', path: '/rest/api/3/project/search' },
  // The rule editor's field catalog (jira-catalog.ts): the project's issue types, and per type the options
  // its create screen allows for each field. After project/search, which the first template also matches.
  { method: 'GET', path: '/rest/api/3/project/{projectIdOrKey}' },
  { method: 'GET', path: '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}' },
  // Development information (jira-devinfo-sink.ts).
  { method: 'POST', path: '/rest/devinfo/0.10/bulk', documentedScopes: DEV_INFO_WRITE },
  {
    method: 'DELETE',
    path: '/rest/devinfo/0.10/repository/{repositoryId}/{entityType}/{entityId}',
    documentedScopes: DEV_INFO_DELETE,
  },
  { method: 'DELETE', path: '/rest/devinfo/0.10/bulkByProperties', documentedScopes: DEV_INFO_DELETE },
];

const matchers = JIRA_ENDPOINTS.map((endpoint) => ({
  endpoint,
  // A template parameter is one path segment, as in OpenAPI; the query string is not part of the path.
  pattern: new RegExp(
    `^${endpoint.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/?#]+')}$`,
  ),
}));

/** The listed endpoint a request goes to, or undefined when the table lacks it. */
export function findJiraEndpoint(method: string, path: string): JiraEndpoint | undefined {
  const bare = path.split('?', 1)[0] ?? path;
  return matchers.find((m) => m.endpoint.method === method && m.pattern.test(bare))?.endpoint;
}
