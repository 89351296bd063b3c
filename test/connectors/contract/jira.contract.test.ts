/**
 * The Jira connector against the contract, over HTTP on the contract-checked Jira Cloud emulator
 * (sandbox/jira, every request and answer validated against Atlassian's OpenAPI): a fresh project for
 * every case on the `local` site, people's edits and comments made in the site as Uma would, and the
 * emulator's clock moved a minute at a time, since JQL compares times to the minute.
 */
import { JiraTracker } from '../../../src/connectors/jira/jira-tracker';
import { remoteJiraTransport } from '../../../src/connectors/jira/remote-transport';
import { markdownToAdf } from '../../../src/connectors/markdown';
import { CONNECTORS } from '../../../src/connectors/registry';
import { textToAdf } from '../../../sandbox/jira/adf/adf-text';
import type { Actor } from '../../../sandbox/jira/domain/actor';
import { createIssue, editIssue } from '../../../sandbox/jira/domain/issue-ops';
import { touchIssue } from '../../../sandbox/jira/domain/record-change';
import { storeComment } from '../../../sandbox/jira/domain/store-comment';
import { DEMO_USERS } from '../../../sandbox/jira/seed';
import { startSeeded, type Harness } from '../../sandbox-jira/harness';
import { nodeFetch } from '../node-fetch';
import { describeTrackerContract, type ContractSubject } from './tracker-contract';

let jira: Harness;
let ms = Date.parse('2026-11-24T08:00:00.000Z');
beforeAll(async () => {
  jira = await startSeeded();
  jira.emulator.setClock(() => ms);
});
afterAll(async () => {
  await jira.close();
});

let projects = 0;
function jiraSubject(): ContractSubject {
  const site = jira.emulator.site('local');
  const admin = site.userByEmail(DEMO_USERS.admin.email);
  if (!admin) throw new Error('the seeded site has no admin');
  const person: Actor = {
    identity: { kind: 'user', accountId: admin.accountId },
    accountId: admin.accountId,
    byApp: false,
  };
  const key = `CT${++projects}`;
  site.addProject({ key, name: `Contract ${projects}`, leadAccountId: admin.accountId });
  const outside = site.requireIssue('DEMO-1');
  const siteUrl = jira.server.siteUrl('local');
  const connect = () =>
    new JiraTracker({
      transport: remoteJiraTransport(
        siteUrl,
        { kind: 'cloud', email: DEMO_USERS.admin.email, apiToken: DEMO_USERS.admin.apiToken },
        nodeFetch,
      ),
      label: 'Jira (contract)',
      browseBase: siteUrl,
      project: key,
      now: () => new Date(ms),
    });
  return {
    tracker: connect(),
    restart: connect,
    paths: { title: 'summary', body: 'description', labels: 'labels' },
    status: { path: 'status.name', from: 'To Do', to: 'In Progress' },
    heldBody: (markdown) => markdownToAdf(markdown),
    hierarchy: { parent: { 'issuetype.name': 'Epic' }, child: { 'issuetype.name': 'Task' } },
    pageSize: 100,
    sinceResolutionMs: 60_000,
    personCreates: (titles) =>
      Promise.resolve(
        titles.map(
          (summary) =>
            createIssue(site, person, { fields: { project: { key }, issuetype: { name: 'Task' }, summary } })
              .id,
        ),
      ),
    personEditsTitle: (id, summary) => {
      editIssue(site, person, site.requireIssue(id), { fields: { summary } });
      return Promise.resolve();
    },
    personComments: (id, text) => {
      const issue = site.requireIssue(id);
      const comment = storeComment(site, issue, admin.accountId, textToAdf(text));
      touchIssue(site, issue);
      return Promise.resolve(comment.id);
    },
    advance: () => {
      ms += 61_000;
      return Promise.resolve();
    },
    missingId: '99999999',
    outOfScopeRefs: [outside.key, outside.id],
    linkType: 'Blocks',
    // Jira refuses a label with a space in it ("The label 'a b' contains spaces which is invalid").
    refusedCreate: { fields: { labels: ['has space'] }, reason: /contains spaces/ },
    partnerLinksOf: (id) =>
      Promise.resolve(
        site.remoteLinksOf(id).map((l) => ({
          globalId: l.globalId ?? '',
          title: typeof l.object.summary === 'string' ? l.object.summary : '',
        })),
      ),
    violations: () => jira.emulator.contractViolations.map((v) => JSON.stringify(v)),
  };
}

it('declares the capabilities the registry declares for Jira', () => {
  expect(jiraSubject().tracker.capabilities).toEqual(CONNECTORS.jira.capabilities);
});

describeTrackerContract('Jira Cloud on the contract-checked emulator', () => Promise.resolve(jiraSubject()));
