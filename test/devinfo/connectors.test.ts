/**
 * Each git server connector: its secret check (right, wrong, missing, and the previous secret during a
 * rotation) and its parsing. GitHub and GitLab are exercised with real payloads in the sandbox tests;
 * Bitbucket, Gitea/Forgejo and Azure DevOps bodies here are small hand-written ones in their documented
 * shapes (no public fixture set is vendored for them).
 */
import { containing } from './matchers';
import { createHmac } from 'node:crypto';
import type { GitEvent } from '../../src/core/devinfo/git-event';
import type { GitServerKind } from '../../src/core/devinfo/integration';
import type { WebhookRequest } from '../../src/connectors/git-webhooks/git-server';
import { GIT_SERVERS } from '../../src/connectors/git-webhooks/registry';

const body = '{"hello":"world"}';
const hmac = (secret: string): string => createHmac('sha256', secret).update(body).digest('hex');
const basic = (password: string): string => `Basic ${Buffer.from(`azure:${password}`).toString('base64')}`;

/** The headers that carry `secret` for each server. */
const signed: Record<GitServerKind, (secret: string) => Record<string, string>> = {
  github: (s) => ({ 'X-Hub-Signature-256': `sha256=${hmac(s)}` }),
  gitlab: (s) => ({ 'X-Gitlab-Token': s }),
  bitbucket: (s) => ({ 'X-Hub-Signature': `sha256=${hmac(s)}` }),
  gitea: (s) => ({ 'X-Gitea-Signature': hmac(s) }),
  forgejo: (s) => ({ 'X-Forgejo-Signature': hmac(s) }),
  'azure-devops': (s) => ({ Authorization: basic(s) }),
};

const request = (headers: Record<string, string>): WebhookRequest => ({
  headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [v]])),
  rawBody: body,
});

describe.each(Object.keys(signed) as GitServerKind[])('%s secret check', (kind) => {
  const connector = GIT_SERVERS[kind];
  it('accepts the current secret and, during a rotation, the previous one', async () => {
    expect(await connector.verify(request(signed[kind]('current')), ['current'])).toEqual({ ok: true });
    expect(await connector.verify(request(signed[kind]('previous')), ['current', 'previous'])).toEqual({
      ok: true,
    });
  });
  it('refuses a wrong secret and a missing header', async () => {
    expect(await connector.verify(request(signed[kind]('guess')), ['current'])).toMatchObject({
      ok: false,
      reason: containing('does not match'),
    });
    expect(await connector.verify(request({}), ['current'])).toMatchObject({
      ok: false,
      reason: containing('missing'),
    });
  });
  it('refuses everything when no secret is accepted', async () => {
    expect((await connector.verify(request(signed[kind]('current')), [])).ok).toBe(false);
  });
});

const events = (kind: GitServerKind, event: string, payload: unknown): GitEvent[] => {
  const parsed = GIT_SERVERS[kind].parse(event, payload);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.events;
};

const ghCommit = {
  id: 'c'.repeat(40),
  message: 'DEMO-1 gitea',
  timestamp: '2025-06-01T10:00:00+02:00',
  url: 'https://gitea.example.com/acme/app/commit/ccc',
  author: { name: 'Ana', email: 'ana@example.com', username: 'ana' },
  added: ['a'],
  removed: [],
  modified: [],
};
const giteaRepo = {
  id: 3,
  name: 'app',
  full_name: 'acme/app',
  html_url: 'https://gitea.example.com/acme/app',
  owner: { avatar_url: 'https://gitea.example.com/avatar' },
};

it('Gitea/Forgejo: a push to a branch, a deleted branch, and a merged pull request', () => {
  const [push] = events('gitea', 'push', {
    ref: 'refs/heads/feature/x',
    after: ghCommit.id,
    repository: giteaRepo,
    commits: [ghCommit],
    head_commit: ghCommit,
  });
  expect(push).toMatchObject({
    kind: 'branch-push',
    branch: 'feature/x',
    branchUrl: 'https://gitea.example.com/acme/app/src/branch/feature/x',
    head: { id: ghCommit.id, timestamp: '2025-06-01T08:00:00.000Z' },
  });
  expect(
    events('forgejo', 'delete', { ref: 'feature/x', ref_type: 'branch', repository: giteaRepo }),
  ).toMatchObject([{ kind: 'branch-deleted', branch: 'feature/x' }]);
  const [pr] = events('gitea', 'pull_request', {
    action: 'closed',
    number: 4,
    pull_request: {
      number: 4,
      title: 'DEMO-2 x',
      body: null,
      html_url: 'https://gitea.example.com/acme/app/pulls/4',
      state: 'closed',
      merged: true,
      user: { login: 'ana', full_name: 'Ana Lima', email: 'ana@example.com' },
      head: { ref: 'f', repo: { html_url: giteaRepo.html_url } },
      base: { ref: 'main', repo: { html_url: giteaRepo.html_url } },
      comments: 2,
      updated_at: '2025-06-01T10:00:00Z',
    },
    repository: giteaRepo,
  });
  expect(pr).toMatchObject({
    kind: 'pull-request',
    pullRequest: {
      status: 'MERGED',
      displayId: '#4',
      author: { name: 'Ana Lima', email: 'ana@example.com' },
      commentCount: 2,
    },
  });
});

it('Bitbucket Cloud: repo:push with a branch and a closed branch, and a declined pull request', () => {
  const repository = {
    uuid: '{b1}',
    full_name: 'acme/app',
    links: { html: { href: 'https://bitbucket.org/acme/app' } },
  };
  const target = {
    hash: 'd'.repeat(40),
    message: 'DEMO-3 bb\n',
    date: '2025-06-01T10:00:00+00:00',
    author: { raw: 'Ana Lima <ana@example.com>' },
    links: { html: { href: 'https://bitbucket.org/acme/app/commits/ddd' } },
    parents: [{}, {}],
  };
  const parsed = events('bitbucket', 'repo:push', {
    repository,
    push: {
      changes: [
        {
          new: {
            type: 'branch',
            name: 'DEMO-3-x',
            target,
            links: { html: { href: 'https://bitbucket.org/acme/app/branch/DEMO-3-x' } },
          },
          old: null,
          commits: [target],
        },
        { new: null, old: { type: 'branch', name: 'gone' }, commits: [] },
      ],
    },
  });
  expect(parsed).toMatchObject([
    {
      kind: 'branch-push',
      branch: 'DEMO-3-x',
      head: { author: { name: 'Ana Lima', email: 'ana@example.com' }, isMerge: true },
    },
    { kind: 'branch-deleted', branch: 'gone' },
  ]);
  const [pr] = events('bitbucket', 'pullrequest:rejected', {
    repository,
    pullrequest: {
      id: 8,
      title: 'DEMO-3 y',
      state: 'DECLINED',
      author: { display_name: 'Ana' },
      source: { branch: { name: 'y' } },
      destination: { branch: { name: 'main' } },
      comment_count: 1,
      updated_on: '2025-06-01T10:00:00Z',
      links: { html: { href: 'https://bitbucket.org/acme/app/pull-requests/8' } },
      participants: [{ user: { display_name: 'Bo' }, role: 'REVIEWER', approved: true }],
    },
  });
  expect(pr).toMatchObject({
    pullRequest: { status: 'DECLINED', reviewers: [{ person: { name: 'Bo' }, approved: true }] },
  });
});

it('Azure DevOps: git.push and a completed pull request, event and delivery id from the body', () => {
  const repository = { id: 'r1', name: 'app', remoteUrl: 'https://dev.azure.com/acme/p/_git/app' };
  const pushBody = {
    id: 'evt-1',
    eventType: 'git.push',
    resource: {
      repository,
      refUpdates: [{ name: 'refs/heads/DEMO-4-x', newObjectId: 'e'.repeat(40) }],
      commits: [
        {
          commitId: 'e'.repeat(40),
          comment: 'DEMO-4 az',
          author: { name: 'Ana', email: 'ana@example.com', date: '2025-06-01T10:00:00Z' },
        },
      ],
    },
  };
  const req = request({});
  expect(GIT_SERVERS['azure-devops'].eventType(req, pushBody)).toBe('git.push');
  expect(GIT_SERVERS['azure-devops'].deliveryId(req, pushBody)).toBe('evt-1');
  expect(events('azure-devops', 'git.push', pushBody)).toMatchObject([
    {
      kind: 'branch-push',
      branch: 'DEMO-4-x',
      head: { url: `${repository.remoteUrl}/commit/${'e'.repeat(40)}` },
    },
  ]);
  const [pr] = events('azure-devops', 'git.pullrequest.merged', {
    resource: {
      repository,
      pullRequestId: 5,
      status: 'completed',
      title: 'DEMO-4 pr',
      sourceRefName: 'refs/heads/DEMO-4-x',
      targetRefName: 'refs/heads/main',
      createdBy: { displayName: 'Ana', uniqueName: 'ana@example.com' },
      creationDate: '2025-06-01T10:00:00Z',
      reviewers: [{ displayName: 'Bo', vote: 10 }],
    },
  });
  expect(pr).toMatchObject({
    pullRequest: {
      status: 'MERGED',
      sourceBranch: 'DEMO-4-x',
      url: `${repository.remoteUrl}/pullrequest/5`,
      reviewers: [{ approved: true }],
    },
  });
});

it('names the reason when a body does not have the event shape', () => {
  expect(GIT_SERVERS.bitbucket.parse('repo:push', { push: {} })).toMatchObject({
    ok: false,
    error: containing('malformed repo:push payload'),
  });
  expect(GIT_SERVERS.gitlab.parse('Merge Request Hook', {})).toMatchObject({ ok: false });
});
