import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_USERS } from '../../sandbox/jira';
import type { JiraProductEvent } from '../../sandbox/jira';
import { arr, obj, startSeeded, type Harness } from './harness';

/** Runs the jira.js client script in a child process (jira.js is ESM-only) and returns its JSON report. */
function runClient(host: string, email: string, token: string): Promise<Record<string, unknown>> {
  const script = join(__dirname, 'jira-js-client.mts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, host, email, token], {
      cwd: join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`jira.js client failed (${code}): ${err}`));
        return;
      }
      try {
        resolve(obj(JSON.parse(out)));
      } catch (e) {
        reject(new Error(`unreadable client output: ${out}\n${err}\n${String(e)}`));
      }
    });
  });
}

describe('jira.js against the emulator over HTTP', () => {
  let h: Harness;
  const events: JiraProductEvent[] = [];
  let report: Record<string, unknown>;

  beforeAll(async () => {
    h = await startSeeded();
    h.emulator.onEvent((e) => {
      events.push(e);
    });
    report = await runClient(h.server.siteUrl('partner'), DEMO_USERS.admin.email, DEMO_USERS.admin.apiToken);
  }, 30_000);

  afterAll(async () => {
    await h.close();
  });

  it('creates, reads and edits an issue', () => {
    const admin = h.emulator.site('partner').userByEmail(DEMO_USERS.admin.email);
    expect(report.me).toBe(admin?.accountId);
    expect(report.createdKey).toBe('PARTNER-21');
    expect(report.edited).toEqual({ summary: 'Edited by jira.js', labels: ['synced'] });
  });

  it('pages through more than 100 issues with nextPageToken, and caps maxResults at 100', () => {
    const keys = report.pagedKeys;
    expect(Array.isArray(keys) ? keys.length : 0).toBe(110);
    expect(new Set(Array.isArray(keys) ? keys : []).size).toBe(110);
    expect(report.pages).toBe(3);
    expect(Array.isArray(keys) ? keys.slice(0, 2) : []).toEqual(['PARTNER-22', 'PARTNER-23']);
    expect(report.cappedCount).toBe(100);
    expect(report.cappedIsLast).toBe(false);
  });

  it('adds, edits and deletes a comment', () => {
    expect(report.commentBodyAfterEdit).toEqual({
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Edited comment' }] }],
    });
    expect(report.commentsAfterDelete).toBe(0);
  });

  it('transitions along the workflow and records the changelog', () => {
    expect(report.statusAfterTransition).toBe('In Progress');
    expect(report.changelogFields).toEqual(
      expect.arrayContaining(['summary', 'labels', 'status', 'Attachment', 'Link']),
    );
  });

  it('uploads, reads and deletes an attachment', () => {
    expect(report.uploadedName).toBe('hello.txt');
    expect(report.metaSize).toBe('hello attachment'.length);
    expect(report.content).toBe('hello attachment');
  });

  it('links issues and upserts remote links by globalId', () => {
    expect(report.linkTypeNames).toEqual(['Blocks', 'Cloners', 'Duplicate', 'Relates']);
    expect(report.linkInward).toBe('PARTNER-21');
    expect(report.linkOutward).toBe('PARTNER-132');
    const [first, second] = arr(report.remoteIds);
    expect(first).toBe(second);
    expect(Array.isArray(report.remoteLinks)).toBe(true);
  });

  it('stores issue properties and answers permissions', () => {
    expect(report.property).toEqual({ pair: 'abc' });
    expect(report.permissions).toEqual({ ADMINISTER_PROJECTS: true, BROWSE_PROJECTS: true });
  });

  it('emits events attributed to the user who called, not the app', () => {
    const admin = h.emulator.site('partner').userByEmail(DEMO_USERS.admin.email);
    const types = new Set(events.map((e) => e.eventType));
    expect(types).toEqual(
      new Set([
        'avi:jira:created:issue',
        'avi:jira:updated:issue',
        'avi:jira:commented:issue',
        'avi:jira:deleted:comment',
        'avi:jira:created:attachment',
        'avi:jira:deleted:attachment',
        'avi:jira:created:issuelink',
        'avi:jira:deleted:issuelink',
      ]),
    );
    expect(events.every((e) => !e.byApp && e.atlassianId === admin?.accountId)).toBe(true);
  });

  it('every request and response matched the OpenAPI contract', () => {
    expect(h.emulator.contractViolations).toEqual([]);
  });
});
