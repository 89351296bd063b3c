/**
 * The GitLab webhook bodies of ../shared/contracts/gitlab-webhooks, sent to the demo GitLab integration's
 * URL with its token and the X-Gitlab-Event header GitLab documents for each (the files do not carry it),
 * end as development information under the expected key. Rewrites, as for the GitHub examples: commit
 * messages and the merge request title start with the key; nothing else changes. Fixtures of events that
 * carry no dev info (issues, notes) are acknowledged and ignored.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { contractsDir } from '../../sandbox/jira/contract/contracts-dir';
import {
  deliverGitlab,
  entityOn,
  jiraJsFailures,
  settle,
  startDevInfoWorld,
  type DevInfoWorld,
} from './harness';

const FIXTURES = path.join(contractsDir(), '..', 'gitlab-webhooks');
const read = (name: string): Record<string, unknown> =>
  z.record(z.string(), z.unknown()).parse(JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')));

const Commit = z.looseObject({ id: z.string(), message: z.string() });
const Push = z.looseObject({ ref: z.string(), commits: z.array(Commit) });
const MergeRequest = z.looseObject({
  object_attributes: z.looseObject({ iid: z.number(), title: z.string(), state: z.string() }),
});

let w: DevInfoWorld;
beforeAll(async () => {
  w = await startDevInfoWorld();
});
afterAll(async () => {
  await w.close();
});

it.each([
  ['push.json', 'Push Hook', 'DEMO-7'],
  ['tag_push.json', 'Tag Push Hook', 'DEMO-8'],
])('%s (%s) stores its commits under %s', async (file, event, key) => {
  const push = Push.parse(read(file));
  for (const c of push.commits) c.message = `${key} ${c.message}`;
  const answer = await deliverGitlab(w, event, push);
  expect(answer.status).toBe(202);
  await settle(w);
  for (const c of push.commits) expect(entityOn(w, key, 'commits', c.id)?.issueKeys).toEqual([key]);
  if (push.ref.startsWith('refs/heads/'))
    expect(entityOn(w, key, 'branches', 'master')?.issueKeys).toEqual([key]);
});

it.each([
  ['opened', 'OPEN', 'DEMO-9'],
  ['merged', 'MERGED', 'DEMO-10'],
  ['closed', 'DECLINED', 'DEMO-11'],
])('merge_request.json in state %s is a %s pull request under %s', async (state, status, key) => {
  const mr = MergeRequest.parse(read('merge_request.json'));
  mr.object_attributes.title = `${key} ${mr.object_attributes.title}`;
  mr.object_attributes.state = state;
  expect((await deliverGitlab(w, 'Merge Request Hook', mr)).status).toBe(202);
  await settle(w);
  const pr = entityOn(w, key, 'pullRequests', String(mr.object_attributes.iid));
  expect(pr).toMatchObject({ issueKeys: [key], status });
});

it.each([
  ['issue.json', 'Issue Hook'],
  ['note_commit.json', 'Note Hook'],
  ['note_issue.json', 'Note Hook'],
  ['note_merge_request.json', 'Note Hook'],
])('%s (%s) is acknowledged and ignored', async (file, event) => {
  const answer = await deliverGitlab(w, event, read(file));
  expect(answer).toMatchObject({ status: 200, body: { accepted: false } });
});

it('sent only payloads that jira.js and the OpenAPI document accept', async () => {
  expect(w.emulator.bulkBodies.length).toBeGreaterThanOrEqual(5);
  expect(await jiraJsFailures(w.emulator.bulkBodies)).toEqual({
    checked: w.emulator.bulkBodies.length,
    failures: [],
  });
  expect(w.emulator.contractViolations).toEqual([]);
}, 30_000);
