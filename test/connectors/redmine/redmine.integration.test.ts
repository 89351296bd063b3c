/**
 * Against a real Redmine 5 (Debian's packages, SQLite, started by the test itself; the first run on a
 * machine installs it with apt-get): the connector's fields, custom fields, users, notes, uploads,
 * incremental reads and errors as Redmine really answers them; then the engine between a local tracker and
 * Redmine, a local issue with its comments and an attachment going there and Redmine's edits coming back,
 * and a two-way description between a side that holds ADF and Redmine's Markdown that stays quiet.
 */
import { z } from 'zod';
import type { EngineDeps } from '../../../src/core/cycle/engine-deps';
import { runCycle, type CycleOptions } from '../../../src/core/cycle/run-cycle';
import { PartialWriteError, TrackerError } from '../../../src/core/errors';
import { ConnectionSchema } from '../../../src/core/schema/connection';
import { RedmineClient } from '../../../src/connectors/redmine/redmine-client';
import { RedmineTracker } from '../../../src/connectors/redmine/redmine-tracker';
import { adfToMarkdown, markdownToAdf } from '../../../src/connectors/markdown';
import type { Json } from '../../../src/core/model';
import { FakeTracker, type FakeTrackerOptions } from '../../fakes/fake-tracker';
import { MemoryStateStore } from '../../fakes/memory-state-store';
import { nodeFetch } from '../node-fetch';
import { SETUP_TIMEOUT_MS, startRedmine, type RedmineProject, type RedmineServer } from './redmine-world';

let redmine: RedmineServer;

beforeAll(async () => {
  redmine = await startRedmine();
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await redmine.server.stop();
});

const users = (world: RedmineProject) => ({ explicit: new Map([['jira-ana', world.userId]]) });

const STATUS_MAP = [
  { local: 'To Do', remote: 'New' },
  { local: 'In Progress', remote: 'In Progress' },
  { local: 'Done', remote: 'Closed' },
];

function setup(world: RedmineProject, localOptions: FakeTrackerOptions = {}, extraRules: object[] = []) {
  const local = new FakeTracker({
    kind: 'jira',
    project: 'DEMO',
    host: 'local.example.com',
    ...localOptions,
  });
  const remote = world.tracker({ explicit: new Map([['acc-ana', world.userId]]) });
  const connection = ConnectionSchema.parse({
    id: 'redmine-it',
    name: 'Redmine integration',
    localProject: 'DEMO',
    remote: { kind: 'redmine', baseUrl: world.server.baseUrl, project: world.project },
    users: { map: [{ local: 'acc-ana', remote: world.userId }] },
    rules: [
      { kind: 'two-way', local: 'summary', remote: 'subject' },
      { kind: 'two-way', local: 'description', remote: 'description' },
      { kind: 'two-way', local: 'status.name', remote: 'status.name', map: STATUS_MAP },
      { kind: 'to-remote', local: 'assignee', remote: 'assigned_to', onlyCreate: true },
      { kind: 'messages', allOutgoing: true },
      { kind: 'files' },
      ...extraRules,
    ],
  });
  let ids = 0;
  const deps: EngineDeps = {
    local,
    remote,
    store: new MemoryStateStore(),
    clock: { now: () => new Date(), remainingMs: () => Number.POSITIVE_INFINITY },
    newId: () => `plan-${++ids}`,
  };
  const cycle = async (opts: CycleOptions = {}) => {
    // The first cycle scans everything; later ones read changes since the cursors (`updated_on>=`).
    const result = await runCycle(deps, connection, opts);
    if (result.outcome !== 'executed') throw new Error(`cycle ended ${result.outcome}`);
    expect(result.report.errors).toEqual([]);
    return result;
  };
  return { local, remote, deps, connection, cycle };
}

describe('Redmine connector', () => {
  let world: RedmineProject;
  beforeAll(async () => {
    world = await redmine.project('conn');
  });

  it('creates an issue with every kind of field and reads it back in canonical form', async () => {
    const tracker = world.tracker(users(world));
    const created = await tracker.createIssue(
      {
        subject: 'Printer on fire',
        description: 'Steps:\n\n1. print\n2. **smoke**',
        'status.name': 'In Progress',
        'priority.name': 'High',
        'tracker.name': 'Feature',
        assigned_to: { id: 'jira-ana', displayName: 'Ana Lima' },
        'customFields.Customer': 'ACME',
      },
      'c1:l:10001',
    );
    expect(created.key).toBe(`#${created.id}`);
    expect(created.url).toBe(`${redmine.server.baseUrl}/issues/${created.id}`);
    expect(created.origin).toBe('c1:l:10001');
    expect(created.fields).toEqual(
      expect.objectContaining({
        subject: 'Printer on fire',
        description: 'Steps:\n\n1. print\n2. **smoke**',
        status: { name: 'In Progress', closed: false },
        priority: { name: 'High' },
        tracker: { name: 'Feature' },
        assigned_to: { id: world.userId, displayName: 'Ana Lima' },
        customFields: { Customer: 'ACME' },
      }),
    );
    const [again] = await tracker.getIssues([created.id]);
    expect(again?.fields).toEqual(created.fields);
    expect(await tracker.findIssueByOrigin('c1:l:10001', created.created)).toEqual(
      expect.objectContaining({ id: created.id }),
    );
    expect(await tracker.findIssueByOrigin('c1:l:nope', created.created)).toBeUndefined();
  });

  it('walks a status along the workflow and names both statuses when Redmine offers no way there', async () => {
    // "Gated" allows only New → In Progress → Resolved → Closed. Redmine would drop a status it does not
    // allow and answer 204 all the same: before the walk, the create below reported success at "New".
    const tracker = world.tracker();
    const created = await tracker.createIssue(
      { subject: 'gated', 'tracker.name': 'Gated', 'status.name': 'Resolved' },
      'o:gated',
    );
    expect(created.fields.status).toEqual({ name: 'New', closed: false });
    expect(created.unwritten).toEqual([
      { path: 'status.name', message: expect.stringContaining('from "New" to "Resolved"') as unknown },
    ]);
    expect(await tracker.updateIssue(created.id, { 'status.name': 'In Progress' })).toEqual({});
    expect((await tracker.getIssues([created.id]))[0]?.fields.status).toEqual({
      name: 'In Progress',
      closed: false,
    });

    const refused = await tracker
      .updateIssue(created.id, { subject: 'gated, renamed', 'status.name': 'Closed' })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(refused).toBeInstanceOf(PartialWriteError);
    const partial = refused as PartialWriteError;
    expect(partial.held).toEqual({ 'status.name': 'In Progress' });
    expect(partial.unwritten[0]?.message).toMatch(/from "In Progress" to "Closed".*offers: Resolved/);
    const [now] = await tracker.getIssues([created.id]);
    expect(now?.fields).toEqual(
      expect.objectContaining({ subject: 'gated, renamed', status: { name: 'In Progress', closed: false } }),
    );
  });

  it('writes ADF descriptions as Markdown and keeps the origin marker through edits', async () => {
    const tracker = world.tracker();
    const created = await tracker.createIssue({ subject: 'ADF' }, 'c1:l:adf');
    const held = await tracker.updateIssue(created.id, {
      description: {
        type: 'doc',
        version: 1,
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'bold', marks: [{ type: 'strong' }] }] },
        ],
      },
      'status.name': 'Closed',
    });
    const [issue] = await tracker.getIssues([created.id]);
    expect(issue?.fields.description).toBe('**bold**');
    expect(held).toEqual({ description: '**bold**' });
    expect(issue?.fields.status).toEqual({ name: 'Closed', closed: true });
    expect(issue?.origin).toBe('c1:l:adf');
  });

  it('lists by update time from whole seconds on, each issue once, across pages', async () => {
    const tracker = world.tracker();
    const before = new Date(Date.now() - 1000).toISOString();
    const a = await tracker.createIssue({ subject: 'list a' }, 'o:a');
    const b = await tracker.createIssue({ subject: 'list b' }, 'o:b');
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await tracker.listUpdatedSince(before, token);
      ids.push(...page.items.map((i) => i.id));
      token = page.next;
    } while (token !== undefined);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(new Set(ids).size).toBe(ids.length);
    // The filter is `updated_on>=T` on whole seconds, which Redmine treats as "after T−1s": an issue
    // updated in the very second of the cursor is listed again, never lost.
    const atB = await tracker.listUpdatedSince(b.updated);
    expect(atB.items.map((i) => i.id)).toContain(b.id);
    const future = await tracker.listUpdatedSince(new Date(Date.now() + 3_600_000).toISOString());
    expect(future.items).toEqual([]);
  });

  it('adds, finds, edits and deletes notes; private notes and field-change journals are not comments', async () => {
    const tracker = world.tracker();
    const issue = await tracker.createIssue({ subject: 'notes' }, 'o:notes');
    const added = await tracker.addComment(issue.id, 'first *note*', 'c1:lc:1', 'Ana Lima wrote in DEMO:');
    expect(added).toEqual(
      expect.objectContaining({ body: '*Ana Lima wrote in DEMO:*\n\nfirst *note*', origin: 'c1:lc:1' }),
    );
    await tracker.updateIssue(issue.id, { subject: 'notes renamed' });
    await world.client.empty(`/issues/${issue.id}.json`, {
      method: 'PUT',
      json: { issue: { notes: 'internal only', private_notes: true } },
    });
    await tracker.updateComment(issue.id, added.id, 'edited', 'Ana Lima wrote in DEMO:');
    let comments = await tracker.listComments(issue.id);
    expect(comments.map((c) => [c.body, c.origin])).toEqual([
      ['*Ana Lima wrote in DEMO:*\n\nedited', 'c1:lc:1'],
    ]);
    await tracker.deleteComment(issue.id, added.id);
    comments = await tracker.listComments(issue.id);
    expect(comments).toEqual([]);
  });

  it('uploads, lists, downloads and deletes attachments through /uploads.json', async () => {
    const tracker = world.tracker();
    const issue = await tracker.createIssue({ subject: 'files' }, 'o:files');
    const data = new TextEncoder().encode('trace line 1\ntrace line 2\n');
    const a = await tracker.uploadAttachment(issue.id, {
      filename: 'trace.log',
      mimeType: 'text/plain',
      data,
    });
    // The same bytes again: a second attachment, though Redmine derives the token from the content.
    const b = await tracker.uploadAttachment(issue.id, {
      filename: 'trace.log',
      mimeType: 'text/plain',
      data,
    });
    expect(a.id).not.toBe(b.id);
    expect(a).toEqual(
      expect.objectContaining({ filename: 'trace.log', size: data.length, mimeType: 'text/plain' }),
    );
    expect((await tracker.listAttachments(issue.id)).map((x) => x.id)).toEqual([a.id, b.id]);
    expect(Buffer.from(await tracker.downloadAttachment(issue.id, a.id)).toString()).toBe(
      'trace line 1\ntrace line 2\n',
    );
    await tracker.deleteAttachment(issue.id, b.id);
    expect((await tracker.listAttachments(issue.id)).map((x) => x.id)).toEqual([a.id]);
  });

  it('sets, moves and removes a parent task by issue id, and reads it with every issue', async () => {
    const tracker = world.tracker();
    const epic = await tracker.createIssue({ subject: 'Release 2' }, 'c1:l:parent-1');
    const other = await tracker.createIssue({ subject: 'Release 3' }, 'c1:l:parent-2');
    const child = await tracker.createIssue({ subject: 'Ship it', parent: epic.id }, 'c1:l:child');
    // Redmine has no levels: every issue is a standard one, with a parent or without.
    expect(child.hierarchy).toEqual({ parent: { id: epic.id, key: `#${epic.id}` }, level: 0 });
    expect(epic.hierarchy).toEqual({ parent: null, level: 0 });

    expect(await tracker.updateIssue(child.id, { parent: other.id })).toEqual({ parent: other.id });
    const fresh = world.tracker();
    expect((await fresh.getIssues([child.id]))[0]?.hierarchy?.parent?.id).toBe(other.id);
    const listed = (await fresh.listUpdatedSince(undefined)).items.find((i) => i.id === child.id);
    expect(listed?.hierarchy?.parent?.id).toBe(other.id);

    expect(await tracker.updateIssue(child.id, { parent: null })).toEqual({ parent: null });
    expect((await fresh.getIssues([child.id]))[0]?.hierarchy).toEqual({ parent: null, level: 0 });

    // An issue cannot be its own parent, nor under one that does not exist: Redmine's words, nothing written.
    const refused = await tracker.updateIssue(child.id, { parent: child.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TrackerError);
    expect((refused as TrackerError).message).toContain('Parent task is invalid');
    await expect(tracker.updateIssue(child.id, { parent: 'PROJ-1' })).rejects.toThrow(
      'parent must be an issue id, got "PROJ-1"',
    );
    expect((await fresh.getIssues([child.id]))[0]?.hierarchy?.parent).toBeNull();
  });

  it('names a priority or date Redmine keeps on a parent task, answering what it holds', async () => {
    const tracker = world.tracker();
    const parent = await tracker.createIssue(
      { subject: 'Parent', 'priority.name': 'High' },
      'c1:l:derived-p',
    );
    await tracker.createIssue(
      { subject: 'Child', 'priority.name': 'Low', parent: parent.id },
      'c1:l:derived-c',
    );
    // Redmine's default settings calculate a parent's priority from its subtasks: the write is taken
    // (204) and changes nothing, so it is named, and the answer is what Redmine holds.
    const kept = await tracker
      .updateIssue(parent.id, { subject: 'Parent (renamed)', 'priority.name': 'Urgent' })
      .catch((e: unknown) => e);
    expect(kept).toBeInstanceOf(PartialWriteError);
    expect((kept as PartialWriteError).held).toEqual({ 'priority.name': 'Low' });
    expect((kept as PartialWriteError).unwritten).toEqual([
      {
        path: 'priority.name',
        message: expect.stringMatching(
          /kept "Low" at priority\.name, not "Urgent": Redmine calculates a parent task's priority/,
        ) as unknown as string,
      },
    ]);
    expect((await tracker.getIssues([parent.id]))[0]?.fields.subject).toBe('Parent (renamed)');
    // An issue without subtasks takes it, in whatever case the rule spells it.
    const single = await tracker.createIssue({ subject: 'Alone' }, 'c1:l:derived-s');
    expect(
      await tracker.updateIssue(single.id, { 'priority.name': 'urgent', due_date: '2026-12-31' }),
    ).toEqual({
      'priority.name': 'Urgent',
      due_date: '2026-12-31',
    });
  });

  it('writes the target version by name: a missing one is named on the pair unless the rule creates it', async () => {
    const strict = world.tracker();
    const issue = await strict.createIssue({ subject: 'Versioned' }, 'c1:l:versioned');
    const unwritten = await strict
      .updateIssue(issue.id, { subject: 'Versioned (2)', 'fixed_version.name': ['2.0'] })
      .catch((e: unknown) => e);
    expect(unwritten).toBeInstanceOf(PartialWriteError);
    expect((unwritten as PartialWriteError).unwritten).toEqual([
      {
        path: 'fixed_version.name',
        message: expect.stringContaining('target version "2.0" does not exist') as unknown as string,
      },
    ]);
    // The rest of the write stands; the version is not invented.
    const [after] = await strict.getIssues([issue.id]);
    expect(after?.fields).toEqual(expect.objectContaining({ subject: 'Versioned (2)', fixed_version: null }));

    const creating = new RedmineTracker({
      client: world.client,
      project: world.project,
      createMissing: ['fixed_version.name'],
    });
    // Jira's list of one name is Redmine's one version; the answer is what Redmine holds.
    expect(await creating.updateIssue(issue.id, { 'fixed_version.name': ['2.0'] })).toEqual({
      'fixed_version.name': '2.0',
    });
    expect((await strict.getIssues([issue.id]))[0]?.fields.fixed_version).toEqual({ name: '2.0' });
    // Now it exists, the strict connection writes it too; a created issue takes one the same way.
    const made = await strict.createIssue({ subject: 'Also 2.0', 'fixed_version.name': '2.0' }, 'c1:l:v2');
    expect(made.fields.fixed_version).toEqual({ name: '2.0' });

    // Two versions cannot be held: named, not cut to one. An empty list clears it.
    const two = await creating
      .updateIssue(issue.id, { 'fixed_version.name': ['2.0', '3.0'] })
      .catch((e: unknown) => e);
    expect((two as PartialWriteError).message).toContain('Redmine holds one target version, not 2');
    expect((await strict.getIssues([issue.id]))[0]?.fields.fixed_version).toEqual({ name: '2.0' });
    expect(await strict.updateIssue(issue.id, { 'fixed_version.name': [] })).toEqual({
      'fixed_version.name': null,
    });
    expect((await strict.getIssues([issue.id]))[0]?.fields.fixed_version).toBeNull();
  });

  it('turns Redmine refusals into TrackerErrors that say what is wrong', async () => {
    const tracker = world.tracker();
    await expect(tracker.createIssue({ 'status.name': 'Nonexistent' }, 'o:x')).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('no status "Nonexistent"') as string,
    });
    await expect(tracker.createIssue({ assigned_to: { id: 'stranger' } }, 'o:x')).rejects.toMatchObject({
      code: 'user_unmapped',
    });
    const issue = await tracker.createIssue({ subject: 'x' }, 'o:422');
    await expect(tracker.updateIssue(issue.id, { subject: '' })).rejects.toMatchObject({
      code: 'invalid_request',
      status: 422,
      message: expect.stringContaining('Subject cannot be blank') as string,
    });
    await expect(tracker.getIssues(['999999'])).resolves.toEqual([]);
    await expect(tracker.listComments('999999')).rejects.toMatchObject({ code: 'not_found' });
    const badKey = new RedmineTracker({
      client: new RedmineClient(redmine.server.baseUrl, 'not-a-key', nodeFetch, 'Redmine (bad key)'),
      project: world.project,
    });
    const refused = await badKey.listUpdatedSince(undefined).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TrackerError);
    expect(refused).toMatchObject({ code: 'unauthorized', status: 401 });
  });
});

describe('the engine with Redmine as the remote side', () => {
  let world: RedmineProject;
  beforeAll(async () => {
    world = await redmine.project('sync');
  });

  it('carries a local issue, its comments and an attachment to Redmine, and Redmine’s edits back', async () => {
    const w = setup(world);
    const issue = w.local.userCreate({
      summary: 'Conveyor belt stops',
      description: 'It stops after **10 minutes**.\n\n- belt A\n- belt B',
      status: { name: 'To Do' },
      assignee: { id: 'acc-ana', displayName: 'Ana Lima' },
    });
    w.local.userComment(issue.id, 'Seen on line 3.');
    w.local.userComment(issue.id, 'And on line 4.');
    const log = new TextEncoder().encode('12:00 belt A stopped\n');
    w.local.userAttach(issue.id, 'belt.log', log);

    await w.cycle();

    const pair = (await w.deps.store.listPairs(w.connection.id)).items[0];
    const remoteId = pair?.remote?.id;
    expect(remoteId).toBeDefined();
    const [copy] = await w.remote.getIssues([remoteId ?? '']);
    expect(copy?.fields).toEqual(
      expect.objectContaining({
        subject: 'Conveyor belt stops',
        description: 'It stops after **10 minutes**.\n\n- belt A\n- belt B',
        status: { name: 'New', closed: false },
        assigned_to: { id: world.userId, displayName: 'Ana Lima' },
      }),
    );
    const notes = await w.remote.listComments(remoteId ?? '');
    expect(notes.map((n) => n.body)).toEqual([
      '*Alice wrote in DEMO:*\n\nSeen on line 3.',
      '*Alice wrote in DEMO:*\n\nAnd on line 4.',
    ]);
    const [attachment] = await w.remote.listAttachments(remoteId ?? '');
    expect(attachment).toEqual(expect.objectContaining({ filename: 'belt.log', size: log.length }));
    expect(
      Buffer.from(await w.remote.downloadAttachment(remoteId ?? '', attachment?.id ?? '')).toString(),
    ).toBe('12:00 belt A stopped\n');

    // Nothing new: nothing is written, though every issue is read again.
    w.local.resetCalls();
    const quiet = await w.cycle();
    expect(quiet.plan.mutations).toEqual([]);
    expect(w.local.writes).toBe(0);

    // People edit the copy in Redmine, as they would in its web UI. Redmine's updated_on has whole seconds
    // and the engine reads an unchanged `updated` as "nothing new", so an edit in the very second of
    // Tandem's last write would wait for the hourly full scan; a person is never that quick, the test can be.
    await new Promise((r) => setTimeout(r, 1100));
    await world.client.empty(`/issues/${remoteId ?? ''}.json`, {
      method: 'PUT',
      json: {
        issue: { subject: 'Conveyor belt stops (line 3 and 4)', status_id: 5, notes: 'Fixed the sensor.' },
      },
    });
    await w.cycle();

    const [back] = w.local.snapshot().filter((i) => i.id === issue.id);
    expect(back?.fields).toEqual(
      expect.objectContaining({ summary: 'Conveyor belt stops (line 3 and 4)', status: { name: 'Done' } }),
    );
    expect(back?.comments?.map((c) => c.body)).toEqual([
      'Seen on line 3.',
      'And on line 4.',
      'Fixed the sensor.',
    ]);

    // And once more: settled on both sides.
    w.local.resetCalls();
    const settled = await w.cycle();
    expect(settled.plan.mutations).toEqual([]);
  });

  it('keeps an ADF description and its Markdown in step both ways, writing nothing in between', async () => {
    // The local side holds ADF, as Jira does: Markdown written to it becomes ADF.
    const toAdf = (v: Json): Json => (typeof v === 'string' ? markdownToAdf(v) : v);
    const w = setup(world, { richText: { paths: ['description'], convert: toAdf } });
    const description = markdownToAdf('It stops after **10 minutes**.\n\n- belt A\n- belt B\n\n> seen twice');
    const issue = w.local.userCreate({ summary: 'Belt B squeaks', description, status: { name: 'To Do' } });
    await w.cycle();
    const pair = (await w.deps.store.listPairs(w.connection.id)).items.find((p) => p.local?.id === issue.id);
    const remoteId = pair?.remote?.id ?? '';
    const [copy] = await w.remote.getIssues([remoteId]);
    expect(copy?.fields.description).toBe(adfToMarkdown(description));

    const quiet = async () => {
      for (let i = 0; i < 3; i++) expect((await w.cycle()).plan.mutations).toEqual([]);
    };
    await quiet();

    // An edit in Redmine's web UI (CRLF, as browsers send) crosses once and is held locally as ADF.
    await new Promise((r) => setTimeout(r, 1100));
    await world.client.empty(`/issues/${remoteId}.json`, {
      method: 'PUT',
      json: { issue: { description: 'Now **fixed** in Redmine\r\n\r\n1. sensor\r\n2. belt' } },
    });
    const incoming = await w.cycle();
    expect(incoming.plan.mutations.map((m) => [m.kind, m.side])).toEqual([['update-issue', 'local']]);
    const [local] = w.local.snapshot().filter((i) => i.id === issue.id);
    expect(local?.fields.description).toEqual(
      markdownToAdf('Now **fixed** in Redmine\n\n1. sensor\n2. belt'),
    );
    await quiet();

    // And an edit of the ADF crosses to Redmine once, as Markdown.
    const edited = markdownToAdf('Replaced the **sensor**; see `belt.log`.');
    w.local.userEdit(issue.id, { description: edited });
    const outgoing = await w.cycle();
    expect(outgoing.plan.mutations.map((m) => [m.kind, m.side])).toEqual([['update-issue', 'remote']]);
    const [after] = await w.remote.getIssues([remoteId]);
    expect(after?.fields.description).toBe(adfToMarkdown(edited));
    await new Promise((r) => setTimeout(r, 1100));
    await quiet();
  });
});

describe('work logs between a local tracker and Redmine time entries', () => {
  let world: RedmineProject;
  beforeAll(async () => {
    world = await redmine.project('time');
  });

  const Entries = z.object({
    time_entries: z.array(
      z.object({ id: z.number(), hours: z.number(), spent_on: z.string(), comments: z.string().nullable() }),
    ),
  });
  const entriesOf = async (issueId: string) =>
    (
      await world.client.json('/time_entries.json', Entries, { query: { issue_id: issueId } })
    ).time_entries.sort((a, b) => a.id - b.id);

  it('books local time in Redmine in hours on its UTC day, books Redmine time back, and then stays quiet', async () => {
    const w = setup(world, {}, [{ kind: 'worklogs', round: 'nearest' }]);
    const issue = w.local.userCreate({ summary: 'Belt sensor', status: { name: 'To Do' } });
    // 23:30 in New York is the next day in UTC; 61 min 20 s rounds to 61 minutes, 1.02 h in Redmine.
    const original = w.local.userLogWork(issue.id, {
      started: '2026-11-23T23:30:00.000-05:00',
      timeSpentSeconds: 61 * 60 + 20,
      comment: 'Calibrated the belt sensor',
    });
    await w.cycle();

    const remoteId = (await w.deps.store.listPairs(w.connection.id)).items[0]?.remote?.id ?? '';
    const [entry, ...others] = await entriesOf(remoteId);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ hours: 1.02, spent_on: '2026-11-24' });
    // The origin is kept in the comment itself, after the attribution and the text.
    expect(entry?.comments).toMatch(
      /^Alice logged this in DEMO:\nCalibrated the belt sensor\n\[tandem:origin=[^\]]+\]$/,
    );
    expect(await w.remote.listWorklogs(remoteId)).toEqual([
      expect.objectContaining({
        started: '2026-11-24T00:00:00.000Z',
        timeSpentSeconds: 3672,
        comment: 'Alice logged this in DEMO:\nCalibrated the belt sensor',
        origin: `tandem:redmine-it:lw:${original.id}`,
      }),
    ]);

    // A person books a quarter hour in Redmine. A time entry does not touch the issue's updated_on, so
    // the engine sees it on its full scan.
    await world.client.json('/time_entries.json', z.object({ time_entry: z.object({ id: z.number() }) }), {
      method: 'POST',
      json: {
        time_entry: { issue_id: Number(remoteId), hours: 0.25, spent_on: '2026-11-25', comments: 'Reviewed' },
      },
    });
    await w.cycle({ scope: { kind: 'full' } });
    const local = w.local.snapshot().find((i) => i.id === issue.id)?.worklogs ?? [];
    expect(
      local.map((l) => ({ started: l.started, seconds: l.timeSpentSeconds, comment: l.comment })),
    ).toEqual([
      { started: original.started, seconds: 61 * 60 + 20, comment: 'Calibrated the belt sensor' },
      {
        started: '2026-11-25T00:00:00.000Z',
        seconds: 900,
        comment: expect.stringContaining('Reviewed') as unknown as string,
      },
    ]);

    // Settled: what each side holds reads back the same, so neither the copy nor the original is written.
    const quiet = await w.cycle({ scope: { kind: 'full' } });
    expect(quiet.plan.mutations).toEqual([]);

    // An edit to the original travels; Redmine keeps it to two decimals.
    w.local.userEditWorklog(issue.id, original.id, { timeSpentSeconds: 20 * 60 });
    await w.cycle({ scope: { kind: 'full' } });
    expect((await entriesOf(remoteId))[0]).toMatchObject({ hours: 0.33, spent_on: '2026-11-24' });
    expect((await w.cycle({ scope: { kind: 'full' } })).plan.mutations).toEqual([]);
  });
});

describe('time booked where Redmine does not track time', () => {
  it('is refused naming the module and the permission, not with an empty 403', async () => {
    const world = await redmine.project('untracked');
    // The world's projects track time; this one is set back to issues only.
    await world.client.empty(`/projects/${world.project}.json`, {
      method: 'PUT',
      json: { project: { enabled_module_names: ['issue_tracking'] } },
    });
    const tracker = world.tracker();
    const issue = await tracker.createIssue({ subject: 'No time here' }, 'c1:l:untracked');
    const refused = tracker.addWorklog(
      issue.id,
      { started: '2026-11-23T09:30:00.000Z', timeSpentSeconds: 600, comment: null },
      'tandem:c1:lw:1',
    );
    await expect(refused).rejects.toThrow(/needs the "Time tracking" module.*"Log spent time" permission/);
    expect(await tracker.listWorklogs(issue.id)).toEqual([]);
  });
});

describe('parents between a local tracker and Redmine parent tasks', () => {
  let world: RedmineProject;
  beforeAll(async () => {
    world = await redmine.project('tree');
  });

  const parentOf = async (id: string) =>
    (
      await world.client.json(
        `/issues/${id}.json`,
        z.object({ issue: z.object({ parent: z.object({ id: z.number() }).optional() }) }),
      )
    ).issue.parent?.id;

  it('builds the tree in Redmine, follows a move made in Redmine back, and then stays quiet', async () => {
    const w = setup(
      world,
      { hierarchy: { typePath: 'issuetype.name', levels: { Epic: 1, Task: 0, 'Sub-task': -1 } } },
      [{ kind: 'hierarchy' }],
    );
    const epic = w.local.userCreate({
      summary: 'Release 2',
      issuetype: { name: 'Epic' },
      status: { name: 'To Do' },
    });
    const task = w.local.userCreate({
      summary: 'Ship it',
      issuetype: { name: 'Task' },
      status: { name: 'To Do' },
    });
    w.local.userSetParent(task.id, epic.id);

    // The child's copy waits for its parent's, which this cycle creates; the next one places it.
    await w.cycle({ scope: { kind: 'full' } });
    await w.cycle({ scope: { kind: 'full' } });
    const pairs = (await w.deps.store.listPairs(w.connection.id)).items;
    const copyOf = (localId: string) => pairs.find((p) => p.local?.id === localId)?.remote?.id ?? '';
    expect(await parentOf(copyOf(task.id))).toBe(Number(copyOf(epic.id)));
    expect(await parentOf(copyOf(epic.id))).toBeUndefined();
    expect((await w.cycle({ scope: { kind: 'full' } })).plan.mutations).toEqual([]);

    // A person takes the task out of the release in Redmine (after a second: updated_on is whole seconds).
    await new Promise((r) => setTimeout(r, 1100));
    await world.client.empty(`/issues/${copyOf(task.id)}.json`, {
      method: 'PUT',
      json: { issue: { parent_issue_id: null } },
    });
    await w.cycle();
    expect(w.local.parentOf(task.id)).toBeNull();
    expect((await w.cycle({ scope: { kind: 'full' } })).plan.mutations).toEqual([]);

    // And puts it back under the release in the local tracker.
    w.local.userSetParent(task.id, epic.id);
    await w.cycle();
    expect(await parentOf(copyOf(task.id))).toBe(Number(copyOf(epic.id)));
  });
});
