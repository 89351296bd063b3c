/**
 * The export's pure parts: ADF to text, typed Parquet that a reader gets the same values back from, files
 * split under the serving limit, byte ranges, and the web trigger's answers (a wrong secret and a wrong path
 * look the same).
 */
import { createHash } from 'node:crypto';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { adfPlainText } from '../../src/core/analytics/adf-plain-text';
import { resolveRange } from '../../src/core/analytics/byte-range';
import { buildManifest, type ExportFile } from '../../src/core/analytics/export-manifest';
import { columnsOf, customFieldColumns } from '../../src/core/analytics/export-schema';
import { rowsOf } from '../../src/core/analytics/export-rows';
import { ExportIssueSchema } from '../../src/core/analytics/jira-export-shapes';
import { serveExport, type ExportReader } from '../../src/core/analytics/serve-export';
import { writeParquet, writeParquetParts } from '../../src/core/analytics/write-parquet';

const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (t: string) => ({ type: 'text', text: t, marks: [{ type: 'strong' }] });

describe('adfPlainText', () => {
  it('keeps text, breaks blocks into lines, names mentions and collects media ids', () => {
    const out = adfPlainText(
      doc(
        para(text('Hello '), { type: 'mention', attrs: { id: 'a1', text: '@Ada' } }, { type: 'hardBreak' }, text('bye')),
        { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('one'))] }] },
        { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'm-1', type: 'file' } }] },
      ),
    );
    expect(out).toEqual({
      text: 'Hello @Ada\nbye\none',
      media: [{ id: 'm-1', type: 'file', alt: null, url: null }],
    });
  });

  it('is null for no document and the string itself for a plain string', () => {
    expect(adfPlainText(null).text).toBeNull();
    expect(adfPlainText('wiki *text*').text).toBe('wiki *text*');
  });
});

const issue = ExportIssueSchema.parse({
  id: '10001',
  key: 'DEMO-1',
  fields: {
    project: { key: 'DEMO' },
    issuetype: { name: 'Task' },
    status: { name: 'In Progress', statusCategory: { key: 'indeterminate', name: 'In Progress' } },
    priority: { name: 'High' },
    resolution: null,
    summary: 'First',
    description: doc(para(text('Some text'))),
    labels: ['a', 'b'],
    assignee: { accountId: 'u1', displayName: 'Ada Admin' },
    reporter: null,
    created: '2025-01-31T23:30:00.000+0000',
    updated: '2025-02-01T10:00:00.000+0100',
    duedate: '2025-03-04',
    customfield_10010: 5.5,
    customfield_10011: [{ value: 'x' }, { value: 'y' }],
  },
});
const custom = customFieldColumns([
  { id: 'customfield_10010', name: 'Story Points', schemaType: 'number', items: undefined },
  { id: 'customfield_10011', name: 'Summary', schemaType: 'array', items: 'option' },
]);

describe('typed Parquet', () => {
  it('names custom columns by field name, and a name a fixed column has gets the field id', () => {
    expect(custom.map((c) => [c.name, c.type])).toEqual([
      ['Story Points', 'double'],
      ['Summary [customfield_10011]', 'string_list'],
    ]);
  });

  it('reads back the values it was given, with their types', async () => {
    const rows = rowsOf(
      [
        {
          issue,
          comments: [{ id: '1', author: null, body: doc(para(text('hi'))), created: '2025-02-01T00:00:00.000+0000' }],
          histories: [
            {
              id: '7',
              author: { displayName: 'Ada Admin', accountId: 'u1' },
              created: '2025-02-01T00:00:00.000+0000',
              items: [{ field: 'status', from: '1', fromString: 'To Do', to: '3', toString: 'In Progress' }],
            },
          ],
          worklogs: [], remoteLinks: [],
        },
      ],
      custom,
    );
    const bytes = writeParquet('issues', columnsOf('issues', custom), rows.issues);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const [row] = await parquetReadObjects({ file });
    expect(row).toMatchObject({
      issue_key: 'DEMO-1',
      status_category: 'In Progress',
      description: 'Some text',
      labels: ['a', 'b'],
      assignee: 'Ada Admin',
      reporter: null,
      'Story Points': 5.5,
      'Summary [customfield_10011]': ['x', 'y'],
    });
    expect((row?.created as Date).toISOString()).toBe('2025-01-31T23:30:00.000Z');
    expect((row?.updated as Date).toISOString()).toBe('2025-02-01T09:00:00.000Z');
    expect(parquetMetadata(file).key_value_metadata).toContainEqual({ key: 'tandem.schema', value: 'issues/v2' });
    expect(rows.changelog).toEqual([
      expect.objectContaining({ field: 'status', from_string: 'To Do', to_string: 'In Progress' }),
    ]);
    expect(rows.comments[0]).toMatchObject({ body: 'hi', author: null });
  });

  it('writes worklogs with their time in seconds, start instant and comment text (schema v2)', async () => {
    const rows = rowsOf(
      [
        {
          issue,
          comments: [],
          histories: [],
          remoteLinks: [],
          worklogs: [
            {
              id: '30001',
              author: { accountId: 'u1', displayName: 'Ada Admin' },
              comment: doc(para(text('Pairing on the fix'))),
              started: '2025-02-03T09:30:00.000+0100',
              timeSpentSeconds: 5400,
              created: '2025-02-03T11:00:00.000+0000',
              updated: '2025-02-03T11:00:00.000+0000',
            },
          ],
        },
      ],
      [],
    );
    const bytes = writeParquet('worklogs', columnsOf('worklogs', []), rows.worklogs);
    const file = bytes.slice().buffer;
    const [row] = await parquetReadObjects({ file });
    expect(row).toMatchObject({
      worklog_id: '30001',
      issue_key: 'DEMO-1',
      author: 'Ada Admin',
      time_spent_seconds: 5400n,
      comment: 'Pairing on the fix',
    });
    expect((row?.started as Date).toISOString()).toBe('2025-02-03T08:30:00.000Z');
    expect(parquetMetadata(file).key_value_metadata).toContainEqual({ key: 'tandem.schema', value: 'worklogs/v2' });
  });

  it('writes each end of an issue link with the phrase Jira shows on that issue', () => {
    const linked = ExportIssueSchema.parse({
      ...issue,
      fields: {
        ...issue.fields,
        issuelinks: [
          { id: '1', type: { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }, outwardIssue: { id: '2', key: 'DEMO-2' } },
          { id: '3', type: { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }, inwardIssue: { id: '4', key: 'DEMO-4' } },
        ],
      },
    });
    const rows = rowsOf([{ issue: linked, comments: [], histories: [], worklogs: [], remoteLinks: [] }], []).issue_links;
    expect(rows).toEqual([
      expect.objectContaining({ link_id: '1', direction: 'outward', relation: 'blocks', other_issue_key: 'DEMO-2' }),
      expect.objectContaining({ link_id: '3', direction: 'inward', relation: 'is blocked by', other_issue_key: 'DEMO-4' }),
    ]);
  });

  it('lists attachments and the media placed in the description, comments and worklogs', () => {
    const image = (id: string, alt: string) => ({
      type: 'mediaSingle',
      content: [{ type: 'media', attrs: { type: 'file', id, collection: 'c', alt } }],
    });
    const withFiles = ExportIssueSchema.parse({
      ...issue,
      fields: {
        ...issue.fields,
        description: doc(para(text('See')), image('m-desc', 'shot.png')),
        attachment: [
          {
            id: '10100',
            filename: 'trace.log',
            size: 14,
            mimeType: 'text/plain',
            created: '2025-02-01T00:00:00.000+0000',
            author: { accountId: 'u1', displayName: 'Ada Admin' },
            content: 'https://x/rest/api/3/attachment/content/10100',
          },
        ],
      },
    });
    const rows = rowsOf(
      [
        {
          issue: withFiles,
          comments: [{ id: '5', author: null, body: doc(image('m-comment', 'diagram.png')), created: issue.fields.created }],
          histories: [],
          remoteLinks: [],
          worklogs: [
            {
              id: '6',
              author: null,
              comment: doc({ type: 'mediaSingle', content: [{ type: 'media', attrs: { type: 'external', url: 'https://img/x.png' } }] }),
              started: issue.fields.created,
              timeSpentSeconds: 60,
            },
          ],
        },
      ],
      [],
    ).attachments;
    expect(rows.map((r) => [r.source, r.source_id, r.attachment_id, r.media_id, r.filename, r.url])).toEqual([
      ['attachment', null, '10100', null, 'trace.log', 'https://x/rest/api/3/attachment/content/10100'],
      ['description', null, null, 'm-desc', 'shot.png', null],
      ['comment', '5', null, 'm-comment', 'diagram.png', null],
      ['worklog', '6', null, null, null, 'https://img/x.png'],
    ]);
    expect(rows[0]).toMatchObject({ size_bytes: 14, mime_type: 'text/plain', author: 'Ada Admin' });
  });

  it('writes a remote link with its URL, title, application and resolution', () => {
    const rows = rowsOf(
      [
        {
          issue,
          comments: [],
          histories: [],
          worklogs: [],
          remoteLinks: [
            {
              id: '10000',
              globalId: 'system=https://partner/&id=7',
              application: { type: 'com.partner.tracker', name: 'Partner' },
              relationship: 'mirrors',
              object: { url: 'https://partner/7', title: 'P-7', status: { resolved: true } },
            },
          ],
        },
      ],
      [],
    ).remote_links;
    expect(rows).toEqual([
      {
        remote_link_id: '10000',
        issue_id: '10001',
        issue_key: 'DEMO-1',
        global_id: 'system=https://partner/&id=7',
        application_type: 'com.partner.tracker',
        application_name: 'Partner',
        relationship: 'mirrors',
        url: 'https://partner/7',
        title: 'P-7',
        summary: null,
        resolved: true,
      },
    ]);
  });

  it('reads a missing toString of a changelog item as null, not as Object.prototype.toString', () => {
    const rows = rowsOf(
      [{ issue, comments: [], histories: [{ id: '8', author: null, created: issue.fields.created, items: [{ field: 'x' }] }], worklogs: [], remoteLinks: [] }],
      [],
    );
    expect(rows.changelog[0]?.to_string).toBeNull();
  });

  it('splits rows into files that each fit the limit, and keeps every row', async () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      ...rowsOf([{ issue, comments: [], histories: [], worklogs: [], remoteLinks: [] }], [])[`issues`][0],
      issue_key: `DEMO-${i}`,
      description: `row ${i} ${'x'.repeat(200 + (i % 7) * 31)} ${Math.random()}`,
    }));
    const whole = writeParquet('issues', columnsOf('issues', []), many);
    const parts = writeParquetParts('issues', columnsOf('issues', []), many, Math.ceil(whole.byteLength / 3));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.bytes.byteLength).toBeLessThanOrEqual(Math.ceil(whole.byteLength / 3));
    let total = 0;
    for (const p of parts) {
      const rows = await parquetReadObjects({ file: p.bytes.slice().buffer });
      expect(rows).toHaveLength(p.rows);
      total += rows.length;
    }
    expect(total).toBe(400);
  });

  it('writes an empty month with its schema', () => {
    const bytes = writeParquet('comments', columnsOf('comments', []), []);
    const meta = parquetMetadata(bytes.slice().buffer);
    expect(meta.schema.map((s) => s.name)).toContain('body');
    expect(Number(meta.num_rows)).toBe(0);
  });
});

describe('resolveRange', () => {
  it.each([
    [undefined, 100, { kind: 'whole' }],
    ['bytes=0-9', 100, { kind: 'part', start: 0, end: 9 }],
    ['bytes=90-', 100, { kind: 'part', start: 90, end: 99 }],
    ['bytes=-8', 100, { kind: 'part', start: 92, end: 99 }],
    ['bytes=50-500', 100, { kind: 'part', start: 50, end: 99 }],
    ['bytes=100-', 100, { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', 100, { kind: 'whole' }],
    ['items=0-1', 100, { kind: 'whole' }],
  ])('%s of %d bytes', (header, size, expected) => {
    expect(resolveRange(header, size)).toEqual(expected);
  });
});

describe('serveExport', () => {
  const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
  const file: ExportFile = {
    path: 'issues/2025-01.parquet',
    table: 'issues',
    month: '2025-01',
    part: 1,
    bytes: bytes.byteLength,
    rows: 3,
    sha256: 'a'.repeat(64),
    writtenAt: '2025-02-01T00:00:00.000Z',
  };
  const reader: ExportReader = {
    acceptedSecrets: (id) => Promise.resolve(id === 'DEMO' ? ['s3cret', 'old-one'] : []),
    manifest: (id) =>
      Promise.resolve(id === 'DEMO' ? buildManifest('DEMO', 1, [file], new Date(0)) : undefined),
    readBytes: (_id, _f, start, end) => Promise.resolve(bytes.slice(start, end + 1)),
  };
  const get = (userPath: string, range?: string, method = 'GET') =>
    serveExport(reader, { method, userPath, range });

  it('answers a range with 206 and exactly those bytes', async () => {
    const a = await get('/DEMO/s3cret/issues/2025-01.parquet', 'bytes=292-299');
    expect(a.status).toBe(206);
    expect(a.headers['Content-Range']).toBe('bytes 292-299/300');
    expect([...(a.body as Uint8Array)]).toEqual([...bytes.slice(292, 300)]);
    expect(a.headers['Access-Control-Allow-Origin']).toBe('*');
  });

  it('answers HEAD with the size and no body, and GET with the whole file', async () => {
    const head = await get('/DEMO/s3cret/issues/2025-01.parquet', undefined, 'HEAD');
    expect([head.status, head.headers['Content-Length'], head.headers['Accept-Ranges'], head.body]).toEqual([
      200,
      '300',
      'bytes',
      '',
    ]);
    const whole = await get('/DEMO/old-one/issues/2025-01.parquet');
    expect((whole.body as Uint8Array).byteLength).toBe(300);
  });

  it('lists the files in the manifest, in ASCII bytes whatever the text holds', async () => {
    const odd = { ...file, path: 'issues/2025-01.parquet', sha256: 'b'.repeat(64) };
    const named: ExportReader = {
      ...reader,
      manifest: () => Promise.resolve(buildManifest('DÉMO-ü', 1, [odd], new Date(0))),
    };
    const a = await serveExport(named, { method: 'GET', userPath: '/DEMO/s3cret/manifest.json', range: undefined });
    const body = a.body as string;
    expect(Buffer.from(body, 'utf8').every((byte) => byte < 0x80)).toBe(true);
    expect(Buffer.byteLength(body, 'utf8')).toBe(Buffer.byteLength(body, 'latin1'));
    expect(JSON.parse(body)).toMatchObject({ project: 'DÉMO-ü', files: [{ path: odd.path, bytes: 300 }] });
  });

  it('serves wire-check.bin, every byte value once, with the hash the manifest lists', async () => {
    const manifest = JSON.parse((await get('/DEMO/s3cret/manifest.json')).body as string) as {
      wireCheck: { path: string; bytes: number; sha256: string };
    };
    expect(manifest.wireCheck).toMatchObject({ path: 'wire-check.bin', bytes: 256 });
    const a = await get(`/DEMO/s3cret/${manifest.wireCheck.path}`);
    const got = a.body as Uint8Array;
    expect([a.status, a.headers['Content-Length'], got.byteLength]).toEqual([200, '256', 256]);
    expect([...got]).toEqual(Array.from({ length: 256 }, (_, i) => i));
    expect(createHash('sha256').update(got).digest('hex')).toBe(manifest.wireCheck.sha256);
    // Without the secret it is the same 404 as anything else.
    expect((await get('/DEMO/wrong/wire-check.bin')).status).toBe(404);
  });

  it('answers every wrong thing with the same 404', async () => {
    const answers = await Promise.all([
      get('/DEMO/wrong/issues/2025-01.parquet'),
      get('/DEMO//issues/2025-01.parquet'),
      get('/OTHER/s3cret/issues/2025-01.parquet'),
      get('/DEMO/s3cret/issues/2025-02.parquet'),
      get('/DEMO/s3cret/../secrets'),
      get('/DEMO/s3cret/issues/2025-01.parquet', undefined, 'POST'),
      get(''),
    ]);
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers.map((a) => a.status)).toContain(404);
  });

  it('answers a range past the end with 416', async () => {
    const a = await get('/DEMO/s3cret/issues/2025-01.parquet', 'bytes=300-');
    expect([a.status, a.headers['Content-Range']]).toEqual([416, 'bytes */300']);
  });
});
