/**
 * Rule kind `worklogs` between two fake trackers: time booked on either side appears once on the other with
 * who booked it, rounded to whole minutes as the rule says; an edit and a delete follow the original; a
 * copy found by its origin after a kill is linked, not booked again.
 */
import { CONNECTORS } from '../../src/connectors/registry';
import { worklogOrigin } from '../../src/core/identity';
import type { CanonicalWorklog } from '../../src/core/model';
import { roundToMinutes } from '../../src/core/rules/plan-worklogs';
import { ruleCapabilityProblems } from '../../src/core/rules/rule-capabilities';
import { RuleListSchema, type RuleOf } from '../../src/core/schema/rules';
import type { ConnectionInput } from '../../src/core/schema/connection';
import type { FakeTracker } from '../fakes/fake-tracker';
import { DEFAULT_RULES, makeWorld, partnerOf, type World } from './harness';

const STARTED = '2026-11-23T09:30:00.000Z';
const ANA = { id: 'ana', displayName: 'Ana Lima', email: 'ana@example.com' };

function worklogWorld(worklogRule: Record<string, unknown> = {}, overrides: Partial<ConnectionInput> = {}) {
  const rules = [...DEFAULT_RULES, { kind: 'worklogs', ...worklogRule }] as ConnectionInput['rules'];
  return makeWorld(
    { rules, ...overrides },
    { local: { attributions: true }, remote: { attributions: true } },
  );
}

/** A linked pair: one issue on the remote side, synced once. */
async function linkedPair(w: World) {
  const remote = w.remote.userCreate({ title: 'Build the export', state: 'open' });
  await w.cycle();
  const pair = w.store.all(w.connection.id).find((p) => p.remote?.id === remote.id);
  if (!pair?.local) throw new Error('the remote issue was not copied');
  return { remoteId: remote.id, localId: pair.local.id };
}

const worklogsOn = (t: FakeTracker, issueId: string): CanonicalWorklog[] =>
  t.snapshot().find((i) => i.id === issueId)?.worklogs ?? [];

it('copies a remote worklog once to the local issue, with who booked it and where', async () => {
  const w = worklogWorld();
  const { remoteId, localId } = await linkedPair(w);
  const booked = w.remote.userLogWork(
    remoteId,
    { started: STARTED, timeSpentSeconds: 5400, comment: 'Wrote the CSV writer' },
    ANA,
  );
  await w.cycle();
  await w.cycle();

  const copies = worklogsOn(w.local, localId);
  expect(copies).toHaveLength(1);
  expect(copies[0]).toMatchObject({
    started: STARTED,
    timeSpentSeconds: 5400,
    comment: '*Ana Lima logged this in REM:*\n\nWrote the CSV writer',
    origin: worklogOrigin('c1', 'remote', booked.id),
  });
  // The copy is the app's: the tracker could not book it as Ana, so the comment says who did.
  expect(copies[0]?.author?.id).toBe('tandem-app');
  // Nothing came back: the remote side still holds only Ana's worklog.
  expect(worklogsOn(w.remote, remoteId).map((x) => x.id)).toEqual([booked.id]);
});

it('copies a local worklog out, and a worklog without a comment gets the attribution alone', async () => {
  const w = worklogWorld();
  const { remoteId, localId } = await linkedPair(w);
  w.local.userLogWork(localId, { started: STARTED, timeSpentSeconds: 600 }, ANA);
  await w.cycle();
  await w.cycle();
  const copies = worklogsOn(w.remote, remoteId);
  expect(copies.map((c) => [c.timeSpentSeconds, c.comment])).toEqual([
    [600, '*Ana Lima logged this in LOC:*'],
  ]);
  expect(worklogsOn(w.local, localId)).toHaveLength(1);
});

it('follows an edit of the original, and leaves an edit of the copy where it was made', async () => {
  const w = worklogWorld();
  const { remoteId, localId } = await linkedPair(w);
  const booked = w.remote.userLogWork(
    remoteId,
    { started: STARTED, timeSpentSeconds: 3600, comment: 'first' },
    ANA,
  );
  await w.cycle();
  w.remote.userEditWorklog(remoteId, booked.id, { timeSpentSeconds: 7200, comment: 'longer than I thought' });
  await w.cycle();
  const [copy] = worklogsOn(w.local, localId);
  expect(copy).toMatchObject({
    timeSpentSeconds: 7200,
    comment: '*Ana Lima logged this in REM:*\n\nlonger than I thought',
  });

  w.local.userEditWorklog(localId, copy!.id, { timeSpentSeconds: 60 });
  await w.cycle();
  await w.cycle();
  expect(worklogsOn(w.remote, remoteId).map((x) => x.timeSpentSeconds)).toEqual([7200]);
  expect(worklogsOn(w.local, localId).map((x) => x.timeSpentSeconds)).toEqual([60]);
});

it('deletes the copy with its original under propagate, and keeps it under keep', async () => {
  for (const deletions of ['propagate', 'keep'] as const) {
    const w = worklogWorld({ deletions });
    const { remoteId, localId } = await linkedPair(w);
    const booked = w.remote.userLogWork(remoteId, { started: STARTED, timeSpentSeconds: 900 }, ANA);
    await w.cycle();
    expect(worklogsOn(w.local, localId)).toHaveLength(1);
    w.remote.userDeleteWorklog(remoteId, booked.id);
    await w.cycle();
    await w.cycle();
    expect({ deletions, copies: worklogsOn(w.local, localId).length }).toEqual({
      deletions,
      copies: deletions === 'propagate' ? 0 : 1,
    });
    const pair = w.store.all(w.connection.id).find((p) => p.remote?.id === remoteId);
    expect(pair?.worklogs ?? []).toHaveLength(deletions === 'propagate' ? 0 : 1);
    expect(pair?.status.state).toBe('ok');
  }
});

it('rounds part minutes as the rule says, to at least one minute', () => {
  const round = (s: number, r: RuleOf<'worklogs'>['round']) => roundToMinutes(s, r);
  expect([90, 150, 149, 29, 0].map((s) => round(s, 'nearest'))).toEqual([120, 180, 120, 60, 60]);
  expect([61, 120, 1].map((s) => round(s, 'up'))).toEqual([120, 120, 60]);
  expect([119, 120, 59].map((s) => round(s, 'down'))).toEqual([60, 120, 60]);
});

it('books the rounded time on the partner, and an original edited within the minute is sent again', async () => {
  const w = worklogWorld({ round: 'up' });
  const { remoteId, localId } = await linkedPair(w);
  const booked = w.remote.userLogWork(remoteId, { started: STARTED, timeSpentSeconds: 61 }, ANA);
  await w.cycle();
  expect(worklogsOn(w.local, localId).map((x) => x.timeSpentSeconds)).toEqual([120]);
  w.remote.userEditWorklog(remoteId, booked.id, { timeSpentSeconds: 100 });
  await w.cycle();
  // Same minute after rounding, but the original changed: the copy is written again with what it holds now.
  expect(worklogsOn(w.local, localId).map((x) => x.timeSpentSeconds)).toEqual([120]);
  w.remote.userEditWorklog(remoteId, booked.id, { timeSpentSeconds: 200 });
  await w.cycle();
  expect(worklogsOn(w.local, localId).map((x) => x.timeSpentSeconds)).toEqual([240]);
});

it('a kill after the copy is booked and before the pair is saved leaves one copy, linked by the retry', async () => {
  const w = worklogWorld();
  const { remoteId, localId } = await linkedPair(w);
  w.remote.userLogWork(remoteId, { started: STARTED, timeSpentSeconds: 1800, comment: 'review' }, ANA);
  // The next local write is the worklog: it lands, and the engine never hears back (a kill).
  w.local.failAfter(0, 'after');
  await expect(w.cycle()).rejects.toThrow('simulated crash after addWorklog');
  expect(worklogsOn(w.local, localId)).toHaveLength(1);

  w.clock.advance(10 * 60_000); // the dead run's locks have expired
  await w.cycle();
  await w.cycle();
  expect(worklogsOn(w.local, localId)).toHaveLength(1);
  const pair = w.store.all(w.connection.id).find((p) => p.remote?.id === remoteId);
  expect(pair?.worklogs).toHaveLength(1);
  expect(pair?.inflight).toEqual({});
  expect(w.local.calls.addWorklog).toBe(1);
});

it('sends nothing out while outgoing writes are off, and still brings remote worklogs in', async () => {
  const w = worklogWorld({}, { outgoing: { enabled: false } } as Partial<ConnectionInput>);
  const { remoteId, localId } = await linkedPair(w);
  w.local.userLogWork(localId, { started: STARTED, timeSpentSeconds: 600 }, ANA);
  w.remote.userLogWork(remoteId, { started: STARTED, timeSpentSeconds: 1200 }, ANA);
  await w.cycle();
  expect(worklogsOn(w.remote, remoteId).map((x) => x.timeSpentSeconds)).toEqual([1200]);
  expect(
    worklogsOn(w.local, localId)
      .map((x) => x.timeSpentSeconds)
      .sort(),
  ).toEqual([1200, 600]);
});

it('copies the worklogs of an issue it creates, in the same cycle', async () => {
  const w = worklogWorld();
  const issue = w.remote.userCreate({ title: 'Born with time on it', state: 'open' });
  w.remote.userLogWork(issue.id, { started: STARTED, timeSpentSeconds: 300 }, ANA);
  await w.cycle();
  const pair = w.store.all(w.connection.id).find((p) => p.remote?.id === issue.id);
  expect(worklogsOn(w.local, pair!.local!.id).map((x) => x.timeSpentSeconds)).toEqual([300]);
  expect(partnerOf(w, pair!.local!.id)?.id).toBe(issue.id);
});

it('refuses a worklogs rule for a tracker that books no time, and takes it for Jira', () => {
  const rules = RuleListSchema.parse([{ kind: 'worklogs' }]);
  expect(ruleCapabilityProblems(rules, 'Jira', CONNECTORS.jira.capabilities)).toEqual([]);
  const [problem] = ruleCapabilityProblems(rules, 'GitHub', CONNECTORS.github.capabilities);
  expect(problem?.message).toMatch(/worklogs rule needs work logs.*GitHub.*"worklogs"/);
});
