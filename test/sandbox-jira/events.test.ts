import {
  DEMO_USERS,
  textToAdf,
  type Identity,
  type JiraEmulator,
  type JiraProductEvent,
} from '../../sandbox/jira';
import { APP, arr, callJson, obj, seededEmulator } from './harness';

describe('product events', () => {
  let emulator: JiraEmulator;
  let events: JiraProductEvent[];
  let user: Identity;
  let userId: string;
  let appId: string;

  beforeEach(() => {
    emulator = seededEmulator();
    events = [];
    emulator.onEvent((e) => {
      events.push(e);
    });
    userId = emulator.site('local').userByEmail(DEMO_USERS.user.email)?.accountId ?? '';
    user = { kind: 'user', accountId: userId };
    appId = emulator.site('local').state.appAccountId;
  });

  afterEach(() => {
    expect(emulator.contractViolations).toEqual([]);
  });

  it('seeding emits nothing', () => {
    expect(events).toEqual([]);
  });

  it('attributes changes to the app or the user, for ignoreSelf', async () => {
    await callJson(emulator, APP, 'local', 'POST', '/rest/api/3/issue', {
      body: { fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'by the app' } },
    });
    await callJson(emulator, user, 'local', 'PUT', '/rest/api/3/issue/DEMO-21', {
      body: { fields: { summary: 'by a user' } },
    });

    expect(events.map((e) => [e.eventType, e.byApp, e.atlassianId])).toEqual([
      ['avi:jira:created:issue', true, appId],
      ['avi:jira:updated:issue', false, userId],
    ]);
    expect(events[0]?.actor).toEqual({ kind: 'app' });
    expect(events[1]?.actor).toEqual(user);
    expect(events[0]?.payload).toMatchObject({
      eventType: 'avi:jira:created:issue',
      selfGenerated: true,
      atlassianId: appId,
    });
    expect(obj(events[0]?.payload.issue)).toMatchObject({ key: 'DEMO-21' });
    expect(typeof events[0]?.payload.timestamp).toBe('string');
    expect(emulator.site('local').findIssue('DEMO-21')?.history[0]).toMatchObject({
      authorAccountId: userId,
      byApp: false,
    });
  });

  it('sends changelog items and statuses with updates', async () => {
    await callJson(emulator, user, 'local', 'POST', '/rest/api/3/issue/DEMO-1/transitions', {
      body: { transition: { id: '21' }, fields: { assignee: null } },
    });
    expect(events).toHaveLength(1);
    const payload = events[0]?.payload ?? {};
    expect(obj(payload.changelog).items).toEqual([
      {
        field: 'assignee',
        fieldtype: 'jira',
        fieldId: 'assignee',
        from: userId,
        fromString: DEMO_USERS.user.displayName,
        to: null,
        toString: null,
      },
      {
        field: 'status',
        fieldtype: 'jira',
        fieldId: 'status',
        from: '10000',
        fromString: 'To Do',
        to: '10001',
        toString: 'In Progress',
      },
    ]);
    expect(payload.associatedStatuses).toEqual([
      expect.objectContaining({ name: 'In Progress' }),
      expect.objectContaining({ name: 'To Do' }),
    ]);
  });

  it('does not emit for an edit that changes nothing', async () => {
    const issue = emulator.site('local').findIssue('DEMO-1');
    await callJson(emulator, APP, 'local', 'PUT', '/rest/api/3/issue/DEMO-1', {
      body: { fields: { summary: issue?.summary } },
    });
    expect(events).toEqual([]);
  });

  it('emits comment, attachment and link events, and deletes without cascading', async () => {
    const comment = obj(
      (
        await callJson(emulator, user, 'local', 'POST', '/rest/api/3/issue/DEMO-2/comment', {
          body: { body: textToAdf('hi') },
        })
      ).json,
    );
    await callJson(emulator, user, 'local', 'PUT', `/rest/api/3/issue/DEMO-2/comment/${String(comment.id)}`, {
      body: { body: textToAdf('edited') },
    });
    await callJson(
      emulator,
      APP,
      'local',
      'DELETE',
      `/rest/api/3/issue/DEMO-2/comment/${String(comment.id)}`,
    );

    const boundary = 'tandem-boundary';
    const multipart = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nabc\r\n--${boundary}--\r\n`,
    );
    const upload = (headers: Record<string, string>): Promise<{ status: number; body: Buffer }> =>
      emulator.handle(
        {
          site: 'local',
          method: 'POST',
          path: '/rest/api/3/issue/DEMO-2/attachments',
          query: {},
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
          body: multipart,
        },
        APP,
      );
    expect((await upload({})).status).toBe(403);
    const uploaded = await upload({ 'X-Atlassian-Token': 'no-check' });
    expect(uploaded.status).toBe(200);
    const parsed: unknown = JSON.parse(uploaded.body.toString('utf8'));
    const attachmentId = String(obj(arr(parsed)[0]).id);
    await callJson(emulator, APP, 'local', 'DELETE', `/rest/api/3/attachment/${attachmentId}`);

    await callJson(emulator, APP, 'local', 'POST', '/rest/api/3/issueLink', {
      body: { type: { name: 'Relates' }, inwardIssue: { key: 'DEMO-2' }, outwardIssue: { key: 'DEMO-3' } },
    });
    const linkId =
      emulator.site('local').linksOf(emulator.site('local').findIssue('DEMO-2')?.id ?? '')[0]?.id ?? '';
    await callJson(emulator, APP, 'local', 'DELETE', `/rest/api/3/issueLink/${linkId}`);

    await callJson(emulator, APP, 'local', 'POST', '/rest/api/3/issue/DEMO-4/comment', {
      body: { body: textToAdf('goes with the issue') },
    });
    await callJson(emulator, APP, 'local', 'DELETE', '/rest/api/3/issue/DEMO-4');

    expect(events.map((e) => e.eventType)).toEqual([
      'avi:jira:commented:issue',
      'avi:jira:commented:issue',
      'avi:jira:deleted:comment',
      'avi:jira:updated:issue',
      'avi:jira:created:attachment',
      'avi:jira:updated:issue',
      'avi:jira:deleted:attachment',
      'avi:jira:updated:issue',
      'avi:jira:updated:issue',
      'avi:jira:created:issuelink',
      'avi:jira:updated:issue',
      'avi:jira:updated:issue',
      'avi:jira:deleted:issuelink',
      'avi:jira:commented:issue',
      'avi:jira:deleted:issue',
    ]);
    const created = events.find((e) => e.eventType === 'avi:jira:created:attachment')?.payload;
    expect(obj(created?.attachment)).toMatchObject({ fileName: 'a.txt', size: 3, mimeType: 'text/plain' });
    const link = events.find((e) => e.eventType === 'avi:jira:created:issuelink')?.payload;
    const site = emulator.site('local');
    expect(link).toMatchObject({
      sourceIssueId: site.findIssue('DEMO-2')?.id,
      destinationIssueId: site.findIssue('DEMO-3')?.id,
    });
    expect(obj(link?.issueLinkType).name).toBe('Relates');
    const commentEvents = events.filter((e) => e.eventType === 'avi:jira:commented:issue');
    expect(commentEvents.slice(0, 2).every((e) => e.atlassianId === userId && !e.byApp)).toBe(true);
  });

  it('delivers after the change is visible, and keeps delivering when a listener throws', async () => {
    const seen: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    emulator.onEvent(() => {
      throw new Error('listener bug');
    });
    emulator.onEvent((e) => {
      seen.push(emulator.site('local').findIssue(String(obj(e.payload.issue).key))?.summary ?? 'missing');
    });
    await callJson(emulator, APP, 'local', 'PUT', '/rest/api/3/issue/DEMO-1', {
      body: { fields: { summary: 'visible' } },
    });
    expect(seen).toEqual(['visible']);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});
