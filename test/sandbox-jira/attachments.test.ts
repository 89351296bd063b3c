import type { EmulatorResponse, JiraEmulator } from '../../sandbox/jira';
import { APP, arr, callJson, obj, seededEmulator } from './harness';

const BOUNDARY = 'tandem-test-boundary';

function multipart(files: { name: string; type: string; content: string }[]): Buffer {
  const parts = files.map(
    (f) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n${f.content}\r\n`,
  );
  return Buffer.from(`${parts.join('')}--${BOUNDARY}--\r\n`);
}

function upload(
  emulator: JiraEmulator,
  body: Buffer,
  headers: Record<string, string> = { 'x-atlassian-token': 'no-check' },
): Promise<EmulatorResponse> {
  return emulator.handle(
    {
      site: 'local',
      method: 'POST',
      path: '/rest/api/3/issue/DEMO-1/attachments',
      query: {},
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
      body,
    },
    APP,
  );
}

describe('attachments', () => {
  let emulator: JiraEmulator;

  beforeEach(() => {
    emulator = seededEmulator({ limits: { attachmentMaxBytes: 16 } });
  });

  afterEach(() => {
    expect(emulator.contractViolations).toEqual([]);
  });

  it('stores several files from one upload and serves their bytes and metadata', async () => {
    const answer = await upload(
      emulator,
      multipart([
        { name: 'a.txt', type: 'text/plain', content: 'alpha' },
        { name: 'b.json', type: 'application/json', content: '{"b":1}' },
      ]),
    );
    expect(answer.status).toBe(200);
    const parsed: unknown = JSON.parse(answer.body.toString('utf8'));
    const [a, b] = arr(parsed).map(obj);
    expect(a).toMatchObject({ filename: 'a.txt', size: 5, mimeType: 'text/plain' });
    expect(b).toMatchObject({ filename: 'b.json', mimeType: 'application/json' });

    const content = await emulator.handle(
      {
        site: 'local',
        method: 'GET',
        path: `/rest/api/3/attachment/content/${String(b?.id)}`,
        query: {},
        headers: {},
        body: undefined,
      },
      APP,
    );
    expect(content.headers['content-type']).toBe('application/json');
    expect(content.body.toString('utf8')).toBe('{"b":1}');

    const issue = obj(
      (
        await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-1', {
          query: { fields: 'attachment' },
        })
      ).json,
    );
    expect(arr(obj(issue.fields).attachment)).toHaveLength(2);
  });

  it('refuses uploads without the XSRF header, over the size cap, or without a file part', async () => {
    const forbidden = await upload(
      emulator,
      multipart([{ name: 'a.txt', type: 'text/plain', content: 'x' }]),
      {},
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.toString('utf8')).toBe('XSRF check failed');

    const tooLarge = await upload(
      emulator,
      multipart([{ name: 'big.txt', type: 'text/plain', content: 'x'.repeat(17) }]),
    );
    expect(tooLarge.status).toBe(413);
    expect(Object.keys(emulator.site('local').state.attachments)).toEqual([]);

    const empty = await upload(emulator, Buffer.from(`--${BOUNDARY}--\r\n`));
    expect(empty.status).toBe(400);
  });

  it('rejects a description that is not ADF', async () => {
    const answer = await callJson(emulator, APP, 'local', 'POST', '/rest/api/3/issue', {
      body: {
        fields: {
          project: { key: 'DEMO' },
          issuetype: { name: 'Task' },
          summary: 's',
          description: 'plain text',
        },
      },
    });
    expect(answer.status).toBe(400);
    expect(obj(obj(answer.json).errors).description).toContain('Atlassian Document');
  });
});
