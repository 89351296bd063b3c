/**
 * Real GitHub payloads from @octokit/webhooks-examples, rewritten only so that they name a Jira issue: a
 * branch push whose commit messages and branch start with the key, and an opened pull request whose title
 * does. For tests that need one realistic event rather than the whole package (github-examples.test.ts).
 */
import examples from '@octokit/webhooks-examples/api.github.com/index.json';
import { z } from 'zod';

const Definition = z.looseObject({ name: z.string(), examples: z.array(z.unknown()) });
const Commit = z.looseObject({ id: z.string(), message: z.string(), url: z.string() });
const Push = z.looseObject({
  ref: z.string(),
  deleted: z.boolean(),
  commits: z.array(Commit),
  head_commit: Commit.nullable(),
  repository: z.looseObject({ full_name: z.string() }),
});
const PullRequestEvent = z.looseObject({
  action: z.string(),
  pull_request: z.looseObject({
    number: z.number(),
    title: z.string(),
    html_url: z.string(),
    state: z.string(),
  }),
});
export type ExamplePush = z.infer<typeof Push>;
export type ExamplePullRequest = z.infer<typeof PullRequestEvent>;

function examplesOf(event: string): unknown[] {
  const found = z
    .array(Definition)
    .parse(examples)
    .find((d) => d.name === event);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${event} examples`);
  // A deep copy: the package's objects are shared by every test in the process.
  return z.array(z.unknown()).parse(JSON.parse(JSON.stringify(found.examples)));
}

/** The package's first push of a branch with commits, naming `key` in its messages and its branch. */
export function examplePush(key: string): ExamplePush {
  const push = examplesOf('push')
    .map((p) => Push.parse(p))
    .find((p) => p.ref.startsWith('refs/heads/') && !p.deleted && p.commits.length > 0);
  if (!push) throw new Error('@octokit/webhooks-examples has no branch push with commits');
  for (const c of push.commits) c.message = `${key} ${c.message}`;
  if (push.head_commit) push.head_commit.message = `${key} ${push.head_commit.message}`;
  push.ref = `refs/heads/${key}-${push.ref.slice('refs/heads/'.length)}`;
  return push;
}

/** The package's first `opened` pull request, its title starting with `key`. */
export function examplePullRequest(key: string): ExamplePullRequest {
  const pr = examplesOf('pull_request')
    .map((p) => PullRequestEvent.parse(p))
    .find((p) => p.action === 'opened');
  if (!pr) throw new Error('@octokit/webhooks-examples has no opened pull request');
  pr.pull_request.title = `${key} ${pr.pull_request.title}`;
  return pr;
}
