/**
 * The GitHub connector against the contract, over the fake GitHub that validates every request and answer
 * against GitHub's OpenAPI description (test/connectors/github). A pull request lives in the same number
 * space as issues: it is outside the connection's scope, so it must stay out of listings and lookups.
 */
import { Octokit } from '@octokit/rest';
import type { OpenAPIBackend } from 'openapi-backend';
import { CONNECTORS } from '../../../src/connectors/registry';
import { fetchFor } from '../../../src/connectors/github/github-fetch';
import { GitHubTracker } from '../../../src/connectors/github/github-tracker';
import { FakeGitHub } from '../github/fake-github';
import { githubApi } from '../github/github-openapi';
import { API } from '../github/github-shapes';
import { describeTrackerContract, type ContractSubject } from './tracker-contract';

let api: OpenAPIBackend;
beforeAll(async () => {
  api = await githubApi();
}, 120_000);

function githubSubject(): ContractSubject {
  const fake = new FakeGitHub(api);
  const pullRequest = fake.userCreate({ title: 'a pull request', pullRequest: true });
  const connect = () =>
    new GitHubTracker({
      octokit: new Octokit({ baseUrl: API, request: { fetch: fetchFor(fake.fetch) } }),
      repo: fake.repo,
      now: () => new Date(fake.ms),
    });
  return {
    tracker: connect(),
    restart: connect,
    paths: { title: 'title', body: 'body', labels: 'labels' },
    status: { path: 'state', from: 'open', to: 'closed' },
    heldBody: (markdown) => markdown,
    pageSize: 100,
    personCreates: (titles) =>
      Promise.resolve(titles.map((title) => String(fake.userCreate({ title }).number))),
    personEditsTitle: (id, title) => {
      fake.userEdit(Number(id), { title });
      return Promise.resolve();
    },
    personComments: (id, body) => Promise.resolve(String(fake.userComment(Number(id), body).id)),
    advance: () => {
      fake.ms += 1000;
      return Promise.resolve();
    },
    missingId: '99999',
    // GitHub issues have no types: any issue may be any issue's parent.
    hierarchy: { parent: {}, child: {} },
    outOfScopeRefs: [String(pullRequest.number), `#${pullRequest.number}`],
    violations: () => fake.violations,
  };
}

it('declares the capabilities the registry declares for GitHub', () => {
  expect(githubSubject().tracker.capabilities).toEqual(CONNECTORS.github.capabilities);
});

describeTrackerContract('GitHub on its OpenAPI-checked fake', () => Promise.resolve(githubSubject()));
