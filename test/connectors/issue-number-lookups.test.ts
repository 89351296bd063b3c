/**
 * GitHub, GitLab and Redmine take a typed issue only as their own number (`12` or `#12`): anything else is
 * refused with a message naming the form, before any request; a number that is not an issue of the
 * connection's repository or project (a pull request, a missing issue, a Redmine subproject's issue) is "not
 * in this connection". Ids that reach `getIssues` are held to the same form, so a list cannot be smuggled in.
 */
import { Octokit } from '@octokit/rest';
import { parseIssueNumber } from '../../src/connectors/common/issue-number';
import { fetchFor } from '../../src/connectors/github/github-fetch';
import { GitHubTracker } from '../../src/connectors/github/github-tracker';
import { gitlabRequester } from '../../src/connectors/gitlab/gitlab-requester';
import { GitLabTracker } from '../../src/connectors/gitlab/gitlab-tracker';
import type { FetchLike } from '../../src/connectors/jira/remote-transport';
import { RedmineClient } from '../../src/connectors/redmine/redmine-client';
import { RedmineTracker } from '../../src/connectors/redmine/redmine-tracker';
import { FakeGitHub } from './github/fake-github';
import { githubApi } from './github/github-openapi';
import { API } from './github/github-shapes';
import { FakeGitLab, HOST } from './gitlab/fake-gitlab';

const NOT_NUMBERS = [
  '1,2',
  '1 ',
  ' 1',
  '012',
  '0',
  '-1',
  '1e3',
  '0x1',
  '١٢',
  '#',
  '##1',
  '1#',
  '1) OR (1',
  '9'.repeat(17),
];

it('an issue number is digits, bare or after #, and a safe integer', () => {
  expect(parseIssueNumber('12')).toBe('12');
  expect(parseIssueNumber('#12')).toBe('12');
  for (const text of NOT_NUMBERS) expect([text, parseIssueNumber(text)]).toEqual([text, undefined]);
});

describe('GitLab', () => {
  const world = () => {
    const fake = new FakeGitLab();
    const tracker = new GitLabTracker({
      host: HOST,
      token: 'glpat-test',
      requesterFn: gitlabRequester(fake.fetch, 'GitLab (test)', () => new Date(fake.ms)),
      project: fake.project,
    });
    return { fake, tracker };
  };

  it('finds #n in the project and nothing else', async () => {
    const { fake, tracker } = world();
    fake.userCreate({ title: 'Gear slips' });
    await expect(tracker.findIssue('#1')).resolves.toMatchObject({
      outcome: 'found',
      issue: { id: '1', key: 'acme/widgets#1' },
    });
    await expect(tracker.findIssue('2')).resolves.toEqual({ outcome: 'not-in-connection' });
    const calls = fake.calls.length;
    for (const text of NOT_NUMBERS)
      await expect(tracker.findIssue(text)).resolves.toEqual({
        outcome: 'invalid',
        message: `"${text}" is not a GitLab issue of acme/widgets: type its number, such as 12 or #12.`,
      });
    expect(fake.calls).toHaveLength(calls);
    await expect(tracker.getIssues(['1,2'])).rejects.toMatchObject({ code: 'invalid_request' });
    expect(fake.violations).toEqual([]);
  });
});

describe('GitHub', () => {
  it('finds an issue of the repository, not a pull request, and refuses other forms unasked', async () => {
    const fake = new FakeGitHub(await githubApi());
    const tracker = new GitHubTracker({
      octokit: new Octokit({ baseUrl: API, request: { fetch: fetchFor(fake.fetch) } }),
      repo: fake.repo,
      now: () => new Date(fake.ms),
    });
    fake.userCreate({ title: 'An issue' });
    fake.userCreate({ title: 'A pull request', pullRequest: true });
    await expect(tracker.findIssue('#1')).resolves.toMatchObject({ outcome: 'found', issue: { id: '1' } });
    await expect(tracker.findIssue('2')).resolves.toEqual({ outcome: 'not-in-connection' });
    await expect(tracker.findIssue('3')).resolves.toEqual({ outcome: 'not-in-connection' });
    const calls = fake.calls.length;
    for (const text of NOT_NUMBERS)
      await expect(tracker.findIssue(text)).resolves.toMatchObject({ outcome: 'invalid' });
    expect(fake.calls).toHaveLength(calls);
    await expect(tracker.getIssues(['1) OR (1'])).rejects.toMatchObject({ code: 'invalid_request' });
    expect(fake.violations).toEqual([]);
  }, 120_000);
});

describe('Redmine', () => {
  /** A Redmine that holds issue 7 in `demo-partner` and issue 8 in its subproject, and records each query. */
  const world = () => {
    const queries: URLSearchParams[] = [];
    const issue = (id: number, project: string) => ({
      id,
      project: { id: project === 'demo-partner' ? 1 : 2, name: project },
      status: { id: 1, name: 'New' },
      subject: `Issue ${String(id)}`,
      created_on: '2026-11-24T08:00:00Z',
      updated_on: '2026-11-24T08:00:00Z',
    });
    const fetch: FetchLike = (url) => {
      const query = new URL(url).searchParams;
      queries.push(query);
      // Redmine's issue list includes subprojects unless `subproject_id=!*` (REST API, "Listing issues").
      const all = [issue(7, 'demo-partner'), issue(8, 'demo-partner-sub')];
      const issues = all.filter(
        (i) =>
          String(i.id) === query.get('issue_id') &&
          (query.get('subproject_id') !== '!*' || i.project.name === 'demo-partner'),
      );
      const text = JSON.stringify({ issues, total_count: issues.length, offset: 0, limit: 100 });
      return Promise.resolve({
        status: 200,
        headers: { get: () => null },
        text: () => Promise.resolve(text),
        arrayBuffer: () => Promise.resolve(new TextEncoder().encode(text).buffer),
      });
    };
    const client = new RedmineClient('https://redmine.example.com', 'key', fetch, 'Redmine (test)');
    return { queries, tracker: new RedmineTracker({ client, project: 'demo-partner' }) };
  };

  it('finds an issue of the project by id, not one of a subproject, and refuses other forms unasked', async () => {
    const { queries, tracker } = world();
    await expect(tracker.findIssue('#7')).resolves.toMatchObject({ outcome: 'found', issue: { id: '7' } });
    expect(Object.fromEntries(queries[0] ?? [])).toMatchObject({
      project_id: 'demo-partner',
      issue_id: '7',
      subproject_id: '!*',
    });
    await expect(tracker.findIssue('8')).resolves.toEqual({ outcome: 'not-in-connection' });
    queries.length = 0;
    for (const text of NOT_NUMBERS)
      await expect(tracker.findIssue(text)).resolves.toMatchObject({ outcome: 'invalid' });
    expect(queries).toEqual([]);
    await expect(tracker.getIssues(['7,8'])).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
