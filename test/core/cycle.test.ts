/**
 * Whole cycles between two fake trackers: creation both ways, echo suppression, invalidation, damage
 * control, conflicts, comments, attachments and per-pair status.
 */
import { approvePlan, discardPlan } from '../../src/core/cycle/run-cycle';
import { TrackerError } from '../../src/core/errors';
import { makeWorld, partnerOf, type World } from './harness';

const bytes = (n: number) => new Uint8Array(n).fill(7);
const statesOf = (w: World) => w.store.all(w.connection.id).map((p) => p.status.state);

describe('a cycle', () => {
  it('creates each side’s new issues on the other, with comments and attachments', async () => {
    const w = makeWorld();
    const l = w.local.userCreate({ summary: 'Local bug', status: { name: 'Done' }, labels: ['ui'] });
    w.local.userComment(l.id, 'seen on Tuesday');
    w.local.userAttach(l.id, 'trace.log', bytes(10));
    const r = w.remote.userCreate({ title: 'Remote request', state: 'open' });
    w.remote.userComment(r.id, 'please look');

    const result = await w.cycle();
    expect(result.outcome).toBe('executed');

    const copy = partnerOf(w, l.id);
    expect(copy?.fields).toEqual(
      expect.objectContaining({ title: 'Local bug', state: 'closed', labels: ['ui'] }),
    );
    expect(copy?.comments?.map((c) => c.body)).toEqual(['seen on Tuesday']);
    expect(copy?.attachments?.map((a) => [a.filename, a.size])).toEqual([['trace.log', 10]]);

    const localCopy = w.local.snapshot().find((i) => i.fields.summary === 'Remote request');
    expect(localCopy?.fields.status).toEqual({ name: 'To Do' });
    expect(localCopy?.comments?.map((c) => c.body)).toEqual(['please look']);
    expect(statesOf(w)).toEqual(['ok', 'ok']);
  });

  it('writes nothing when run again, though its own writes show up as changes', async () => {
    const w = makeWorld();
    const l = w.local.userCreate({ summary: 'A', labels: ['x'] });
    w.local.userComment(l.id, 'c');
    w.remote.userCreate({ title: 'B', state: 'open' });
    await w.cycle();
    w.local.resetCalls();
    w.remote.resetCalls();
    const again = await w.cycle();
    expect(again.outcome === 'executed' && again.plan.mutations).toEqual([]);
    expect(w.local.writes + w.remote.writes).toBe(0);
  });

  it('carries edits, transitions, label changes and comment edits both ways', async () => {
    const w = makeWorld();
    const l = w.local.userCreate({ summary: 'Title', status: { name: 'To Do' }, labels: ['a'] });
    const c = w.local.userComment(l.id, 'draft');
    await w.cycle();
    const r = partnerOf(w, l.id)!;

    w.remote.userEdit(r.id, { title: 'Better title', state: 'closed' });
    w.local.userEdit(l.id, { labels: ['a', 'b'] });
    w.local.userEditComment(l.id, c.id, 'final');
    await w.cycle();

    const local = w.local.snapshot().find((i) => i.id === l.id)!;
    expect(local.fields.summary).toBe('Better title');
    expect(local.fields.status).toEqual({ name: 'Done' });
    const remote = partnerOf(w, l.id)!;
    expect(remote.fields.labels).toEqual(['a', 'b']);
    expect(remote.comments?.map((x) => x.body)).toEqual(['final']);
  });

  it('deletes the copy of a deleted comment, and keeps a copy deleted by hand deleted', async () => {
    const w = makeWorld();
    const l = w.local.userCreate({ summary: 'T' });
    const c1 = w.local.userComment(l.id, 'one');
    w.local.userComment(l.id, 'two');
    await w.cycle();
    const r = partnerOf(w, l.id)!;
    w.local.userDeleteComment(l.id, c1.id);
    const copyOfTwo = r.comments!.find((c) => c.body === 'two')!;
    w.remote.userDeleteComment(r.id, copyOfTwo.id);
    await w.cycle();
    expect(partnerOf(w, l.id)!.comments).toEqual([]);
    expect(w.local.snapshot()[0]!.comments!.map((c) => c.body)).toEqual(['two']);
  });

  it('sends only local comments with the keyword when the rule has one', async () => {
    const w = makeWorld({
      rules: [
        { kind: 'two-way', local: 'summary', remote: 'title' },
        { kind: 'messages', keyword: '#supplier' },
      ],
    });
    const l = w.local.userCreate({ summary: 'T' });
    w.local.userComment(l.id, 'internal note');
    w.local.userComment(l.id, 'for them #supplier');
    await w.cycle();
    expect(partnerOf(w, l.id)!.comments!.map((c) => c.body)).toEqual(['for them #supplier']);
  });

  it('skips attachments over the size cap and records why', async () => {
    const w = makeWorld({
      rules: [
        { kind: 'two-way', local: 'summary', remote: 'title' },
        { kind: 'files', maxBytes: 100 },
      ],
    });
    const l = w.local.userCreate({ summary: 'T' });
    w.local.userAttach(l.id, 'small.txt', bytes(50));
    w.local.userAttach(l.id, 'huge.iso', bytes(500));
    await w.cycle();
    expect(partnerOf(w, l.id)!.attachments!.map((a) => a.filename)).toEqual(['small.txt']);
    const pair = w.store.all('c1')[0]!;
    expect(pair.skippedAttachments).toEqual([
      expect.objectContaining({
        filename: 'huge.iso',
        side: 'local',
        reason: expect.stringContaining('over the') as string,
      }),
    ]);
    // The skip is recorded once, not on every cycle.
    await w.cycle();
    expect(w.store.all('c1')[0]!.skippedAttachments).toHaveLength(1);
  });

  it('sends only local files with the prefix when the rule has one', async () => {
    const w = makeWorld({
      rules: [
        { kind: 'two-way', local: 'summary', remote: 'title' },
        { kind: 'files', prefix: 'ext-' },
      ],
    });
    const l = w.local.userCreate({ summary: 'T' });
    w.local.userAttach(l.id, 'ext-log.txt', bytes(5));
    w.local.userAttach(l.id, 'internal.txt', bytes(5));
    await w.cycle();
    expect(partnerOf(w, l.id)!.attachments!.map((a) => a.filename)).toEqual(['ext-log.txt']);
  });

  it('brings the new remote key back after create (afterCreate), and adds the default message', async () => {
    const w = makeWorld({
      rules: [
        { kind: 'two-way', local: 'summary', remote: 'title' },
        { kind: 'one-way', local: 'remoteKey', remote: 'key', afterCreate: true, localOnlyCreate: true },
        { kind: 'default-message', text: 'Created from the supplier tracker' },
      ],
    });
    const l = w.local.userCreate({ summary: 'Needs a remote key' });
    w.remote.userCreate({ title: 'From them' });
    await w.cycle();
    const local = w.local.snapshot().find((i) => i.id === l.id)!;
    expect(local.fields.remoteKey).toBe(partnerOf(w, l.id)!.key);
    const fromThem = w.local.snapshot().find((i) => i.fields.summary === 'From them')!;
    expect(fromThem.comments!.map((c) => c.body)).toEqual(['Created from the supplier tracker']);
  });

  it('respects the outgoing switches', async () => {
    const w = makeWorld({
      outgoing: {
        enabled: true,
        title: false,
        labels: true,
        state: true,
        comments: false,
        attachments: true,
      },
    });
    const l = w.local.userCreate({ summary: 'T', labels: ['a'] });
    await w.cycle();
    w.local.userEdit(l.id, { summary: 'Renamed', labels: ['a', 'b'] });
    w.local.userComment(l.id, 'not sent');
    await w.cycle();
    const r = partnerOf(w, l.id)!;
    expect(r.fields.labels).toEqual(['a', 'b']);
    expect(r.fields.title).toBeUndefined();
    expect(r.comments).toEqual([]);
  });

  it('dry run plans without writing', async () => {
    const w = makeWorld();
    w.local.userCreate({ summary: 'T' });
    const result = await w.cycle({ dryRun: true });
    expect(result.outcome === 'dry-run' && result.plan.mutations.map((m) => m.kind)).toEqual([
      'create-issue',
    ]);
    expect(w.remote.snapshot()).toEqual([]);
    expect(w.store.all('c1')).toEqual([]);
  });
});

describe('invalidation: changes undone before the cycle are not sent', () => {
  async function linked() {
    const w = makeWorld();
    const l = w.local.userCreate({ summary: 'T', status: { name: 'To Do' }, labels: ['a'] });
    await w.cycle();
    w.local.resetCalls();
    w.remote.resetCalls();
    return { w, l };
  }
  it('a label added then removed', async () => {
    const { w, l } = await linked();
    w.local.userEdit(l.id, { labels: ['a', 'temp'] });
    w.local.userEdit(l.id, { labels: ['a'] });
    await w.cycle();
    expect(w.remote.writes).toBe(0);
  });
  it('closed then reopened', async () => {
    const { w, l } = await linked();
    w.local.userEdit(l.id, { 'status.name': 'Done' });
    w.local.userEdit(l.id, { 'status.name': 'To Do' });
    await w.cycle();
    expect(w.remote.writes).toBe(0);
  });
  it('a comment added then deleted', async () => {
    const { w, l } = await linked();
    const c = w.local.userComment(l.id, 'oops');
    w.local.userDeleteComment(l.id, c.id);
    await w.cycle();
    expect(w.remote.writes).toBe(0);
  });
});

describe('damage control', () => {
  async function massEdit() {
    const w = makeWorld({ limits: { maxMutationsPerCycle: 3 } });
    const ids = [1, 2, 3].map((n) => w.local.userCreate({ summary: `Issue ${n}`, labels: [] }).id);
    await w.cycle();
    for (const id of ids) w.local.userEdit(id, { labels: ['mass'] });
    w.local.userCreate({ summary: 'Issue 4' });
    w.remote.resetCalls();
    const result = await w.cycle();
    return { w, ids, result };
  }

  it('holds a plan over the limit and writes nothing', async () => {
    const { w, result } = await massEdit();
    expect(result.outcome).toBe('held');
    expect(w.remote.writes).toBe(0);
    const state = await w.store.getConnectionState('c1');
    expect(state.heldPlan?.mutations).toHaveLength(4);
    // Later cycles wait for the admin, still writing nothing.
    expect((await w.cycle()).outcome).toBe('held');
    expect(w.remote.writes).toBe(0);
  });

  it('approving executes exactly that plan, once', async () => {
    const { w, ids, result } = await massEdit();
    if (result.outcome !== 'held') throw new Error('expected a held plan');
    const approved = await approvePlan(w.deps, w.connection, result.plan.id);
    expect(approved.outcome).toBe('executed');
    expect(w.remote.writes).toBe(4);
    for (const id of ids) expect(partnerOf(w, id)!.fields.labels).toEqual(['mass']);
    expect(w.remote.snapshot()).toHaveLength(4);

    expect((await approvePlan(w.deps, w.connection, result.plan.id)).outcome).toBe('already-executed');
    await w.cycle();
    expect(w.remote.writes).toBe(4);
  });

  it('an approved plan interrupted by a crash is finished by the next cycle, without duplicates', async () => {
    const { w, result } = await massEdit();
    if (result.outcome !== 'held') throw new Error('expected a held plan');
    w.remote.failAfter(1, 'after');
    await expect(approvePlan(w.deps, w.connection, result.plan.id)).rejects.toThrow();
    const next = await w.cycle();
    expect(next.outcome).toBe('executed');
    expect(w.remote.snapshot()).toHaveLength(4);
    expect((await w.store.getConnectionState('c1')).heldPlan).toBeUndefined();
  });

  it('discarding drops the plan without writing', async () => {
    const { w, result } = await massEdit();
    if (result.outcome !== 'held') throw new Error('expected a held plan');
    expect((await discardPlan(w.deps, 'c1', result.plan.id)).outcome).toBe('discarded');
    expect((await w.store.getConnectionState('c1')).heldPlan).toBeUndefined();
    expect(w.remote.writes).toBe(0);
    expect((await approvePlan(w.deps, w.connection, result.plan.id)).outcome).toBe('not-found');
  });
});

describe('pair status', () => {
  it('marks a manual conflict and overwrites neither side', async () => {
    const w = makeWorld({
      rules: [{ kind: 'two-way', local: 'summary', remote: 'title', conflict: 'manual' }],
    });
    const l = w.local.userCreate({ summary: 'Start' });
    await w.cycle();
    const r = partnerOf(w, l.id)!;
    w.local.userEdit(l.id, { summary: 'Ours' });
    w.remote.userEdit(r.id, { title: 'Theirs' });
    await w.cycle();
    const pair = w.store.all('c1')[0]!;
    expect(pair.status.state).toBe('conflict');
    expect(pair.conflicts).toEqual([expect.objectContaining({ localValue: 'Ours', remoteValue: 'Theirs' })]);
    expect(w.local.snapshot()[0]!.fields.summary).toBe('Ours');
    expect(partnerOf(w, l.id)!.fields.title).toBe('Theirs');
  });

  it('records an error with its message and counts attempts; other pairs go on', async () => {
    const w = makeWorld();
    const a = w.local.userCreate({ summary: 'A' });
    const b = w.local.userCreate({ summary: 'B' });
    await w.cycle();
    w.local.userEdit(a.id, { summary: 'A2' });
    w.local.userEdit(b.id, { summary: 'B2' });
    let failed = false;
    w.remote.onCall = (e) => {
      if (e.op === 'updateIssue' && e.phase === 'before' && !failed) {
        failed = true;
        throw new TrackerError('invalid_request', 'Field title is too long');
      }
    };
    await w.cycle();
    const errored = w.store.all('c1').filter((p) => p.status.state === 'error');
    expect(errored).toHaveLength(1);
    expect(errored[0]!.status).toEqual(
      expect.objectContaining({ attempts: 1, message: expect.stringContaining('update issue') as string }),
    );
    expect(
      w.remote
        .snapshot()
        .map((i) => i.fields.title)
        .sort(),
    ).toContain('B2');
    // The next cycle retries the pair in error and clears it.
    await w.cycle();
    expect(statesOf(w)).toEqual(['ok', 'ok']);
    expect(
      w.remote
        .snapshot()
        .map((i) => i.fields.title)
        .sort(),
    ).toEqual(['A2', 'B2']);
  });
});
