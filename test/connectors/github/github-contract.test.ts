/**
 * The GitHub connector against a fake whose every request and answer is checked against GitHub's OpenAPI
 * description: issues, comments, labels, milestones, assignees through the user map, state and its reason,
 * incremental reads with pages, pull requests left out, and rate limits as retryable errors with a time.
 */
import { Octokit } from '@octokit/rest';
import type { OpenAPIBackend } from 'openapi-backend';
import { fetchFor } from '../../../src/connectors/github/github-fetch';
import { GitHubTracker } from '../../../src/connectors/github/github-tracker';
import { PartialWriteError, TrackerError } from '../../../src/core/errors';
import { API } from './github-shapes';
import { FakeGitHub } from './fake-github';
import { githubApi } from './github-openapi';

let api: OpenAPIBackend;

beforeAll(async () => {
  // The first run on a machine fetches GitHub's description with npm (a few seconds).
  api = await githubApi();
}, 120_000);

function world(opts: { createMissingMilestones?: boolean } = {}) {
  const fake = new FakeGitHub(api);
  const tracker = new GitHubTracker({
    ...opts,
    octokit: new Octokit({ auth: 'test-token', baseUrl: API, request: { fetch: fetchFor(fake.fetch) } }),
    repo: fake.repo,
    users: { explicit: new Map([['acc-ana', 'ana-gh']]) },
    markdown: { mentionName: (id) => (id === 'acc-ana' ? 'ana-gh' : undefined) },
    now: () => new Date(fake.ms),
  });
  return { fake, tracker };
}

let current: ReturnType<typeof world> | undefined;
const fresh = (opts?: Parameters<typeof world>[0]) => (current = world(opts));

afterEach(() => {
  // Whatever a test did, nothing it sent or got back broke GitHub's published contract.
  expect(current?.fake.violations).toEqual([]);
});

describe('GitHub connector', () => {
  it('creates issues with labels, a new milestone, a mapped assignee and a closed state', async () => {
    const { fake, tracker } = fresh({ createMissingMilestones: true });
    const created = await tracker.createIssue(
      {
        title: 'Paint peels',
        body: {
          type: 'doc',
          version: 1,
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Seen by ' },
                { type: 'mention', attrs: { id: 'acc-ana', text: '@Ana' } },
              ],
            },
          ],
        },
        labels: ['bug', 'customer'],
        milestone: 'v2.0',
        assignee: { id: 'acc-ana', displayName: 'Ana Lima' },
        state: 'closed',
        state_reason: 'not_planned',
      },
      'c1:l:10001',
    );
    expect(created).toEqual(
      expect.objectContaining({
        id: '1',
        key: 'acme/widgets#1',
        url: 'https://github.test/acme/widgets/issues/1',
        origin: 'c1:l:10001',
      }),
    );
    expect(created.fields).toEqual({
      title: 'Paint peels',
      body: 'Seen by @ana-gh',
      state: 'closed',
      state_reason: 'not_planned',
      status: 'not_planned',
      labels: ['bug', 'customer'],
      assignee: { id: 'ana-gh', displayName: 'ana-gh' },
      assignees: ['ana-gh'],
      milestone: { title: 'v2.0', number: 1 },
      user: { id: 'tandem-bot', displayName: 'tandem-bot' },
    });
    // The marker is in GitHub's body, hidden in an HTML comment; the canonical body does not show it.
    expect(fake.snapshot(1)?.body).toBe('Seen by @ana-gh\n\n<!-- tandem:origin=c1%3Al%3A10001 -->');
    expect(await tracker.findIssueByOrigin('c1:l:10001', created.created)).toEqual(
      expect.objectContaining({ id: '1' }),
    );
    expect(await tracker.findIssueByOrigin('c1:l:other')).toBeUndefined();
  });

  it('edits keep the origin marker, reopen with a reason and clear the milestone', async () => {
    const { fake, tracker } = fresh();
    fake.userMilestone('v1');
    const created = await tracker.createIssue({ title: 'T', milestone: 'v1' }, 'c1:l:1');
    await tracker.updateIssue(created.id, {
      body: 'new *body*',
      state: 'closed',
      milestone: null,
      labels: [],
    });
    expect(fake.snapshot(1)).toEqual(
      expect.objectContaining({
        body: 'new *body*\n\n<!-- tandem:origin=c1%3Al%3A1 -->',
        state: 'closed',
        state_reason: 'completed',
        milestone: null,
      }),
    );
    await tracker.updateIssue(created.id, { state: 'open' });
    const [reopened] = await tracker.getIssues([created.id]);
    expect(reopened?.fields).toEqual(
      expect.objectContaining({ state: 'open', state_reason: 'reopened', body: 'new *body*' }),
    );
    await expect(tracker.updateIssue(created.id, { state: 'done' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(tracker.updateIssue(created.id, { assignee: { id: 'stranger' } })).rejects.toMatchObject({
      code: 'user_unmapped',
    });
  });

  it('sets milestones by title, a version list of one as its one, and names what it cannot write', async () => {
    const { fake, tracker } = fresh();
    fake.userMilestone('1.0', 'closed');
    // Jira's fix versions: a list of one names the milestone, closed ones too.
    const created = await tracker.createIssue({ title: 'T', milestone: ['1.0'] }, 'c1:l:3');
    expect(created.fields.milestone).toEqual({ title: '1.0', number: 1 });
    expect(created.unwritten).toBeUndefined();
    // A milestone a person adds after the list was read is found, not refused.
    fake.userMilestone('2.0');
    await tracker.updateIssue(created.id, { 'milestone.title': [{ name: '2.0' }] });
    expect(fake.snapshot(1)?.milestone?.title).toBe('2.0');
    // Several versions are refused, naming them, and nothing is sent.
    const before = fake.calls.length;
    await expect(tracker.updateIssue(created.id, { milestone: ['1.0', '2.0'] })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('one milestone per issue, not 2: "1.0", "2.0"') as unknown,
    });
    expect(fake.calls.length).toBe(before);
    // A title the repository lacks: the rest is written, the milestone is named on the pair, none is created.
    const err: unknown = await tracker
      .updateIssue(created.id, { title: 'T2', milestone: ['3.0'] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PartialWriteError);
    expect(err).toMatchObject({
      held: { title: 'T2' },
      unwritten: [
        {
          path: 'milestone',
          message: `GitHub (${fake.repo}) has no milestone "3.0"; create it there, or let the rule create missing ones (createMissing)`,
        },
      ],
    });
    expect(fake.snapshot(1)).toEqual(expect.objectContaining({ title: 'T2' }));
    expect(fake.snapshot(1)?.milestone?.title).toBe('2.0');
    expect(fake.milestoneTitles()).toEqual(['1.0', '2.0']);
    const other = await tracker.createIssue({ title: 'U', milestone: '3.0' }, 'c1:l:4');
    expect(other.fields.milestone).toBeNull();
    expect(other.unwritten).toEqual([expect.objectContaining({ path: 'milestone' })]);
    // An empty list clears it.
    await tracker.updateIssue(created.id, { milestone: [] });
    expect(fake.snapshot(1)?.milestone).toBeNull();
  });

  it('creates a missing milestone once when the rule says so (createMissing)', async () => {
    const { fake, tracker } = fresh({ createMissingMilestones: true });
    const a = await tracker.createIssue({ title: 'A', milestone: ['3.0'] }, 'c1:l:5');
    const b = await tracker.createIssue({ title: 'B', milestone: '3.0' }, 'c1:l:6');
    expect([a.fields.milestone, b.fields.milestone]).toEqual([
      { title: '3.0', number: 1 },
      { title: '3.0', number: 1 },
    ]);
    expect(fake.milestoneTitles()).toEqual(['3.0']);
  });

  it('puts issues under parents as sub-issues and names what GitHub refuses, writing the rest', async () => {
    const { fake, tracker } = fresh();
    const epic = await tracker.createIssue({ title: 'Epic' }, 'c1:l:7');
    const child = await tracker.createIssue({ title: 'Child', parent: epic.id }, 'c1:l:8');
    expect(fake.snapshot(Number(child.id))?.parent).toBe(Number(epic.id));
    expect(child.hierarchy).toEqual({ parent: { id: epic.id, key: epic.key }, level: 0 });
    // The sub-issue endpoints take the issue's id, not its number (the fake answers 404 to a number).
    expect(fake.calls).toContain(`POST /repos/${fake.repo}/issues/${epic.id}/sub_issues`);

    // An issue cannot be its own ancestor: GitHub refuses (422), the title is still written, the pair says why.
    const err: unknown = await tracker
      .updateIssue(epic.id, { title: 'Epic 2', parent: child.id })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PartialWriteError);
    expect(err).toMatchObject({
      held: { title: 'Epic 2' },
      unwritten: [{ path: 'parent', message: expect.stringContaining('its own ancestor') as unknown }],
    });
    expect(fake.snapshot(Number(epic.id))?.title).toBe('Epic 2');
    expect(fake.snapshot(Number(epic.id))?.parent ?? null).toBeNull();

    // A parent number that is not a number is refused before anything is sent.
    await expect(tracker.updateIssue(child.id, { parent: 'acme/other#3' })).rejects.toMatchObject({
      code: 'invalid_request',
    });

    // A parent in another repository of the owner is named by its key; it is no issue of this connection.
    fake.userSetParent(Number(child.id), 'acme/roadmap#4');
    const [read] = await tracker.getIssues([child.id]);
    expect(read?.hierarchy?.parent).toEqual({ id: 'acme/roadmap#4', key: 'acme/roadmap#4' });
    expect(await tracker.getIssues(['acme/roadmap#4'])).toEqual([]);
  });

  it('writes status as state and reason together, and answers an update with what GitHub holds', async () => {
    const { fake, tracker } = fresh();
    const created = await tracker.createIssue({ title: 'T', status: 'not_planned' }, 'c1:l:2');
    expect(created.fields).toEqual(
      expect.objectContaining({ state: 'closed', state_reason: 'not_planned', status: 'not_planned' }),
    );
    expect(await tracker.updateIssue(created.id, { status: 'open', body: '**b**' })).toEqual({
      status: 'open',
      body: '**b**',
    });
    expect(fake.snapshot(1)).toEqual(expect.objectContaining({ state: 'open', state_reason: 'reopened' }));
    expect(await tracker.updateIssue(created.id, { status: 'completed' })).toEqual({ status: 'completed' });
    expect(fake.snapshot(1)).toEqual(expect.objectContaining({ state: 'closed', state_reason: 'completed' }));
    await expect(tracker.updateIssue(created.id, { status: 'reopened' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('reads changes since a time, oldest first, over pages, without pull requests', async () => {
    const { fake, tracker } = fresh();
    for (let n = 0; n < 120; n += 1) fake.userCreate({ title: `old ${n}` });
    const cursor = new Date(fake.ms + 1000).toISOString();
    for (let n = 0; n < 130; n += 1) fake.userCreate({ title: `new ${n}` });
    fake.userCreate({ title: 'a pull request', pullRequest: true });
    const titles: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await tracker.listUpdatedSince(cursor, token);
      titles.push(...page.items.map((i) => JSON.stringify(i.fields.title)).map((t) => t.slice(1, -1)));
      token = page.next;
      pages += 1;
    } while (token !== undefined);
    expect(pages).toBe(2);
    expect(titles).toHaveLength(130);
    expect(titles[0]).toBe('new 0');
    expect(titles).not.toContain('a pull request');
    expect((await tracker.listUpdatedSince(undefined)).items).toHaveLength(100);
    expect(await tracker.getIssues(['251', '999'])).toEqual([]);
  });

  it('copies comments with attribution and a hidden origin, edits them keeping it, and deletes them', async () => {
    const { fake, tracker } = fresh();
    const i = fake.userCreate({ title: 'c' });
    const added = await tracker.addComment(
      String(i.number),
      'Looks *bad*',
      'c1:lc:77',
      'Ana Lima wrote in DEMO:',
    );
    expect(added).toEqual(
      expect.objectContaining({ body: '*Ana Lima wrote in DEMO:*\n\nLooks *bad*', origin: 'c1:lc:77' }),
    );
    await tracker.updateComment(String(i.number), added.id, 'Looks fine', 'Ana Lima wrote in DEMO:');
    expect(fake.commentsOf(i.number)[0]?.body).toBe(
      '*Ana Lima wrote in DEMO:*\n\nLooks fine\n\n<!-- tandem:origin=c1%3Alc%3A77 -->',
    );
    for (let n = 0; n < 105; n += 1) await tracker.addComment(String(i.number), `n${n}`, `o:${n}`);
    const all = await tracker.listComments(String(i.number));
    expect(all).toHaveLength(106);
    expect(all[0]?.origin).toBe('c1:lc:77');
    await tracker.deleteComment(String(i.number), added.id);
    expect(await tracker.listComments(String(i.number))).toHaveLength(105);
    await expect(tracker.deleteComment(String(i.number), added.id)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('has no attachments and says why it cannot upload one', async () => {
    const { tracker } = fresh();
    expect(await tracker.listAttachments('1')).toEqual([]);
    await expect(
      tracker.uploadAttachment('1', { filename: 'a.log', mimeType: 'text/plain', data: new Uint8Array(1) }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('no attachments') as string,
    });
  });

  describe('limits and failures', () => {
    const rejection = async (
      fake: FakeGitHub,
      tracker: GitHubTracker,
      reply: Parameters<FakeGitHub['fail']>[0],
    ) => {
      fake.fail(reply);
      const err: unknown = await tracker.listUpdatedSince(undefined).catch((e: unknown) => e);
      if (!(err instanceof TrackerError)) throw new Error(`expected a TrackerError, got ${String(err)}`);
      return err;
    };

    it('turns an exhausted primary limit into a retry at the reset time', async () => {
      const { fake, tracker } = fresh();
      const reset = Math.floor(fake.ms / 1000) + 600;
      const err = await rejection(fake, tracker, {
        status: 403,
        headers: {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(reset),
        },
        body: { message: 'API rate limit exceeded for user ID 1.' },
      });
      expect(err).toMatchObject({
        code: 'rate_limited',
        status: 403,
        isRetryable: true,
        retryAfterMs: 600_000,
      });
    });

    it('honours Retry-After on a secondary limit', async () => {
      const { fake, tracker } = fresh();
      const err = await rejection(fake, tracker, {
        status: 403,
        headers: { 'retry-after': '45' },
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        },
      });
      expect(err).toMatchObject({ code: 'rate_limited', retryAfterMs: 45_000 });
    });

    it('waits a minute on a secondary limit that names no time, as GitHub advises', async () => {
      const { fake, tracker } = fresh();
      const err = await rejection(fake, tracker, { status: 429, body: { message: 'secondary rate limit' } });
      expect(err).toMatchObject({ code: 'rate_limited', retryAfterMs: 60_000 });
    });

    it('keeps a real permission error apart from a limit', async () => {
      const { fake, tracker } = fresh();
      const err = await rejection(fake, tracker, {
        status: 403,
        headers: { 'x-ratelimit-remaining': '4999' },
        body: { message: 'Resource not accessible by personal access token' },
      });
      expect(err).toMatchObject({ code: 'forbidden', isRetryable: false });
      expect(err.message).toContain('Resource not accessible');
    });

    it('reports bad credentials, server errors and network failures', async () => {
      const { fake, tracker } = fresh();
      expect(
        await rejection(fake, tracker, { status: 401, body: { message: 'Bad credentials' } }),
      ).toMatchObject({ code: 'unauthorized' });
      expect(
        await rejection(fake, tracker, { status: 502, body: { message: 'Server Error' } }),
      ).toMatchObject({ code: 'unavailable', isRetryable: true });
      const offline = new GitHubTracker({
        octokit: new Octokit({
          baseUrl: API,
          request: { fetch: fetchFor(() => Promise.reject(new Error('ECONNRESET'))) },
        }),
        repo: 'acme/widgets',
      });
      await expect(offline.getIssues(['1'])).rejects.toMatchObject({ code: 'unavailable' });
    });
  });
});
