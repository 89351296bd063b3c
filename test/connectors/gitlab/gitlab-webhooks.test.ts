/**
 * GitLab webhooks: the real bodies in ../shared/contracts/gitlab-webhooks parse, X-Gitlab-Token is checked
 * in constant time with rotation, and only issue and issue-note events ask for a sync.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { verifyGitLabWebhook } from '../../../src/connectors/gitlab/verify-issue-webhook';

const CONTRACTS =
  process.env.TANDEM_CONTRACTS_ROOT ?? path.join(__dirname, '..', '..', '..', '..', 'shared', 'contracts');
const body = (file: string) => readFileSync(path.join(CONTRACTS, 'gitlab-webhooks', file), 'utf8');
const headers = (event: string, token = 's3cret') => ({ 'X-Gitlab-Token': token, 'X-Gitlab-Event': event });

describe('GitLab webhooks', () => {
  it('reads the issue a real Issue Hook is about', () => {
    expect(verifyGitLabWebhook(['s3cret'], headers('Issue Hook'), body('issue.json'))).toEqual({
      ok: true,
      event: {
        project: expect.stringContaining('/') as string,
        issueIid: expect.any(Number) as number,
        action: expect.any(String) as string,
        kind: 'issue',
      },
    });
  });

  it('reads the issue a real Note Hook on an issue is about', () => {
    const result = verifyGitLabWebhook(['s3cret'], headers('Note Hook'), body('note_issue.json'));
    expect(result).toEqual({
      ok: true,
      event: expect.objectContaining({ project: 'gitlab-org/gitlab-test', kind: 'note' }) as unknown,
    });
  });

  it.each([
    ['Note Hook', 'note_merge_request.json'],
    ['Note Hook', 'note_commit.json'],
    ['Merge Request Hook', 'merge_request.json'],
    ['Push Hook', 'push.json'],
    ['Tag Push Hook', 'tag_push.json'],
  ])('verifies but ignores a %s from %s', (event, file) => {
    expect(verifyGitLabWebhook(['s3cret'], headers(event), body(file))).toEqual({
      ok: true,
      event: undefined,
    });
  });

  it('accepts either token during rotation and rejects a missing or wrong one', () => {
    const issue = body('issue.json');
    expect(verifyGitLabWebhook(['new', 'old'], headers('Issue Hook', 'old'), issue).ok).toBe(true);
    expect(verifyGitLabWebhook(['new'], headers('Issue Hook', 'old'), issue)).toEqual({
      ok: false,
      status: 401,
      reason: expect.stringContaining('does not match') as string,
    });
    expect(verifyGitLabWebhook(['new'], { 'X-Gitlab-Event': 'Issue Hook' }, issue)).toEqual({
      ok: false,
      status: 401,
      reason: 'missing X-Gitlab-Token',
    });
    expect(verifyGitLabWebhook([''], headers('Issue Hook', ''), issue).ok).toBe(false);
    expect(verifyGitLabWebhook(['s3cret'], headers('Issue Hook'), '{"object_kind":"push"}').ok).toBe(false);
  });
});
