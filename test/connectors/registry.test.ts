/**
 * The three connectors in the registry: the credentials the settings page asks for, and a tracker built
 * from a connection that reaches the right server with the right credential.
 */
import { githubApiBase } from '../../src/connectors/github/github-connector';
import { CONNECTORS } from '../../src/connectors/registry';
import type { ResponseLike } from '../../src/connectors/jira/jira-transport';
import { ConnectionSchema, type ConnectionInput } from '../../src/core/schema/connection';

const connection = (remote: ConnectionInput['remote']) =>
  ConnectionSchema.parse({ id: 'c1', name: 'C', localProject: 'DEMO', remote, rules: [] });

function recorder(body: unknown) {
  const seen: { url: string; headers: Record<string, string> }[] = [];
  const fetch = (url: string, init: { headers: Record<string, string> }): Promise<ResponseLike> => {
    seen.push({ url, headers: init.headers });
    const text = JSON.stringify(body);
    return Promise.resolve({
      status: 200,
      headers: new Headers({ 'content-type': 'application/json' }),
      text: () => Promise.resolve(text),
      arrayBuffer: () => Promise.resolve(new TextEncoder().encode(text).buffer),
    });
  };
  return { seen, fetch };
}

const credential = (values: Record<string, string>) => (name: string) => Promise.resolve(values[name]);

describe('connector registry', () => {
  it('asks for exactly the credentials each kind uses', () => {
    // The webhook secrets are optional; the tracker-webhook web trigger checks deliveries against them.
    const withHooks = ['token', 'webhookSecret', 'previousWebhookSecret'];
    expect(CONNECTORS.github.credentials(connection({ kind: 'github', project: 'acme/widgets' }))).toEqual(
      withHooks,
    );
    expect(CONNECTORS.gitlab.credentials(connection({ kind: 'gitlab', project: 'acme/widgets' }))).toEqual(
      withHooks,
    );
    expect(
      CONNECTORS.redmine.credentials(
        connection({ kind: 'redmine', project: 'x', baseUrl: 'https://r.example' }),
      ),
    ).toEqual(['apiKey']);
  });

  it('builds GitHub on api.github.com, or on an Enterprise server under /api/v3', async () => {
    expect(githubApiBase(connection({ kind: 'github', project: 'a/b' }))).toBeUndefined();
    expect(
      githubApiBase(connection({ kind: 'github', project: 'a/b', baseUrl: 'https://github.com' })),
    ).toBeUndefined();
    expect(
      githubApiBase(connection({ kind: 'github', project: 'a/b', baseUrl: 'https://ghe.example.com/' })),
    ).toBe('https://ghe.example.com/api/v3');
    const { seen, fetch } = recorder([]);
    const tracker = await CONNECTORS.github.create({
      connection: connection({ kind: 'github', project: 'acme/widgets' }),
      credential: credential({ token: 'ghp_x' }),
      fetch,
      now: () => new Date(),
    });
    await tracker.listUpdatedSince('2026-11-24T08:00:00.000Z');
    expect(seen[0]?.url).toMatch(/^https:\/\/api\.github\.com\/repos\/acme\/widgets\/issues\?/);
    expect(seen[0]?.url).toContain('since=2026-11-24T08%3A00%3A00.000Z');
    expect(seen[0]?.headers.authorization).toBe('token ghp_x');
  });

  it('builds Jira Data Center with a bearer token, searching through REST v2 by offset', async () => {
    const { seen, fetch } = recorder({ issues: [], startAt: 0, maxResults: 100, total: 0 });
    const tracker = await CONNECTORS.jira.create({
      connection: connection({
        kind: 'jira',
        project: 'OPS',
        baseUrl: 'https://jira.example.com/jira',
        flavor: 'data-center',
      }),
      credential: credential({ personalAccessToken: 'pat-1' }),
      fetch,
      now: () => new Date(),
    });
    expect(await tracker.listUpdatedSince(undefined)).toEqual({ items: [] });
    expect(seen.map((s) => s.url)).toEqual(['https://jira.example.com/jira/rest/api/2/search']);
    expect(seen[0]?.headers.Authorization).toBe('Bearer pat-1');
  });

  it('builds Redmine with its API key header, and refuses a connection without a URL or key', async () => {
    const { seen, fetch } = recorder({ issues: [], total_count: 0, offset: 0, limit: 100 });
    const redmine = connection({
      kind: 'redmine',
      project: 'supplier',
      baseUrl: 'https://redmine.example.com/',
    });
    const tracker = await CONNECTORS.redmine.create({
      connection: redmine,
      credential: credential({ apiKey: 'k1' }),
      fetch,
      now: () => new Date(),
    });
    await tracker.listUpdatedSince('2026-11-24T08:00:00.900Z');
    expect(seen[0]?.url).toContain('https://redmine.example.com/issues.json?project_id=supplier');
    // Whole seconds, floored: Redmine's filter cannot take milliseconds.
    expect(decodeURIComponent(seen[0]?.url ?? '')).toContain('updated_on=>=2026-11-24T08:00:00Z');
    expect(seen[0]?.headers['X-Redmine-API-Key']).toBe('k1');
    await expect(
      CONNECTORS.redmine.create({
        connection: redmine,
        credential: credential({}),
        fetch,
        now: () => new Date(),
      }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(
      CONNECTORS.redmine.create({
        connection: connection({ kind: 'redmine', project: 'x' }),
        credential: credential({ apiKey: 'k' }),
        fetch,
        now: () => new Date(),
      }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('builds Gropius on its API URL with a bearer token, and refuses a connection without a URL or token', async () => {
    const { seen, fetch } = recorder({
      data: { node: { issues: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } } },
    });
    const gropius = connection({
      kind: 'gropius',
      project: 'trackable-1',
      baseUrl: 'https://gropius.example.com/api/graphql',
    });
    expect(CONNECTORS.gropius.credentials(gropius)).toEqual(['token']);
    const tracker = await CONNECTORS.gropius.create({
      connection: gropius,
      credential: credential({ token: 'jwt-1' }),
      fetch,
      now: () => new Date(),
    });
    expect(await tracker.listUpdatedSince(undefined)).toEqual({ items: [] });
    expect(seen.map((s) => s.url)).toEqual(['https://gropius.example.com/api/graphql']);
    expect(seen[0]?.headers.authorization).toBe('Bearer jwt-1');
    await expect(
      CONNECTORS.gropius.create({
        connection: gropius,
        credential: credential({}),
        fetch,
        now: () => new Date(),
      }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(
      CONNECTORS.gropius.create({
        connection: connection({ kind: 'gropius', project: 'x' }),
        credential: credential({ token: 't' }),
        fetch,
        now: () => new Date(),
      }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('builds GitLab on gitlab.com unless the connection names a server', async () => {
    const { seen, fetch } = recorder([]);
    const tracker = await CONNECTORS.gitlab.create({
      connection: connection({ kind: 'gitlab', project: 'group/sub/project' }),
      credential: credential({ token: 'glpat-x' }),
      fetch,
      now: () => new Date(),
    });
    await tracker.listUpdatedSince(undefined);
    expect(seen[0]?.url).toMatch(
      /^https:\/\/gitlab\.com\/api\/v4\/projects\/group%2Fsub%2Fproject\/issues\?/,
    );
    expect(seen[0]?.headers['private-token']).toBe('glpat-x');
  });
});
