/**
 * Issue #17's "done when", with DuckDB itself: the sandbox's demo with the export turned on for DEMO through
 * Settings' resolver, the files read over HTTP from the web trigger by DuckDB-Wasm 1.28 in chromium
 * (duckdb-page.ts says why that DuckDB): the row counts are the emulator's, an edit shows after its event, and
 * a join of issues, comments and changelog answers what Jira's own data says.
 *
 * The sandbox writes web trigger bodies one byte per character here (`webtriggerBodyEncoding: 'latin1'`):
 * what serving Parquet through a web trigger assumes of Forge, which Forge does not document
 * (src/entry/webtriggers/webtrigger-http.ts `byteBody`). The last test shows what the other reading does.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ExportFileSchema } from '../../src/core/analytics/export-manifest';
import { ok } from '../resolvers/harness';
import { startWorld, type World } from '../sandbox-sync/world';
import { startDuckDbPage, type DuckDbPage } from './duckdb-page';

const ManifestSchema = z.looseObject({ files: z.array(ExportFileSchema) });

const ExpectedIssue = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({
    summary: z.string(),
    created: z.string(),
    comment: z.looseObject({ comments: z.array(z.looseObject({ id: z.string() })) }),
  }),
  changelog: z.looseObject({
    histories: z.array(z.looseObject({ id: z.string(), items: z.array(z.looseObject({ field: z.string() })) })),
  }),
});
type ExpectedIssue = z.infer<typeof ExpectedIssue>;

let w: World;
let duck: DuckDbPage;
const opened: { world?: World; duck?: DuckDbPage } = {};
beforeAll(async () => {
  w = opened.world = await startWorld({ webtriggerBodyEncoding: 'latin1' });
  duck = opened.duck = await startDuckDbPage();
  await addDemoFixtures();
}, 120_000);
afterAll(async () => {
  await opened.duck?.close();
  await opened.world?.close();
});

const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

const MEDIA_ID = '6e7c7f2c-2b48-4a8e-9d0f-3c1e0a9b5d11';

/** An attachment as a person uploads it: multipart, with the XSRF header Jira requires. */
async function upload(key: string, filename: string, content: string): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/plain' }), filename);
  const res = await fetch(`${w.host.url}/sites/local/rest/api/3/issue/${key}/attachments`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from('admin@example.com:admin-token').toString('base64')}`,
      'X-Atlassian-Token': 'no-check',
    },
    body: form,
  });
  expect([filename, res.status]).toEqual([filename, 200]);
}

/** What the seed does not have and the later tables read: worklogs, issue links, remote links, attachments. */
async function addDemoFixtures(): Promise<void> {
  const book = async (key: string, started: string, seconds: number, text: string) => {
    const res = await w.rest('local', 'POST', `/rest/api/3/issue/${key}/worklog`, {
      started,
      timeSpentSeconds: seconds,
      comment: adf(text),
    });
    expect([key, res.status]).toEqual([key, 201]);
  };
  await book('DEMO-2', '2026-11-02T09:00:00.000+0000', 3600, 'Reproduced');
  await book('DEMO-2', '2026-11-03T14:30:00.000+0100', 1800, 'Fixed');
  await book('DEMO-4', '2026-11-04T08:00:00.000+0000', 7200, 'Reviewed');
  const link = async (type: string, inward: string, outward: string) => {
    const res = await w.rest('local', 'POST', '/rest/api/3/issueLink', {
      type: { name: type },
      inwardIssue: { key: inward },
      outwardIssue: { key: outward },
    });
    expect([type, res.status]).toEqual([type, 201]);
  };
  await link('Blocks', 'DEMO-2', 'DEMO-3');
  await link('Relates', 'DEMO-5', 'DEMO-2');
  for (const remote of [
    { object: { url: 'https://wiki.example.com/runbook', title: 'Runbook' } },
    {
      globalId: 'partner-ticket-77',
      application: { type: 'com.partner.tracker', name: 'Partner' },
      relationship: 'mirrors',
      object: { url: 'https://partner.example.com/77', title: 'P-77', status: { resolved: true } },
    },
  ]) {
    const res = await w.rest('local', 'POST', '/rest/api/3/issue/DEMO-7/remotelink', remote);
    expect(res.status).toBe(201);
  }
  await upload('DEMO-3', 'trace.log', 'line 1\nline 2\n');
  // An image placed in a comment: an ADF media node naming a Media Services file, not an attachment id.
  const comment = await w.rest('local', 'POST', '/rest/api/3/issue/DEMO-6/comment', {
    body: {
      type: 'doc',
      version: 1,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'See the diagram' }] },
        {
          type: 'mediaSingle',
          attrs: { layout: 'center' },
          content: [
            {
              type: 'media',
              attrs: { type: 'file', id: MEDIA_ID, collection: 'jira-10006-field-comment', alt: 'diagram.png' },
            },
          ],
        },
      ],
    },
  });
  expect(comment.status).toBe(201);
  await w.settle();
}

const WorklogPage = z.looseObject({
  total: z.number(),
  worklogs: z.array(z.looseObject({ id: z.string(), timeSpentSeconds: z.number() })),
});

/** Every DEMO issue's worklogs as GET …/worklog lists them: issue key → seconds booked and count. */
async function jiraWorklogs(keys: readonly string[]): Promise<Map<string, { n: number; seconds: number }>> {
  const out = new Map<string, { n: number; seconds: number }>();
  for (const key of keys) {
    const { status, json } = await w.rest('local', 'GET', `/rest/api/3/issue/${key}/worklog`);
    expect(status).toBe(200);
    const page = WorklogPage.parse(json);
    expect(page.worklogs).toHaveLength(page.total);
    if (page.total > 0)
      out.set(key, { n: page.total, seconds: page.worklogs.reduce((s, wl) => s + wl.timeSpentSeconds, 0) });
  }
  return out;
}

/** What Jira holds for DEMO, as a person reads it through the REST API. */
async function jiraSays(): Promise<ExpectedIssue[]> {
  const { status, json } = await w.rest('local', 'POST', '/rest/api/3/search/jql', {
    jql: 'project = DEMO ORDER BY key ASC',
    fields: ['summary', 'created', 'comment'],
    expand: 'changelog',
    maxResults: 100,
  });
  expect(status).toBe(200);
  return z.looseObject({ issues: z.array(ExpectedIssue), isLast: z.literal(true) }).parse(json).issues;
}

/** The snippet Settings shows, minus `INSTALL/LOAD httpfs`: DuckDB-Wasm reads http(s) without it. */
async function loadSnippet(): Promise<string> {
  await duck.newSession();
  const view = await ok(w, 'analytics/get', {});
  if (view.snippet === null || view.url === null) throw new Error('the export has no files to read');
  for (const statement of view.snippet.split('\n').filter((l) => l.startsWith('CREATE'))) await duck.query(statement);
  return view.url;
}

const count = async (sql: string): Promise<number> => Number((await duck.query(sql))[0]?.n);

it('turned on in Settings, backfills DEMO and serves each file with the size and hash its manifest says', async () => {
  const on = await ok(w, 'analytics/set-enabled', { enabled: true });
  expect(on.enabled).toBe(true);
  await w.settle();
  const view = await ok(w, 'analytics/get', {});
  expect(view.backfill).toMatchObject({ state: 'done' });
  expect(view.lastError).toBeNull();
  const url = view.url ?? '';
  const manifest = ManifestSchema.parse(await (await fetch(`${url}/manifest.json`)).json());
  expect(manifest.files.length).toBeGreaterThanOrEqual(3);
  for (const file of manifest.files) {
    const res = await fetch(`${url}/${file.path}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([res.status, bytes.byteLength]).toEqual([200, file.bytes]);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
  }
  // With bodies written one byte per character, the wire check arrives as the manifest says.
  const wire = z
    .looseObject({ wireCheck: z.looseObject({ path: z.string(), sha256: z.string() }) })
    .parse(await (await fetch(`${url}/manifest.json`)).json()).wireCheck;
  const probe = Buffer.from(await (await fetch(`${url}/${wire.path}`)).arrayBuffer());
  expect(createHash('sha256').update(probe).digest('hex')).toBe(wire.sha256);
  // Someone without the secret learns nothing, not even that the file exists.
  const wrong = await fetch(`${url.replace(/\/[^/]+$/, '/not-the-secret')}/${manifest.files[0]?.path ?? ''}`);
  expect([wrong.status, await wrong.text()]).toEqual([404, 'Not found']);
}, 120_000);

it('DuckDB reads the same number of issues, comments and changes as Jira holds, typed', async () => {
  await loadSnippet();
  const jira = await jiraSays();
  expect(jira.length).toBeGreaterThan(10);
  expect(await count('SELECT count(*) AS n FROM issues')).toBe(jira.length);
  expect(await count('SELECT count(*) AS n FROM comments')).toBe(
    jira.reduce((n, i) => n + i.fields.comment.comments.length, 0),
  );
  expect(await count('SELECT count(*) AS n FROM changelog')).toBe(
    jira.reduce((n, i) => n + i.changelog.histories.reduce((m, h) => m + h.items.length, 0), 0),
  );
  const types = Object.fromEntries(
    (await duck.query('DESCRIBE issues')).map((r) => [String(r.column_name), String(r.column_type)]),
  );
  expect(types).toMatchObject({
    issue_key: 'VARCHAR',
    created: 'TIMESTAMP WITH TIME ZONE',
    labels: 'VARCHAR[]',
    'Story Points': 'DOUBLE',
  });
}, 120_000);

it('shows an edit in DEMO after its event, without anyone running the export', async () => {
  const [first] = await jiraSays();
  if (!first) throw new Error('DEMO has no issues');
  await w.edit('local', first.key, { summary: 'Counted by DuckDB' });
  await w.settle();
  await loadSnippet();
  const rows = await duck.query(`SELECT summary FROM issues WHERE issue_key = '${first.key}'`);
  expect(rows).toEqual([{ summary: 'Counted by DuckDB' }]);
  expect(await count(`SELECT count(*) AS n FROM changelog WHERE issue_key = '${first.key}' AND field = 'summary' AND to_string = 'Counted by DuckDB'`)).toBe(1);
}, 120_000);

it('joins issues to comments and changelog and gets what Jira says per issue', async () => {
  await loadSnippet();
  const jira = await jiraSays();
  const rows = await duck.query(`
    SELECT i.issue_key AS key,
           (SELECT count(*) FROM comments c WHERE c.issue_id = i.issue_id) AS comments,
           (SELECT count(DISTINCT h.history_id) FROM changelog h WHERE h.issue_id = i.issue_id) AS histories
    FROM issues i ORDER BY i.issue_key`);
  const expected = jira
    .map((i) => ({ key: i.key, comments: i.fields.comment.comments.length, histories: i.changelog.histories.length }))
    .sort((a, b) => a.key.localeCompare(b.key));
  expect(rows).toEqual(expected);
  expect(expected.some((e) => e.comments > 0 && e.histories > 0)).toBe(true);
}, 120_000);

it('DuckDB reads the worklogs table: one row per worklog Jira lists, seconds as BIGINT, started as an instant', async () => {
  await loadSnippet();
  const jira = await jiraWorklogs((await jiraSays()).map((i) => i.key));
  expect([...jira.keys()].sort()).toEqual(['DEMO-2', 'DEMO-4']);
  const rows = await duck.query(`
    SELECT issue_key AS key, count(*) AS n, sum(time_spent_seconds)::BIGINT AS seconds
    FROM worklogs GROUP BY issue_key ORDER BY issue_key`);
  expect(rows).toEqual([...jira.entries()].map(([key, v]) => ({ key, ...v })).sort((a, b) => a.key.localeCompare(b.key)));
  const types = Object.fromEntries(
    (await duck.query('DESCRIBE worklogs')).map((r) => [String(r.column_name), String(r.column_type)]),
  );
  expect(types).toMatchObject({
    time_spent_seconds: 'BIGINT',
    started: 'TIMESTAMP WITH TIME ZONE',
    comment: 'VARCHAR',
  });
  const fixed = await duck.query(
    "SELECT epoch_ms(started) AS ms FROM worklogs WHERE issue_key = 'DEMO-2' AND comment = 'Fixed'",
  );
  expect(fixed).toEqual([{ ms: Date.parse('2026-11-03T13:30:00.000Z') }]);
}, 120_000);

const LinksOf = z.looseObject({
  fields: z.looseObject({
    issuelinks: z.array(
      z.looseObject({
        id: z.string(),
        type: z.looseObject({ inward: z.string(), outward: z.string() }),
        inwardIssue: z.looseObject({ key: z.string() }).optional(),
        outwardIssue: z.looseObject({ key: z.string() }).optional(),
      }),
    ),
  }),
});

it('DuckDB reads the issue_links table: each end of a link as the issue shows it in Jira', async () => {
  await loadSnippet();
  const expected: Record<string, unknown>[] = [];
  for (const { key } of await jiraSays()) {
    const { json } = await w.rest('local', 'GET', `/rest/api/3/issue/${key}?fields=issuelinks`);
    for (const l of LinksOf.parse(json).fields.issuelinks) {
      const outward = l.outwardIssue !== undefined;
      expected.push({
        link_id: l.id,
        issue_key: key,
        direction: outward ? 'outward' : 'inward',
        relation: outward ? l.type.outward : l.type.inward,
        other_issue_key: (l.outwardIssue ?? l.inwardIssue)?.key,
      });
    }
  }
  expect(expected).toHaveLength(4);
  const rows = await duck.query(`
    SELECT link_id, issue_key, direction, relation, other_issue_key FROM issue_links
    ORDER BY issue_key, link_id`);
  const order = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    `${String(a.issue_key)}/${String(a.link_id)}`.localeCompare(`${String(b.issue_key)}/${String(b.link_id)}`);
  expect(rows.sort(order)).toEqual(expected.sort(order));
  // Both ends of the Blocks link: one link id, the two phrases Jira shows on each side.
  const blocks = await duck.query(`
    SELECT issue_key, relation FROM issue_links WHERE link_type = 'Blocks' ORDER BY issue_key`);
  expect(blocks.map((r) => r.issue_key)).toEqual(['DEMO-2', 'DEMO-3']);
  expect(blocks.map((r) => r.relation).sort()).toEqual(['blocks', 'is blocked by']);
}, 120_000);

const RemoteLinks = z.array(
  z.looseObject({ id: z.number(), object: z.looseObject({ url: z.string(), title: z.string() }) }),
);

it('DuckDB reads the remote_links table: every remote link GET …/remotelink lists, with its application', async () => {
  // Forge sends no product event for remote links: they are as fresh as their month's last export. The sync
  // has since linked DEMO-1 to its PARTNER copy, so export again the way an admin refreshes: off, then on.
  await ok(w, 'analytics/set-enabled', { enabled: false });
  await ok(w, 'analytics/set-enabled', { enabled: true });
  await w.settle();
  await loadSnippet();
  const expected: Record<string, unknown>[] = [];
  for (const { key } of await jiraSays()) {
    const { json } = await w.rest('local', 'GET', `/rest/api/3/issue/${key}/remotelink`);
    for (const r of RemoteLinks.parse(json))
      expected.push({ issue_key: key, remote_link_id: String(r.id), url: r.object.url, title: r.object.title });
  }
  // The sync's own remote links to PARTNER's copies are listed too; the two made here are among them.
  expect(expected.filter((e) => e.issue_key === 'DEMO-7').length).toBeGreaterThanOrEqual(2);
  const order = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    `${String(a.issue_key)}/${String(a.remote_link_id)}`.localeCompare(`${String(b.issue_key)}/${String(b.remote_link_id)}`);
  const rows = await duck.query('SELECT issue_key, remote_link_id, url, title FROM remote_links');
  expect(rows.sort(order)).toEqual(expected.sort(order));
  expect(
    await duck.query(`
      SELECT application_name, relationship, resolved FROM remote_links WHERE global_id = 'partner-ticket-77'`),
  ).toEqual([{ application_name: 'Partner', relationship: 'mirrors', resolved: true }]);
}, 120_000);

const AttachmentsOf = z.looseObject({
  fields: z.looseObject({
    attachment: z.array(z.looseObject({ id: z.string(), filename: z.string(), size: z.number(), mimeType: z.string() })),
  }),
});

it('DuckDB reads the attachments table: the issue attachments as Jira lists them, and an image placed in a comment', async () => {
  await loadSnippet();
  const expected: Record<string, unknown>[] = [];
  for (const { key } of await jiraSays()) {
    const { json } = await w.rest('local', 'GET', `/rest/api/3/issue/${key}?fields=attachment`);
    for (const a of AttachmentsOf.parse(json).fields.attachment)
      expected.push({ issue_key: key, attachment_id: a.id, filename: a.filename, size_bytes: a.size, mime_type: a.mimeType });
  }
  expect(expected).toHaveLength(1);
  expect(
    await duck.query(`
      SELECT issue_key, attachment_id, filename, size_bytes, mime_type FROM attachments
      WHERE source = 'attachment' ORDER BY issue_key, attachment_id`),
  ).toEqual(expected);
  expect(
    await duck.query(`
      SELECT a.issue_key, a.media_id, a.media_type, a.filename, c.body
      FROM attachments a JOIN comments c ON c.comment_id = a.source_id
      WHERE a.source = 'comment'`),
  ).toEqual([
    { issue_key: 'DEMO-6', media_id: MEDIA_ID, media_type: 'file', filename: 'diagram.png', body: 'See the diagram' },
  ]);
  const types = Object.fromEntries(
    (await duck.query('DESCRIBE attachments')).map((r) => [String(r.column_name), String(r.column_type)]),
  );
  expect(types).toMatchObject({ size_bytes: 'BIGINT', created: 'TIMESTAMP WITH TIME ZONE', source: 'VARCHAR' });
}, 120_000);

it('turned off, every file is a 404 at once', async () => {
  const view = await ok(w, 'analytics/get', {});
  const url = view.url ?? '';
  await ok(w, 'analytics/set-enabled', { enabled: false });
  const res = await fetch(`${url}/manifest.json`);
  expect(res.status).toBe(404);
  await ok(w, 'analytics/set-enabled', { enabled: true });
  await w.settle();
});
