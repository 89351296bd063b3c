import { PartialWriteError, TrackerError } from '../../src/core/errors';
import type { CanonicalIssue } from '../../src/core/model';
import { CrashError, FakeTracker, type FakeTrackerOptions } from './fake-tracker';

/** A clock that stands still unless a test moves it. */
function manualClock(start = '2025-01-01T00:00:00.000Z') {
  let ms = Date.parse(start);
  return {
    now: () => new Date(ms),
    tick: (by = 1000) => {
      ms += by;
    },
    iso: () => new Date(ms).toISOString(),
  };
}

function setup(opts: FakeTrackerOptions = {}) {
  const clock = manualClock();
  const tracker = new FakeTracker({ project: 'ABC', host: 'abc.example.com', now: clock.now, ...opts });
  return { clock, tracker };
}

async function listAll(tracker: FakeTracker, since?: string): Promise<CanonicalIssue[]> {
  const all: CanonicalIssue[] = [];
  let token: string | undefined;
  do {
    const page = await tracker.listUpdatedSince(since, token);
    all.push(...page.items);
    token = page.next;
  } while (token !== undefined);
  return all;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

const bytes = (...values: number[]) => new Uint8Array(values);

describe('FakeTracker', () => {
  it('generates increasing numeric ids, keys and urls', async () => {
    const { tracker } = setup();
    const a = await tracker.createIssue({ title: 'a' }, 'r-1');
    const b = tracker.userCreate({ title: 'b' });
    expect(Number(b.id)).toBeGreaterThan(Number(a.id));
    expect([a.key, b.key]).toEqual(['ABC-1', 'ABC-2']);
    expect(a.url).toBe('https://abc.example.com/browse/ABC-1');
    expect(a.created).toBe(a.updated);
  });

  it('writes fields by dotted path and stores null for cleared fields', async () => {
    const { tracker, clock } = setup();
    const issue = await tracker.createIssue(
      { title: 't', 'status.name': 'Open', 'assignee.id': 'u1' },
      'r-1',
    );
    expect(issue.fields).toEqual({ title: 't', status: { name: 'Open' }, assignee: { id: 'u1' } });
    clock.tick();
    await tracker.updateIssue(issue.id, { 'status.name': 'Done', labels: ['a'], assignee: null });
    const [read] = await tracker.getIssues([issue.id]);
    expect(read!.fields).toEqual({ title: 't', status: { name: 'Done' }, labels: ['a'], assignee: null });
    expect(read!.updated).toBe(clock.iso());
  });

  describe('listUpdatedSince', () => {
    it('pages through ties at one timestamp without losing or repeating issues', async () => {
      const { tracker } = setup({ pageSize: 3 });
      const ids = Array.from({ length: 7 }, (_, i) => tracker.userCreate({ n: i }).id);
      const pages: number[] = [];
      let token: string | undefined;
      const seen: string[] = [];
      do {
        const page = await tracker.listUpdatedSince(undefined, token);
        pages.push(page.items.length);
        seen.push(...page.items.map((i) => i.id));
        token = page.next;
      } while (token !== undefined);
      expect(pages).toEqual([3, 3, 1]);
      expect(seen).toEqual(ids);
    });

    it('orders by updated then id, with ties straddling page boundaries', async () => {
      const { tracker, clock } = setup({ pageSize: 2 });
      const [a, b, c, d, e] = Array.from({ length: 5 }, () => tracker.userCreate({}).id);
      clock.tick();
      tracker.userEdit(d!, { x: 1 });
      tracker.userEdit(b!, { x: 1 });
      tracker.userEdit(e!, { x: 1 });
      clock.tick();
      tracker.userEdit(a!, { x: 1 });
      expect((await listAll(tracker)).map((i) => i.id)).toEqual([c, b, d, e, a]);
    });

    it('includes issues updated exactly at `since`, excludes older ones', async () => {
      const { tracker, clock } = setup({ pageSize: 1 });
      tracker.userCreate({ n: 0 });
      clock.tick();
      const since = clock.iso();
      const b = tracker.userCreate({ n: 1 });
      const c = tracker.userCreate({ n: 2 });
      clock.tick();
      const d = tracker.userCreate({ n: 3 });
      expect((await listAll(tracker, since)).map((i) => i.id)).toEqual([b.id, c.id, d.id]);
      // another spelling of the same instant
      expect(await listAll(tracker, since.replace('Z', '+00:00'))).toHaveLength(3);
    });

    it('has no `next` on an exactly full last page', async () => {
      const { tracker } = setup({ pageSize: 2 });
      tracker.userCreate({});
      tracker.userCreate({});
      const page = await tracker.listUpdatedSince(undefined);
      expect(page.items).toHaveLength(2);
      expect(page).not.toHaveProperty('next');
    });

    it('shows an issue changed while paging again later instead of losing it', async () => {
      const { tracker, clock } = setup({ pageSize: 2 });
      const ids = Array.from({ length: 4 }, () => tracker.userCreate({}).id);
      const first = await tracker.listUpdatedSince(undefined);
      clock.tick();
      tracker.userEdit(ids[0]!, { x: 1 }); // already seen: moves behind the cursor
      tracker.userEdit(ids[3]!, { x: 1 }); // not yet seen: must still come
      const rest: string[] = [];
      let token = first.next;
      while (token !== undefined) {
        const page = await tracker.listUpdatedSince(undefined, token);
        rest.push(...page.items.map((i) => i.id));
        token = page.next;
      }
      expect(rest).toEqual([ids[2], ids[0], ids[3]]);
    });

    it('rejects a bad page token or time', async () => {
      const { tracker } = setup();
      expect(await rejection(tracker.listUpdatedSince(undefined, 'garbage'))).toMatchObject({
        code: 'invalid_request',
      });
      expect(await rejection(tracker.listUpdatedSince('yesterday'))).toMatchObject({
        code: 'invalid_request',
      });
    });
  });

  describe('reads', () => {
    it('getIssues omits missing ids and returns each issue once', async () => {
      const { tracker } = setup();
      const a = tracker.userCreate({ n: 1 });
      const b = tracker.userCreate({ n: 2 });
      const got = await tracker.getIssues([b.id, 'nope', a.id, b.id]);
      expect(got.map((i) => i.id)).toEqual([b.id, a.id]);
      expect(tracker.calls.getIssues).toBe(1);
    });

    it('returns deep copies and copies what it is given', async () => {
      const { tracker } = setup();
      const fields = { title: 't', labels: ['a'] };
      const created = await tracker.createIssue(fields, 'r-1');
      fields.labels.push('mutated-input');
      created.fields.title = 'mutated-output';
      const body = { text: 'hi' };
      await tracker.addComment(created.id, body, 'rc-1');
      body.text = 'mutated-input';
      const att = tracker.userAttach(created.id, 'f.bin', bytes(1, 2));

      const [read] = await tracker.getIssues([created.id]);
      read!.fields.labels = [];
      read!.comments![0]!.body = 'mutated';
      read!.attachments![0]!.size = 0;
      (await tracker.listComments(created.id))[0]!.body = 'mutated';
      (await tracker.downloadAttachment(created.id, att.id))[0] = 99;

      const [again] = tracker.snapshot();
      expect(again!.fields).toEqual({ title: 't', labels: ['a'] });
      expect(again!.comments![0]!.body).toEqual({ text: 'hi' });
      expect(again!.attachments![0]!.size).toBe(2);
      expect(tracker.peekAttachment(created.id, att.id)).toEqual(bytes(1, 2));
    });

    it('throws not_found for unknown ids', async () => {
      const { tracker } = setup();
      const issue = tracker.userCreate({});
      const calls: (() => Promise<unknown>)[] = [
        () => tracker.updateIssue('404', {}),
        () => tracker.listComments('404'),
        () => tracker.addComment('404', 'x', 'o'),
        () => tracker.updateComment(issue.id, '404', 'x'),
        () => tracker.deleteComment(issue.id, '404'),
        () => tracker.listAttachments('404'),
        () => tracker.downloadAttachment(issue.id, '404'),
        () => tracker.deleteAttachment(issue.id, '404'),
      ];
      for (const call of calls) {
        const err = await rejection(call());
        expect(err).toBeInstanceOf(TrackerError);
        expect(err).toMatchObject({ code: 'not_found', status: 404 });
      }
      expect(() => {
        tracker.userEdit('404', {});
      }).toThrow(TrackerError);
    });

    it('omits comments and attachments from issues when configured so', async () => {
      const { tracker } = setup({ includeCommentsInIssues: false, includeAttachmentsInIssues: false });
      const issue = tracker.userCreate({});
      tracker.userComment(issue.id, 'hi');
      const [read] = await tracker.getIssues([issue.id]);
      expect(read).not.toHaveProperty('comments');
      expect(read).not.toHaveProperty('attachments');
      expect(tracker.snapshot()[0]!.comments).toHaveLength(1);
    });
  });

  it('finds an issue by origin', async () => {
    const { tracker } = setup();
    tracker.userCreate({ title: 'human' });
    const created = await tracker.createIssue({ title: 'copy' }, 'r-42');
    expect(await tracker.findIssueByOrigin('r-42')).toEqual(created);
    expect(await tracker.findIssueByOrigin('r-43')).toBeUndefined();
  });

  it('keeps comments with ids, times, origin, and bumps the issue on every change', async () => {
    const { tracker, clock } = setup();
    const issue = tracker.userCreate({});
    clock.tick();
    const mine = await tracker.addComment(issue.id, { text: 'copy' }, 'rc-1');
    const theirs = tracker.userComment(issue.id, 'by hand');
    expect(mine).toMatchObject({ origin: 'rc-1', created: clock.iso(), updated: clock.iso() });
    expect(theirs).not.toHaveProperty('origin');
    expect(mine.author?.id).not.toBe(theirs.author?.id);
    expect(tracker.snapshot()[0]!.updated).toBe(clock.iso());

    clock.tick();
    await tracker.updateComment(issue.id, mine.id, { text: 'edited' });
    const [edited] = await tracker.listComments(issue.id);
    expect(edited).toMatchObject({ body: { text: 'edited' }, created: mine.created, updated: clock.iso() });
    expect(tracker.snapshot()[0]!.updated).toBe(clock.iso());

    clock.tick();
    tracker.userDeleteComment(issue.id, theirs.id);
    expect((await tracker.listComments(issue.id)).map((c) => c.id)).toEqual([mine.id]);
    expect(tracker.snapshot()[0]!.updated).toBe(clock.iso());
  });

  it('stores, lists, downloads and deletes attachments', async () => {
    const { tracker, clock } = setup();
    const issue = tracker.userCreate({});
    clock.tick();
    const att = await tracker.uploadAttachment(issue.id, {
      filename: 'a.png',
      mimeType: 'image/png',
      data: bytes(1, 2, 3),
    });
    expect(att).toMatchObject({ filename: 'a.png', mimeType: 'image/png', size: 3, created: clock.iso() });
    expect(await tracker.listAttachments(issue.id)).toEqual([att]);
    expect(await tracker.downloadAttachment(issue.id, att.id)).toEqual(bytes(1, 2, 3));
    clock.tick();
    await tracker.deleteAttachment(issue.id, att.id);
    expect(await tracker.listAttachments(issue.id)).toEqual([]);
    expect(tracker.snapshot()[0]!.updated).toBe(clock.iso());
  });

  it('can leave `updated` alone on an update that changes nothing', async () => {
    const { tracker, clock } = setup({ noopUpdatesBump: false });
    const issue = tracker.userCreate({ title: 't' });
    clock.tick();
    await tracker.updateIssue(issue.id, { title: 't' });
    expect(tracker.snapshot()[0]!.updated).toBe(issue.updated);
    await tracker.updateIssue(issue.id, { title: 'u' });
    expect(tracker.snapshot()[0]!.updated).toBe(clock.iso());
  });

  describe('faults', () => {
    it('crash after a write: the write happened, the caller saw an error, a retry can find it', async () => {
      const { tracker } = setup();
      tracker.failAfter(1, 'after');
      await tracker.createIssue({ title: 'one' }, 'r-1');
      const err = await rejection(tracker.createIssue({ title: 'two' }, 'r-2'));
      expect(err).toBeInstanceOf(CrashError);
      expect(await tracker.findIssueByOrigin('r-2')).toMatchObject({ fields: { title: 'two' } });
      await tracker.createIssue({ title: 'three' }, 'r-3'); // one-shot
      expect(tracker.snapshot()).toHaveLength(3);
    });

    it('crash before a write: nothing happened', async () => {
      const { tracker } = setup();
      const issue = tracker.userCreate({ title: 't' });
      tracker.failAfter(0, 'before');
      expect(await rejection(tracker.updateIssue(issue.id, { title: 'u' }))).toBeInstanceOf(CrashError);
      expect(tracker.snapshot()[0]!.fields).toEqual({ title: 't' });
    });

    it('reads do not use up a planned crash', async () => {
      const { tracker } = setup();
      const issue = tracker.userCreate({});
      tracker.failAfter(0);
      await tracker.getIssues([issue.id]);
      await tracker.listComments(issue.id);
      expect(await rejection(tracker.addComment(issue.id, 'x', 'rc-1'))).toBeInstanceOf(CrashError);
      expect(tracker.snapshot()[0]!.comments).toHaveLength(1);
    });

    it('onCall hook can crash a chosen write after it is applied', async () => {
      const { tracker } = setup();
      const issue = tracker.userCreate({});
      tracker.onCall = ({ op, phase }) => {
        if (op === 'addComment' && phase === 'after') throw new CrashError();
      };
      expect(await rejection(tracker.addComment(issue.id, 'copy', 'rc-1'))).toBeInstanceOf(CrashError);
      tracker.onCall = undefined;
      expect((await tracker.listComments(issue.id)).map((c) => c.origin)).toEqual(['rc-1']);
    });

    it('onCall hook can act as a person editing between two calls', async () => {
      const { tracker } = setup();
      const issue = tracker.userCreate({ title: 't' });
      tracker.onCall = ({ op, phase }) => {
        if (op === 'updateIssue' && phase === 'before') tracker.userEdit(issue.id, { title: 'human' });
      };
      await tracker.updateIssue(issue.id, { labels: ['x'] });
      expect(tracker.snapshot()[0]!.fields).toEqual({ title: 'human', labels: ['x'] });
    });

    it('rate limits the next n calls with a retry hint, doing nothing', async () => {
      const { tracker } = setup();
      const issue = tracker.userCreate({ title: 't' });
      tracker.rateLimitNext(2, 1500);
      const first = await rejection(tracker.updateIssue(issue.id, { title: 'u' }));
      expect(first).toBeInstanceOf(TrackerError);
      expect(first).toMatchObject({
        code: 'rate_limited',
        status: 429,
        retryAfterMs: 1500,
        isRetryable: true,
      });
      expect(await rejection(tracker.getIssues([issue.id]))).toMatchObject({ code: 'rate_limited' });
      expect(tracker.snapshot()[0]!.fields).toEqual({ title: 't' });
      await tracker.updateIssue(issue.id, { title: 'u' });
      expect(tracker.snapshot()[0]!.fields).toEqual({ title: 'u' });
    });
  });

  it('counts port calls by operation, not user actions', async () => {
    const { tracker } = setup();
    const issue = tracker.userCreate({});
    tracker.userEdit(issue.id, { a: 1 });
    tracker.userComment(issue.id, 'hi');
    tracker.userAttach(issue.id, 'f', bytes(1));
    expect([tracker.reads, tracker.writes]).toEqual([0, 0]);

    await listAll(tracker);
    await tracker.getIssues([issue.id]);
    await tracker.updateIssue(issue.id, { a: 2 });
    await tracker.addComment(issue.id, 'x', 'rc-1');
    expect(tracker.calls).toMatchObject({ listUpdatedSince: 1, getIssues: 1, updateIssue: 1, addComment: 1 });
    expect([tracker.reads, tracker.writes]).toEqual([2, 2]);

    tracker.resetCalls();
    await tracker.getIssues([issue.id]);
    expect([tracker.reads, tracker.writes]).toEqual([1, 0]);
  });

  it('snapshot shows every issue with comments and attachments', async () => {
    const { tracker } = setup({ includeCommentsInIssues: false });
    const a = tracker.userCreate({ title: 'a' });
    const b = await tracker.createIssue({ title: 'b' }, 'r-1');
    tracker.userComment(a.id, 'hi');
    tracker.userDeleteIssue(a.id);
    expect(tracker.snapshot()).toEqual([{ ...b, comments: [], attachments: [] }]);
    expect(await tracker.getIssues([a.id])).toEqual([]);
  });
});

describe('hierarchy, as Jira has it', () => {
  const LEVELS = { Epic: 1, Task: 0, 'Sub-task': -1 };
  const hierarchy = { typePath: 'issuetype.name', levels: LEVELS };

  it('reads each issue with its parent and level, and sets and removes a parent by issue id', async () => {
    const { tracker, clock } = setup({ hierarchy });
    expect(tracker.capabilities.hierarchy).toBe(true);
    const epic = tracker.userCreate({ summary: 'E', 'issuetype.name': 'Epic' });
    const task = await tracker.createIssue(
      { summary: 'T', 'issuetype.name': 'Task', parent: epic.id },
      'o-1',
    );
    expect(task.hierarchy).toEqual({ parent: { id: epic.id, key: epic.key }, level: 0 });
    expect(task.fields.parent).toBeUndefined(); // the parent is not a field
    const sub = tracker.userCreate({ summary: 'S', 'issuetype.name': 'Sub-task', parent: task.id });
    expect(sub.hierarchy).toEqual({ parent: { id: task.id, key: task.key }, level: -1 });

    clock.tick();
    expect(await tracker.updateIssue(task.id, { parent: null })).toEqual({ parent: null });
    const [moved] = await tracker.getIssues([task.id]);
    expect(moved?.hierarchy).toEqual({ parent: null, level: 0 });
    expect(moved?.updated).toBe(clock.iso());
  });

  it('refuses what Jira refuses, writing nothing', async () => {
    const { tracker } = setup({ hierarchy });
    const epic = tracker.userCreate({ summary: 'E', 'issuetype.name': 'Epic' });
    const task = tracker.userCreate({ summary: 'T', 'issuetype.name': 'Task' });
    const sub = tracker.userCreate({ summary: 'S', 'issuetype.name': 'Sub-task', parent: task.id });
    const refused = async (p: Promise<unknown>, message: string) => {
      const err = await rejection(p);
      expect(err).toBeInstanceOf(TrackerError);
      expect((err as TrackerError).code).toBe('invalid_request');
      expect((err as TrackerError).message).toContain(message);
    };
    const before = tracker.snapshot();
    await refused(
      tracker.createIssue({ summary: 'S2', 'issuetype.name': 'Sub-task' }, 'o'),
      'must have a parent',
    );
    await refused(tracker.updateIssue(sub.id, { parent: null }), 'must have a parent');
    await refused(
      tracker.updateIssue(sub.id, { parent: epic.id }),
      'level -1 cannot have a parent of level 1',
    );
    await refused(tracker.updateIssue(task.id, { parent: '99999' }), 'does not exist');
    await refused(
      tracker.updateIssue(sub.id, { 'issuetype.name': 'Task' }),
      'cannot be made a standard issue',
    );
    await refused(tracker.updateIssue(task.id, { 'issuetype.name': 'Epic' }), 'children of another level');
    expect(tracker.snapshot()).toEqual(before);
  });
});

describe('typed fields, as Jira has them', () => {
  const typedFields = {
    Severity: { kind: 'select', options: ['Low', 'High'] },
    fixVersions: { kind: 'versions', names: ['1.0', '2.0'] },
  } as const;

  it('reads a version list sorted ([] when empty) and an empty select as null', () => {
    const { tracker } = setup({ typedFields });
    const a = tracker.userCreate({ summary: 'A', fixVersions: ['2.0', '1.0'] });
    expect(a.fields).toMatchObject({ fixVersions: ['1.0', '2.0'], Severity: null });
    expect(tracker.userCreate({ summary: 'B' }).fields).toMatchObject({ fixVersions: [] });
  });

  it('writes what exists, and names what does not without writing it', async () => {
    const { tracker } = setup({ typedFields });
    const a = tracker.userCreate({ summary: 'A' });
    const err = await rejection(
      tracker.updateIssue(a.id, { summary: 'B', Severity: 'Blocker', fixVersions: ['1.0', '3.0'] }),
    );
    expect(err).toBeInstanceOf(PartialWriteError);
    expect((err as PartialWriteError).unwritten).toEqual([
      { path: 'Severity', message: 'ABC: Severity has no option "Blocker"' },
      { path: 'fixVersions', message: 'ABC: fixVersions "3.0" does not exist in ABC' },
    ]);
    expect((err as PartialWriteError).held).toEqual({ summary: 'B', Severity: null, fixVersions: [] });
    const created = await tracker.createIssue({ summary: 'C', Severity: 'Low', fixVersions: ['9'] }, 'o');
    expect(created.fields).toMatchObject({ Severity: 'Low', fixVersions: [] });
    expect(created.unwritten).toEqual([
      { path: 'fixVersions', message: 'ABC: fixVersions "9" does not exist in ABC' },
    ]);
    expect(() => tracker.userEdit(a.id, { Severity: 'Blocker' })).toThrow('has no option "Blocker"');
  });
});

describe('a connection filter', () => {
  it('listings and lookups in scope see what it keeps; a lookup by id sees every issue', async () => {
    const { tracker } = setup({ filter: (f) => f.labels !== undefined });
    const kept = tracker.userCreate({ summary: 'in', labels: ['synced'] });
    const out = tracker.userCreate({ summary: 'out' });
    expect((await listAll(tracker)).map((i) => i.id)).toEqual([kept.id]);
    expect((await tracker.getIssues([kept.id, out.id], { inScope: true })).map((i) => i.id)).toEqual([
      kept.id,
    ]);
    expect((await tracker.getIssues([kept.id, out.id])).map((i) => i.id)).toEqual([kept.id, out.id]);
    expect((await tracker.findIssue(out.key)).outcome).toBe('not-in-connection');
  });
});

it('an update whose every value is refused writes nothing, not even `updated`', async () => {
  const { tracker, clock } = setup({
    typedFields: { Severity: { kind: 'select', options: ['Low'] } },
    noopUpdatesBump: true,
  });
  const a = tracker.userCreate({ summary: 'A' });
  clock.tick();
  await expect(tracker.updateIssue(a.id, { Severity: 'High' })).rejects.toBeInstanceOf(PartialWriteError);
  expect(tracker.snapshot()[0]?.updated).toBe(a.updated);
});
