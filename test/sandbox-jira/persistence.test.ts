import { JiraEmulator, textToAdf } from '../../sandbox/jira';
import { APP, callJson, obj, seededEmulator } from './harness';

describe('persistence and determinism', () => {
  it('seeds identically every time', () => {
    expect(JSON.stringify(seededEmulator().toJSON())).toBe(JSON.stringify(seededEmulator().toJSON()));
  });

  it('round-trips state through JSON, including attachments and counters', async () => {
    const first = seededEmulator({ contract: false });
    await callJson(first, APP, 'local', 'POST', '/rest/api/3/issue/DEMO-1/comment', {
      body: { body: textToAdf('persist me') },
    });
    const snapshot: unknown = JSON.parse(JSON.stringify(first.toJSON()));

    const second = new JiraEmulator();
    second.load(snapshot);
    expect(second.siteNames()).toEqual(['local', 'partner']);
    const comments = obj(
      (await callJson(second, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-1/comment')).json,
    );
    expect(comments.total).toBe(3);
    const created = obj(
      (
        await callJson(second, APP, 'local', 'POST', '/rest/api/3/issue', {
          body: { fields: { project: { key: 'DEMO' }, issuetype: { id: '10001' }, summary: 'after load' } },
        })
      ).json,
    );
    expect(created.key).toBe('DEMO-21');
  });

  it('refuses a malformed snapshot without touching the current state', () => {
    const emulator = seededEmulator({ contract: false });
    expect(() => {
      emulator.load({ version: 1, sites: { local: { name: 'local' } } });
    }).toThrow();
    expect(emulator.siteNames()).toEqual(['local', 'partner']);
  });
});
