/**
 * Incoming GitHub webhooks: signatures checked in constant time against GitHub's documented test vector
 * and real payloads from @octokit/webhooks-examples, with rotation and every way a request can be wrong.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { verifyIssueWebhook } from '../../../src/connectors/github/verify-issue-webhook';

const sign = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const ExamplesSchema = z.array(z.object({ name: z.string(), examples: z.array(z.object({}).loose()) }));
const examples = ExamplesSchema.parse(
  JSON.parse(
    readFileSync(
      path.join(
        path.dirname(require.resolve('@octokit/webhooks-examples/package.json')),
        'api.github.com',
        'index.json',
      ),
      'utf8',
    ),
  ),
);
const payloads = (name: string) => examples.find((e) => e.name === name)?.examples ?? [];

describe('GitHub issue webhooks', () => {
  it('matches GitHub’s documented signature example', () => {
    // docs.github.com, "Validating webhook deliveries": this secret and payload give this signature.
    const headers = {
      'X-Hub-Signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      'X-GitHub-Event': 'ping',
    };
    expect(verifyIssueWebhook(["It's a Secret to Everybody"], headers, 'Hello, World!')).toEqual({
      ok: true,
      event: undefined,
    });
    expect(verifyIssueWebhook(['another secret'], headers, 'Hello, World!')).toMatchObject({ ok: false });
  });

  it.each([
    ['issues', 29],
    ['issue_comment', 9],
  ])('accepts every real %s payload, signed, and names the issue to re-read', (name, count) => {
    const all = payloads(name);
    expect(all).toHaveLength(count);
    for (const payload of all) {
      const body = JSON.stringify(payload);
      const result = verifyIssueWebhook(
        ['s3cret'],
        { 'x-hub-signature-256': sign('s3cret', body), 'x-github-event': name },
        body,
      );
      expect(result.ok).toBe(true);
      if (!result.ok || !result.event) continue;
      expect(result.event.kind).toBe(name);
      expect(result.event.issueNumber).toBeGreaterThan(0);
      expect(result.event.repo).toMatch(/^[^/]+\/[^/]+$/);
    }
  });

  it('names the sub-issue of a sub_issues event, in its own repository, for each of its four actions', () => {
    // GitHub's webhook schemas webhook-sub-issues-{parent,sub}-issue-{added,removed}: `sub_issue` and
    // `parent_issue` are issue objects; the event goes to the sub-issue's and to the parent's repository.
    const issues = payloads('issues').map((p) => p.issue as Record<string, unknown>);
    const [child, parent] = issues.filter((i) => !('pull_request' in i));
    const repoOf = (i: Record<string, unknown> | undefined) =>
      String(i?.repository_url).split('/').slice(-2).join('/');
    for (const action of [
      'parent_issue_added',
      'parent_issue_removed',
      'sub_issue_added',
      'sub_issue_removed',
    ]) {
      const body = JSON.stringify({
        action,
        sub_issue_id: child?.id,
        sub_issue: child,
        parent_issue_id: parent?.id,
        parent_issue: parent,
        parent_issue_repo: payloads('issues')[0]?.repository,
        repository: payloads('issues')[0]?.repository,
      });
      const headers = { 'x-hub-signature-256': sign('s', body), 'x-github-event': 'sub_issues' };
      expect(verifyIssueWebhook(['s'], headers, body)).toEqual({
        ok: true,
        event: { repo: repoOf(child), issueNumber: child?.number, action, kind: 'sub_issues' },
      });
    }
    const junk = '{"action":"sub_issue_added"}';
    expect(
      verifyIssueWebhook(
        ['s'],
        { 'x-hub-signature-256': sign('s', junk), 'x-github-event': 'sub_issues' },
        junk,
      ),
    ).toMatchObject({ ok: false, status: 422 });
  });

  it('leaves pull requests out', () => {
    const prEvents = payloads('issues').filter(
      (p) => z.object({ issue: z.object({ pull_request: z.object({}).loose() }) }).safeParse(p).success,
    );
    expect(prEvents.length).toBeGreaterThan(0);
    for (const payload of prEvents) {
      const body = JSON.stringify(payload);
      expect(
        verifyIssueWebhook(
          ['s'],
          { 'x-hub-signature-256': sign('s', body), 'x-github-event': 'issues' },
          body,
        ),
      ).toEqual({ ok: true, event: undefined });
    }
  });

  it('accepts the old or the new secret during rotation', () => {
    const body = JSON.stringify(payloads('issues')[0]);
    const headers = { 'x-hub-signature-256': sign('old', body), 'x-github-event': 'issues' };
    expect(verifyIssueWebhook(['new', 'old'], headers, body).ok).toBe(true);
    expect(verifyIssueWebhook(['new'], headers, body).ok).toBe(false);
  });

  it('rejects a missing or wrong signature, a changed body, an empty secret and a body that is not an event', () => {
    const body = JSON.stringify(payloads('issues')[0]);
    expect(verifyIssueWebhook(['s'], { 'x-github-event': 'issues' }, body)).toEqual({
      ok: false,
      status: 401,
      reason: 'missing X-Hub-Signature-256',
    });
    expect(
      verifyIssueWebhook(['s'], { 'x-hub-signature-256': 'sha256=00', 'x-github-event': 'issues' }, body).ok,
    ).toBe(false);
    expect(
      verifyIssueWebhook(
        ['s'],
        { 'x-hub-signature-256': sign('s', body), 'x-github-event': 'issues' },
        `${body} `,
      ).ok,
    ).toBe(false);
    expect(
      verifyIssueWebhook([''], { 'x-hub-signature-256': sign('', body), 'x-github-event': 'issues' }, body)
        .ok,
    ).toBe(false);
    const junk = '{"hello":1}';
    expect(
      verifyIssueWebhook(['s'], { 'x-hub-signature-256': sign('s', junk), 'x-github-event': 'issues' }, junk)
        .ok,
    ).toBe(false);
  });
});
