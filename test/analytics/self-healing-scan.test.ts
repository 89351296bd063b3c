/**
 * The export's self-healing scan in the sandbox: changes that send no product event still reach the served
 * files after the next scheduled tick. The app's own writes are such changes: Forge drops the events they
 * cause (`filter.ignoreSelf` in manifest.yml; developer.atlassian.com/platform/forge/manifest-reference/modules/trigger/),
 * and every issue the sync writes into an exported project is written as the app. Here the test writes as the
 * app itself, so exactly those events are dropped, and reads the files back as a reader would, over HTTP.
 */
import { parquetReadObjects } from 'hyparquet';
import { z } from 'zod';
import { ExportFileSchema, type ExportFile } from '../../src/core/analytics/export-manifest';
import { ok } from '../resolvers/harness';
import { startWorld, type World } from '../sandbox-sync/world';

jest.setTimeout(120_000);

const ManifestSchema = z.looseObject({ files: z.array(ExportFileSchema) });
const IssueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({ created: z.string(), summary: z.string() }),
});

let w: World;
let url = '';
beforeAll(async () => {
  w = await startWorld({ seedConnection: false, webtriggerBodyEncoding: 'latin1' });
  await ok(w, 'analytics/set-enabled', { enabled: true });
  await w.settle();
  const view = await ok(w, 'analytics/get', {});
  expect(view.backfill?.state).toBe('done');
  url = view.url ?? '';
});
afterAll(async () => {
  await w.close();
});

/** A write as the app makes it (Forge's requestJira as app), whose product event Forge does not deliver. */
async function asApp(method: string, path: string, body: unknown): Promise<unknown> {
  const res = await w.host.emulator.handle(
    {
      site: 'local',
      method,
      path,
      query: {},
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: Buffer.from(JSON.stringify(body)),
      fromApp: true,
    },
    { kind: 'app' },
  );
  expect([path, res.status]).toEqual([path, method === 'PUT' ? 204 : 201]);
  return res.body.length === 0 ? null : (JSON.parse(res.body.toString('utf8')) as unknown);
}

async function manifest(): Promise<ExportFile[]> {
  const res = await fetch(`${url}/manifest.json`);
  expect(res.status).toBe(200);
  return ManifestSchema.parse(await res.json()).files;
}

/** The issues table of one month as served: issue key → summary. */
async function servedSummaries(month: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of (await manifest()).filter((f) => f.table === 'issues' && f.month === month)) {
    const res = await fetch(`${url}/${file.path}`);
    expect(res.status).toBe(200);
    for (const row of await parquetReadObjects({ file: await res.arrayBuffer() }))
      out.set(String(row.issue_key), String(row.summary));
  }
  return out;
}

const writtenAt = async () => new Map((await manifest()).map((f) => [f.path, f.writtenAt]));
const triggerRuns = () => w.host.invocations().filter((i) => i.functionKey === 'on-jira-event').length;

it('an edit and a create whose events were dropped reach the export after the scheduled scan, and nothing else is exported again', async () => {
  const { json } = await w.rest('local', 'GET', '/rest/api/3/issue/DEMO-3?fields=created,summary');
  const issue = IssueSchema.parse(json);
  const month = new Date(issue.fields.created.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
    .toISOString()
    .slice(0, 7);
  expect((await servedSummaries(month)).get('DEMO-3')).toBe(issue.fields.summary);
  const before = await writtenAt();

  const runs = triggerRuns();
  await asApp('PUT', '/rest/api/3/issue/DEMO-3', { fields: { summary: 'Written by the app, no event' } });
  const created = IssueSchema.pick({ key: true }).parse(
    await asApp('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'DEMO' },
        issuetype: { name: 'Task' },
        summary: 'Created by the app, no event',
      },
    }),
  );
  const now = new Date().toISOString().slice(0, 7);
  await w.settle();
  // No event reached the app, so nothing was exported: both changes are missing from the files.
  expect(triggerRuns()).toBe(runs);
  expect((await servedSummaries(month)).get('DEMO-3')).toBe(issue.fields.summary);
  expect((await servedSummaries(now)).has(created.key)).toBe(false);
  expect(await writtenAt()).toEqual(before);

  await w.cycle();
  expect((await servedSummaries(month)).get('DEMO-3')).toBe('Written by the app, no event');
  expect((await servedSummaries(now)).get(created.key)).toBe('Created by the app, no event');
  // Only the two months that missed a change were written again.
  const after = await writtenAt();
  const rewritten = [...after]
    .filter(([path, at]) => before.get(path) !== at)
    .map(([path]) => path.split('/')[1]);
  expect(new Set(rewritten)).toEqual(new Set([`${month}.parquet`, `${now}.parquet`]));
  expect(w.failedInvocations()).toEqual([]);
});

it('a scan exports nothing when the files hold every change: an edit by a person came with its event, and its month was read after it', async () => {
  await w.edit('local', 'DEMO-4', { summary: 'Edited by a person, with its event' });
  await w.settle();
  const before = await writtenAt();
  await w.cycle();
  await w.cycle();
  expect(await writtenAt()).toEqual(before);
  expect((await ok(w, 'analytics/get', {})).lastError).toBeNull();
});
