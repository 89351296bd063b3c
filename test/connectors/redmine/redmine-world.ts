/**
 * The real Redmine the integration tests run against (sandbox/redmine/local-redmine.ts): one server per
 * test file, a fresh project per suite so runs do not see each other's issues, and a second user to assign.
 */
import { z } from 'zod';
import { RedmineClient } from '../../../src/connectors/redmine/redmine-client';
import { RedmineTracker } from '../../../src/connectors/redmine/redmine-tracker';
import type { UserMapping } from '../../../src/connectors/jira/user-resolver';
import { nodeFetch } from '../node-fetch';
import { startLocalRedmine, type LocalRedmine } from '../../../sandbox/redmine/local-redmine';

/** The first run on a fresh machine installs Redmine with apt-get. */
export const SETUP_TIMEOUT_MS = 10 * 60_000;

export interface RedmineProject {
  server: LocalRedmine;
  client: RedmineClient;
  project: string;
  userId: string;
  tracker(users?: UserMapping): RedmineTracker;
}

export interface RedmineServer {
  server: LocalRedmine;
  client: RedmineClient;
  /** A fresh project with a member to assign, so tests do not see each other's issues. */
  project(name: string): Promise<RedmineProject>;
}

export async function startRedmine(): Promise<RedmineServer> {
  const server = await startLocalRedmine();
  const client = new RedmineClient(server.baseUrl, server.apiKey, nodeFetch, 'Redmine (test)');
  return { server, client, project: (name) => newProject(server, client, name) };
}

async function newProject(
  server: LocalRedmine,
  client: RedmineClient,
  name: string,
): Promise<RedmineProject> {
  const suffix = `${name}-${Date.now().toString(36)}`;
  const project = `t-${suffix}`.slice(0, 60);
  // Every tracker, "Gated" (a chain-shaped workflow, scripts/redmine/setup.sh) among them.
  const { trackers } = await client.json(
    '/trackers.json',
    z.object({ trackers: z.array(z.object({ id: z.number() })) }),
  );
  await client.json('/projects.json', z.object({ project: z.object({ id: z.number() }) }), {
    method: 'POST',
    json: {
      project: {
        name: project,
        identifier: project,
        tracker_ids: trackers.map((t) => t.id),
        // Time tracking for the worklog cases: a project without it refuses time entries.
        enabled_module_names: ['issue_tracking', 'time_tracking'],
      },
    },
  });
  const login = `ana-${suffix}`.slice(0, 60);
  const { user } = await client.json('/users.json', z.object({ user: z.object({ id: z.number() }) }), {
    method: 'POST',
    json: {
      user: {
        login,
        firstname: 'Ana',
        lastname: 'Lima',
        mail: `${login}@example.com`,
        password: 'secret-password-1',
      },
    },
  });
  const roles = await client.json(
    '/roles.json',
    z.object({ roles: z.array(z.object({ id: z.number(), name: z.string() })) }),
  );
  const developer = roles.roles.find((r) => r.name === 'Developer') ?? roles.roles[0];
  if (!developer) throw new Error('Redmine has no roles; its default data did not load');
  await client.json(`/projects/${project}/memberships.json`, z.object({}).loose(), {
    method: 'POST',
    json: { membership: { user_id: user.id, role_ids: [developer.id] } },
  });
  return {
    server,
    client,
    project,
    userId: String(user.id),
    tracker: (users) => new RedmineTracker({ client, project, ...(users ? { users } : {}) }),
  };
}
