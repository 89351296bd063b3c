/**
 * The Azure DevOps connector's own promises beyond the contract suite, on the description-checked fake:
 * fields through JSON Patch, a concurrent edit detected by `test` on `/rev` and not overwritten, a bad PAT,
 * rate limits as retryable errors with Azure DevOps' wait, and the fake refusing what the service refuses.
 * The fake's answers are also compared with Microsoft's recorded answers (wit/httpExamples).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrackerError } from '../../../src/core/errors';
import type { FetchLike } from '../../../src/connectors/jira/remote-transport';
import type { FakeAzureDevOps } from '../../../sandbox/azure-devops/fake-azure-devops';
import { witContractsDir } from '../../../sandbox/azure-devops/wit-spec';
import { nodeFetch } from '../node-fetch';
import { startFake, trackerOn, witSpec } from './ado-world';

let fake: FakeAzureDevOps;
beforeEach(async () => {
  fake = await startFake();
});
afterEach(async () => {
  await fake.stop();
  // Whatever a test did, nothing the connector sent or the fake answered broke the description.
  expect(fake.violations).toEqual([]);
});

const auth = (pat: string) => `Basic ${Buffer.from(`:${pat}`).toString('base64')}`;
async function raw(method: string, path: string, body: unknown, contentType = 'application/json-patch+json') {
  const res = await fetch(`${fake.organizationUrl}${path}`, {
    method,
    headers: { Authorization: auth(fake.pat), 'Content-Type': contentType },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

async function errorOf(work: Promise<unknown>): Promise<TrackerError> {
  const err: unknown = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof TrackerError)) throw new Error(`expected a TrackerError, got ${String(err)}`);
  return err;
}

describe('Azure DevOps connector', () => {
  it('creates a work item with every mapped field, HTML body and the origin tag', async () => {
    const tracker = trackerOn(fake);
    const created = await tracker.createIssue(
      {
        title: 'Paint peels',
        description: 'It **peels** after a week',
        state: 'Active',
        priority: 1,
        labels: ['paint', 'walls'],
        assignee: { id: 'acc-ana' },
        areaPath: 'Fabrikam',
        workItemType: 'Bug',
      },
      'c1:DEMO-7',
    );
    const held = fake.current(Number(created.id))?.fields ?? {};
    expect(held['System.WorkItemType']).toBe('Bug');
    expect(held['System.Description']).toBe('<p>It <strong>peels</strong> after a week</p>');
    expect(held['System.Tags']).toBe('paint; tandem-origin:c1%3ADEMO-7; walls');
    expect(held['Microsoft.VSTS.Common.Priority']).toBe(1);
    expect(held['System.AssignedTo']).toMatchObject({ uniqueName: 'ana@fabrikam.example' });
    expect(created.origin).toBe('c1:DEMO-7');
    expect(created.fields).toMatchObject({
      title: 'Paint peels',
      description: 'It **peels** after a week',
      state: 'Active',
      priority: 1,
      labels: ['paint', 'walls'],
      assignee: { id: 'ana@fabrikam.example', displayName: 'Ana Lima' },
      areaPath: 'Fabrikam',
      iterationPath: 'Fabrikam',
    });
    // Labels replaced keep the origin tag, so a retried create still finds this work item.
    await tracker.updateIssue(created.id, { labels: ['paint'] });
    expect(fake.current(Number(created.id))?.fields['System.Tags']).toBe('paint; tandem-origin:c1%3ADEMO-7');
    expect((await tracker.findIssueByOrigin('c1:DEMO-7'))?.id).toBe(created.id);
  });

  it('refuses to overwrite an edit made between its read and its write, and writes nothing', async () => {
    const id = fake.userCreate({ 'System.Title': 'Before' });
    // A person saves the work item just after the connector read it.
    const racing: FetchLike = async (url, init) => {
      const res = await nodeFetch(url, init);
      if (init.method === 'GET' && url.includes(`/workitems/${id}?`))
        fake.userEdit(id, { 'System.Title': 'Their edit' });
      return res;
    };
    const err = await errorOf(
      trackerOn(fake, { fetch: racing }).updateIssue(String(id), { title: 'Our edit' }),
    );
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('TF26071');
    expect(fake.current(id)?.fields['System.Title']).toBe('Their edit');
  });

  it('answers unauthorized for a wrong PAT, and creates nothing', async () => {
    const err = await errorOf(trackerOn(fake, { pat: 'wrong' }).createIssue({ title: 'x' }, 'o'));
    expect(err.code).toBe('unauthorized');
    expect(fake.current(1)).toBeUndefined();
  });

  it('turns a 429 with Retry-After into a retryable rate_limited error with that wait', async () => {
    fake.fail({
      status: 429,
      headers: { 'retry-after': '30', 'x-ratelimit-resource': 'ATCPU', 'x-ratelimit-remaining': '0' },
      body: {
        message: 'TF400733: The request has been canceled: Request was blocked due to exceeding usage.',
      },
    });
    const err = await errorOf(trackerOn(fake).listUpdatedSince(undefined));
    expect(err.code).toBe('rate_limited');
    expect(err.isRetryable).toBe(true);
    expect(err.retryAfterMs).toBe(30_000);
  });

  it('moves a status the Agile process has, and a status it lacks is refused, not recorded', async () => {
    const tracker = trackerOn(fake);
    const id = String(fake.userCreate({ 'System.Title': 'Flow' }));
    expect(await tracker.updateIssue(id, { state: 'Resolved' })).toEqual({ state: 'Resolved' });
    const err = await errorOf(tracker.updateIssue(id, { state: 'In Review' }));
    expect(err.code).toBe('invalid_request');
    expect(err.message).toContain('TF401320');
    expect(fake.current(Number(id))?.fields['System.State']).toBe('Resolved');
  });
});

describe('the fake Azure DevOps, as a witness', () => {
  it('refuses an unknown field, a read-only field and a stale rev as the service does', async () => {
    const id = fake.userCreate({ 'System.Title': 'Witness' });
    const path = `/${fake.project}/_apis/wit/workitems/${id}?api-version=7.1`;
    const unknown = await raw('PATCH', path, [{ op: 'add', path: '/fields/Custom.Nope', value: 'x' }]);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('TF51535');
    const readOnly = await raw('PATCH', path, [
      { op: 'add', path: '/fields/System.ChangedDate', value: 'x' },
    ]);
    expect(readOnly.status).toBe(400);
    const stale = await raw('PATCH', path, [
      { op: 'test', path: '/rev', value: 0 },
      { op: 'add', path: '/fields/System.Title', value: 'x' },
    ]);
    expect(stale.status).toBe(409);
    expect(fake.current(id)?.fields['System.Title']).toBe('Witness');
  });

  it('refuses a WIQL time without timePrecision, as the service compares dates only', async () => {
    const query = `SELECT [System.Id] FROM WorkItems WHERE [System.ChangedDate] >= '2026-11-24T08:00:01.000Z'`;
    const path = `/${fake.project}/_apis/wit/wiql?api-version=7.1`;
    const dateOnly = await raw('POST', path, { query }, 'application/json');
    expect(dateOnly.status).toBe(400);
    expect(dateOnly.text).toContain('date precision');
    const precise = await raw('POST', `${path}&timePrecision=true`, { query }, 'application/json');
    expect(precise.status).toBe(200);
  });

  it('records a request the description does not allow as a violation', async () => {
    const res = await raw('GET', `/${fake.project}/_apis/wit/workitems/1?api-version=6.0`, undefined);
    expect(res.status).toBe(400);
    expect(fake.violations.splice(0)).toEqual([expect.stringContaining('api-version 6.0')]);
  });

  it.each([
    ['workItems/POST__wit_workitems_create.json', 'POST', '/fabrikam/Fabrikam/_apis/wit/workitems/$Task'],
    ['workItems/PATCH__wit_workitems__taskId_3.json', 'PATCH', '/fabrikam/Fabrikam/_apis/wit/workitems/299'],
    ['wiql/GET__wit_get_id_workitems.json', 'POST', '/fabrikam/Fabrikam/_apis/wit/wiql'],
    [
      'attachments/POST__wit_attachments_fileName-_textFile_.json',
      'POST',
      '/fabrikam/Fabrikam/_apis/wit/attachments',
    ],
  ])(
    'accepts Microsoft’s recorded answer %s, and answers with the same top-level keys',
    (file, method, path) => {
      const example = JSON.parse(readFileSync(join(witContractsDir(), 'httpExamples', file), 'utf8')) as {
        responses: Record<string, { body: Record<string, unknown> }>;
      };
      const [status, recorded] = Object.entries(example.responses)[0] ?? [];
      const op = witSpec().match(method, path);
      if (!op || !recorded || !status) throw new Error(`no operation for ${method} ${path}`);
      // The recorded 201 of an upload is described as 200.
      expect(witSpec().checkResponse(op, status === '201' ? 200 : Number(status), recorded.body)).toEqual([]);
      const ours = fake.handle(
        method,
        `${path}?api-version=${witSpec().apiVersion(op)}${path.endsWith('wiql') ? '&timePrecision=true' : ''}${path.endsWith('attachments') ? '&fileName=a.txt' : ''}`,
        {
          authorization: auth(fake.pat),
          'content-type':
            method === 'PATCH' || path.includes('$')
              ? 'application/json-patch+json'
              : path.endsWith('attachments')
                ? 'application/octet-stream'
                : 'application/json',
        },
        Buffer.from(
          path.endsWith('wiql')
            ? JSON.stringify({ query: 'SELECT [System.Id] FROM WorkItems' })
            : path.endsWith('attachments')
              ? 'bytes'
              : JSON.stringify([{ op: 'add', path: '/fields/System.Title', value: 'Sample task' }]),
        ),
      );
      if (method === 'PATCH') {
        // The recorded PATCH is to an existing item: ours needs one first.
        expect(ours.status).toBe(404);
        return;
      }
      expect(ours.status).toBeLessThan(300);
      const keysOf = (o: unknown) =>
        Object.keys(o as object).filter(
          (k) => !['_links', 'commentVersionRef', 'sortColumns', 'columns'].includes(k),
        );
      expect(keysOf(ours.body).sort()).toEqual(expect.arrayContaining(keysOf(recorded.body).sort()));
    },
  );
});
