import { JiraTracker } from '../../../src/connectors/jira/jira-tracker';
import { remoteJiraTransport, type FetchLike } from '../../../src/connectors/jira/remote-transport';
import { DEMO_USERS } from '../../../sandbox/jira/seed';

/** A JiraTracker on an emulated Cloud site, signed in as the demo admin, for the project given. */
export function adminTracker(site: string, project: string, label: string, fetch: FetchLike): JiraTracker {
  return new JiraTracker({
    transport: remoteJiraTransport(
      site,
      { kind: 'cloud', email: DEMO_USERS.admin.email, apiToken: DEMO_USERS.admin.apiToken },
      fetch,
    ),
    label,
    browseBase: site,
    project,
  });
}
