/**
 * The GitLab connector against the contract, through @gitbeaker/rest over the fake GitLab whose routes and
 * parameters are GitLab's documented ones and whose answers are typed by gitbeaker's schemas.
 */
import { CONNECTORS } from '../../../src/connectors/registry';
import { gitlabRequester } from '../../../src/connectors/gitlab/gitlab-requester';
import { GitLabTracker } from '../../../src/connectors/gitlab/gitlab-tracker';
import { FakeGitLab, HOST } from '../gitlab/fake-gitlab';
import { describeTrackerContract, type ContractSubject } from './tracker-contract';

function gitlabSubject(): ContractSubject {
  const fake = new FakeGitLab();
  const connect = () =>
    new GitLabTracker({
      host: HOST,
      token: 'glpat-test',
      requesterFn: gitlabRequester(fake.fetch, 'GitLab (test)', () => new Date(fake.ms)),
      project: fake.project,
    });
  return {
    tracker: connect(),
    restart: connect,
    paths: { title: 'title', body: 'description', labels: 'labels' },
    status: { path: 'state', from: 'opened', to: 'closed' },
    heldBody: (markdown) => markdown,
    pageSize: 100,
    personCreates: (titles) => Promise.resolve(titles.map((title) => String(fake.userCreate({ title }).iid))),
    personEditsTitle: (id, title) => {
      fake.userEdit(Number(id), { title });
      return Promise.resolve();
    },
    personComments: (id, body) => Promise.resolve(String(fake.userNote(Number(id), body).id)),
    advance: () => {
      fake.ms += 1000;
      return Promise.resolve();
    },
    missingId: '99999',
    outOfScopeRefs: ['4242'],
    violations: () => fake.violations,
  };
}

it('declares the capabilities the registry declares for GitLab', () => {
  expect(gitlabSubject().tracker.capabilities).toEqual(CONNECTORS.gitlab.capabilities);
});

describeTrackerContract('GitLab on its documented-routes fake', () => Promise.resolve(gitlabSubject()));
