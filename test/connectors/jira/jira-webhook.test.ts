/**
 * Incoming Jira admin webhooks: the real bodies in ../shared/contracts/jira-webhooks-v2, signed as Jira Cloud
 * signs an admin webhook with a secret (X-Hub-Signature: sha256=<HMAC-SHA256 of the raw body>), name the
 * issue to re-read; a missing or wrong signature, another project's event and a body that is not what it
 * says are each refused or ignored with a reason.
 */
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { verifyJiraWebhook } from '../../../src/connectors/jira/verify-jira-webhook';

const CONTRACTS =
  process.env.TANDEM_CONTRACTS_ROOT ?? path.join(__dirname, '..', '..', '..', '..', 'shared', 'contracts');
const dir = path.join(CONTRACTS, 'jira-webhooks-v2');
const fixture = (file: string) => readFileSync(path.join(dir, file), 'utf8');

const sign = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const signed = (body: string, secret = 's3cret') => ({
  'X-Hub-Signature': sign(secret, body),
  'Content-Type': 'application/json',
});

/** The fixture's own project key, so the project check passes for the fixtures that carry one. */
function projectOf(body: string): string {
  const m = /"project"\s*:\s*\{[^}]*?"key"\s*:\s*"([^"]+)"/.exec(body);
  return m?.[1] ?? 'ANY';
}

describe('Jira admin webhooks', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('has the real payloads to check against', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  it.each(files.filter((f) => f !== 'comment_created.json'))(
    'names the issue of the real %s payload, signed',
    (file) => {
      const body = fixture(file);
      const issueId = String((JSON.parse(body) as { issue: { id: string | number } }).issue.id);
      expect(verifyJiraWebhook(['s3cret'], signed(body), body, projectOf(body))).toEqual({
        ok: true,
        issueIds: [issueId],
      });
    },
  );

  it('refuses a comment event that does not say which issue (this old payload has no issue)', () => {
    const body = fixture('comment_created.json');
    expect(verifyJiraWebhook(['s3cret'], signed(body), body, 'X')).toMatchObject({
      ok: false,
      status: 422,
      reason: 'comment_created without issue.id',
    });
  });

  it('refuses a missing or wrong signature before reading the body', () => {
    const body = fixture('issue_created.json');
    expect(verifyJiraWebhook(['s3cret'], { 'Content-Type': 'application/json' }, body, 'X')).toMatchObject({
      ok: false,
      status: 401,
      reason: 'missing X-Hub-Signature: give the Jira webhook this connection’s secret',
    });
    expect(verifyJiraWebhook(['s3cret'], signed(body, 'guess'), body, 'X')).toMatchObject({
      ok: false,
      status: 401,
    });
    // A signature over other bytes (a re-serialised body) does not count.
    expect(
      verifyJiraWebhook(['s3cret'], signed(JSON.stringify(JSON.parse(body))), body, projectOf(body)),
    ).toMatchObject({ ok: false, status: 401 });
    expect(verifyJiraWebhook([], signed(body), body, 'X')).toMatchObject({ ok: false, status: 401 });
  });

  it('accepts the previous secret during a rotation', () => {
    const body = fixture('issue_created.json');
    expect(verifyJiraWebhook(['new', 'old'], signed(body, 'old'), body, projectOf(body))).toMatchObject({
      ok: true,
    });
  });

  it('ignores another project’s event, and events that name no issue', () => {
    const body = fixture('issue_updated_generic.json');
    expect(verifyJiraWebhook(['s3cret'], signed(body), body, 'NOT-IT')).toEqual({
      ok: true,
      ignored: `an event of project ${projectOf(body)}, not NOT-IT`,
    });
    const sprint = JSON.stringify({ timestamp: 1, webhookEvent: 'sprint_started', sprint: { id: 1 } });
    expect(verifyJiraWebhook(['s3cret'], signed(sprint), sprint, 'X')).toEqual({
      ok: true,
      ignored: 'sprint_started names no issue to sync',
    });
  });

  it('names both ends of an issue link, and the issue of a work log', () => {
    const link = JSON.stringify({
      timestamp: 1,
      webhookEvent: 'issuelink_created',
      issueLink: { id: 10001, sourceIssueId: 10002, destinationIssueId: 10003, issueLinkType: {} },
    });
    expect(verifyJiraWebhook(['s3cret'], signed(link), link, 'X')).toEqual({
      ok: true,
      issueIds: ['10002', '10003'],
    });
    const worklog = JSON.stringify({
      webhookEvent: 'worklog_updated',
      worklog: { id: '1', issueId: '10009' },
    });
    expect(verifyJiraWebhook(['s3cret'], signed(worklog), worklog, 'X')).toEqual({
      ok: true,
      issueIds: ['10009'],
    });
  });

  it('refuses an issue id that is not a number, so it never reaches a JQL query', () => {
    const body = JSON.stringify({
      webhookEvent: 'jira:issue_updated',
      issue: { id: '1) OR project = SECRET OR id in (2', key: 'X-1' },
    });
    expect(verifyJiraWebhook(['s3cret'], signed(body), body, 'X')).toMatchObject({
      ok: false,
      status: 422,
      reason: 'not a Jira webhook event: issue.id: an issue id is a number',
    });
    const notJson = 'webhookEvent=jira:issue_updated';
    expect(verifyJiraWebhook(['s3cret'], signed(notJson), notJson, 'X')).toMatchObject({
      ok: false,
      status: 422,
    });
  });
});
