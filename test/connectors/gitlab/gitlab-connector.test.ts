/**
 * The GitLab connector through @gitbeaker/rest against a fake GitLab whose answers are typed by gitbeaker's
 * schemas and whose routes and parameters are GitLab's documented ones: issues, notes, labels, assignees,
 * state, milestones, `updated_after` with pages, a self-managed base URL, and limits as retryable errors.
 */
import { gitlabRequester } from '../../../src/connectors/gitlab/gitlab-requester';
import { GitLabTracker } from '../../../src/connectors/gitlab/gitlab-tracker';
import { gitlabConnector } from '../../../src/connectors/gitlab/gitlab-connector';
import { ConnectionSchema } from '../../../src/core/schema/connection';
import { PartialWriteError } from '../../../src/core/errors';
import { FakeGitLab, HOST } from './fake-gitlab';

function world(opts: { createMissingMilestones?: boolean } = {}) {
  const fake = new FakeGitLab();
  const tracker = new GitLabTracker({
    ...opts,
    host: HOST,
    token: 'glpat-test',
    requesterFn: gitlabRequester(fake.fetch, 'GitLab (test)', () => new Date(fake.ms)),
    project: fake.project,
    users: { explicit: new Map([['acc-ana', 'ana']]) },
  });
  return { fake, tracker };
}

let current: ReturnType<typeof world> | undefined;
const fresh = (opts?: Parameters<typeof world>[0]) => (current = world(opts));

afterEach(() => {
  expect(current?.fake.violations).toEqual([]);
});

describe('GitLab connector', () => {
  it('creates issues with labels, a mapped assignee, a new milestone and a closed state', async () => {
    const { fake, tracker } = fresh({ createMissingMilestones: true });
    const created = await tracker.createIssue(
      {
        title: 'Gear slips',
        description: 'Under **load**',
        labels: ['bug', 'line-3'],
        assignee: { id: 'acc-ana', displayName: 'Ana Lima' },
        milestone: '2026.12',
        state: 'closed',
      },
      'c1:l:42',
    );
    expect(created).toEqual(
      expect.objectContaining({
        id: '1',
        key: 'acme/widgets#1',
        url: `${HOST}/acme/widgets/-/issues/1`,
        origin: 'c1:l:42',
      }),
    );
    expect(created.fields).toEqual(
      expect.objectContaining({
        title: 'Gear slips',
        description: 'Under **load**',
        state: 'closed',
        labels: ['bug', 'line-3'],
        assignee: { id: 'ana', displayName: 'Ana Lima' },
        assignees: ['ana'],
        milestone: { title: '2026.12' },
      }),
    );
    expect(fake.stored(1)?.description).toBe('Under **load**\n\n<!-- tandem:origin=c1%3Al%3A42 -->');
    expect(await tracker.findIssueByOrigin('c1:l:42', created.created)).toEqual(
      expect.objectContaining({ id: '1' }),
    );
    expect(await tracker.findIssueByOrigin('c1:l:43')).toBeUndefined();
  });

  it('edits keep the origin marker; reopen, relabel and clear the milestone', async () => {
    const { fake, tracker } = fresh();
    fake.userMilestone('m1');
    const created = await tracker.createIssue({ title: 'T', milestone: 'm1', state: 'closed' }, 'o:1');
    await tracker.updateIssue(created.id, {
      description: 'changed',
      state: 'opened',
      labels: ['x'],
      milestone: null,
    });
    expect(fake.stored(1)).toEqual(
      expect.objectContaining({
        description: 'changed\n\n<!-- tandem:origin=o%3A1 -->',
        state: 'opened',
        labels: ['x'],
        milestone: null,
      }),
    );
    const [again] = await tracker.getIssues([created.id, '99']);
    expect(again?.fields).toEqual(expect.objectContaining({ description: 'changed', state: 'opened' }));
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
    const created = await tracker.createIssue({ title: 'T', milestone: ['1.0'] }, 'o:3');
    expect(created.fields.milestone).toEqual({ title: '1.0' });
    expect(created.unwritten).toBeUndefined();
    fake.userMilestone('2.0');
    await tracker.updateIssue(created.id, { 'milestone.title': [{ name: '2.0' }] });
    expect((await tracker.getIssues([created.id]))[0]?.fields.milestone).toEqual({ title: '2.0' });
    await expect(tracker.updateIssue(created.id, { milestone: ['1.0', '2.0'] })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('one milestone per issue, not 2: "1.0", "2.0"') as unknown,
    });
    // A title the project lacks: the rest is written, the milestone is named on the pair, none is created.
    const err: unknown = await tracker
      .updateIssue(created.id, { title: 'T2', milestone: '3.0' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PartialWriteError);
    expect(err).toMatchObject({
      held: { title: 'T2' },
      unwritten: [
        {
          path: 'milestone',
          message: `GitLab (${fake.project}) has no milestone "3.0"; create it there, or let the rule create missing ones (createMissing)`,
        },
      ],
    });
    const [now] = await tracker.getIssues([created.id]);
    expect(now?.fields).toEqual(expect.objectContaining({ title: 'T2', milestone: { title: '2.0' } }));
    expect(fake.milestoneTitles()).toEqual(['1.0', '2.0']);
    const other = await tracker.createIssue({ title: 'U', milestone: ['3.0'] }, 'o:4');
    expect(other.fields.milestone).toBeNull();
    expect(other.unwritten).toEqual([expect.objectContaining({ path: 'milestone' })]);
    await tracker.updateIssue(created.id, { milestone: [] });
    expect(fake.stored(1)?.milestone).toBeNull();
  });

  it('creates a missing milestone once when the rule says so (createMissing)', async () => {
    const { fake, tracker } = fresh({ createMissingMilestones: true });
    const a = await tracker.createIssue({ title: 'A', milestone: ['3.0'] }, 'o:5');
    const b = await tracker.createIssue({ title: 'B', milestone: '3.0' }, 'o:6');
    expect([a.fields.milestone, b.fields.milestone]).toEqual([{ title: '3.0' }, { title: '3.0' }]);
    expect(fake.milestoneTitles()).toEqual(['3.0']);
  });

  it('reads issues updated after a time, over pages', async () => {
    const { fake, tracker } = fresh();
    for (let n = 0; n < 30; n += 1) fake.userCreate({ title: `old ${n}` });
    const since = new Date(fake.ms + 1000).toISOString();
    for (let n = 0; n < 150; n += 1) fake.userCreate({ title: `new ${n}` });
    const titles: string[] = [];
    let token: string | undefined;
    do {
      const page = await tracker.listUpdatedSince(since, token);
      titles.push(...page.items.map((i) => JSON.stringify(i.fields.title)).map((t) => t.slice(1, -1)));
      token = page.next;
    } while (token !== undefined);
    expect(titles).toHaveLength(150);
    expect(titles[0]).toBe('new 0');
  });

  it('copies notes with attribution and origin; leaves system and internal notes out', async () => {
    const { fake, tracker } = fresh();
    const issue = fake.userCreate({ title: 'n' });
    fake.userNote(issue.iid, 'changed the description', { system: true });
    fake.userNote(issue.iid, 'for members only', { internal: true });
    const human = fake.userNote(issue.iid, 'a real comment');
    const added = await tracker.addComment(
      String(issue.iid),
      'From Jira',
      'c1:lc:9',
      'Ana Lima wrote in DEMO:',
    );
    expect(added).toEqual(
      expect.objectContaining({ body: '*Ana Lima wrote in DEMO:*\n\nFrom Jira', origin: 'c1:lc:9' }),
    );
    await tracker.updateComment(String(issue.iid), added.id, 'From Jira, edited', 'Ana Lima wrote in DEMO:');
    for (let n = 0; n < 101; n += 1) fake.userNote(issue.iid, `bulk ${n}`);
    const comments = await tracker.listComments(String(issue.iid));
    expect(comments).toHaveLength(103);
    expect(comments.slice(0, 2)).toEqual([
      expect.objectContaining({
        id: String(human.id),
        body: 'a real comment',
        author: { id: 'ana', displayName: 'Ana Lima' },
      }),
      expect.objectContaining({ body: '*Ana Lima wrote in DEMO:*\n\nFrom Jira, edited', origin: 'c1:lc:9' }),
    ]);
    await tracker.deleteComment(String(issue.iid), added.id);
    expect(fake.notesOf(issue.iid).some((n) => n.id === Number(added.id))).toBe(false);
  });

  it('turns GitLab’s limits and refusals into TrackerErrors', async () => {
    const { fake, tracker } = fresh();
    fake.fail({
      status: 429,
      body: { message: 'Retry later' },
      headers: {
        'retry-after': '30',
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(Math.floor(fake.ms / 1000) + 30),
      },
    });
    await expect(tracker.listUpdatedSince(undefined)).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 30_000,
    });
    fake.fail({ status: 403, body: { message: '403 Forbidden' } });
    await expect(tracker.listUpdatedSince(undefined)).rejects.toMatchObject({
      code: 'forbidden',
      isRetryable: false,
    });
    fake.fail({ status: 502, body: 'Bad Gateway' });
    await expect(tracker.listUpdatedSince(undefined)).rejects.toMatchObject({
      code: 'unavailable',
      isRetryable: true,
    });
    await expect(tracker.listComments('77')).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      tracker.createIssue({ title: 'x', assignees: [{ id: 'nobody' }] }, 'o'),
    ).rejects.toMatchObject({ code: 'user_unmapped' });
  });

  it('is built from a connection with a self-managed URL and its token', async () => {
    const fake = new FakeGitLab();
    current = { fake, tracker: undefined as never };
    const connection = ConnectionSchema.parse({
      id: 'gl',
      name: 'GitLab',
      localProject: 'DEMO',
      remote: { kind: 'gitlab', baseUrl: HOST, project: fake.project },
      rules: [],
    });
    expect(gitlabConnector.credentials(connection)).toEqual([
      'token',
      'webhookSecret',
      'previousWebhookSecret',
    ]);
    const tracker = await gitlabConnector.create({
      connection,
      credential: (name) => Promise.resolve(name === 'token' ? 'glpat-test' : undefined),
      fetch: fake.fetch,
      now: () => new Date(fake.ms),
    });
    fake.userCreate({ title: 'on my own server' });
    expect((await tracker.listUpdatedSince(undefined)).items.map((i) => i.fields.title)).toEqual([
      'on my own server',
    ]);
    expect(fake.calls[0]).toBe('GET /projects/acme%2Fwidgets/issues');
    const wrongToken = await gitlabConnector.create({
      connection,
      credential: () => Promise.resolve('glpat-wrong'),
      fetch: fake.fetch,
      now: () => new Date(fake.ms),
    });
    await expect(wrongToken.listUpdatedSince(undefined)).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
