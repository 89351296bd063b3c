/**
 * Status by path: the shortest chain of transitions, screens that require fields, statuses no chain
 * reaches, and chains stopped halfway; with the remote fake's workflow as Jira's partner workflow is in the
 * demo (To Do → In Progress → Done, Done's screen asks for a resolution, Won't Do reached by nothing).
 */
import type { ConnectionInput } from '../../src/core/schema/connection';
import { shortestStatusPath, type WorkflowTransition } from '../../src/core/workflow/status-path';
import { CrashError } from '../fakes/fake-tracker';
import type { FakeWorkflow } from '../fakes/fake-workflow';
import { makeWorld, partnerOf, type World } from './harness';

const PARTNER_WORKFLOW: FakeWorkflow = {
  path: 'status.name',
  initial: 'To Do',
  transitions: [
    { id: '11', name: 'Back to do', from: ['In Progress'], to: 'To Do' },
    { id: '21', name: 'Start', from: ['To Do', 'Done'], to: 'In Progress' },
    { id: '31', name: 'Finish', from: ['In Progress'], to: 'Done', requires: ['resolution'] },
  ],
};
const statusRule = (extra: object = {}): ConnectionInput['rules'] => [
  { kind: 'two-way', local: 'summary', remote: 'summary' },
  { kind: 'two-way', local: 'status.name', remote: 'status.name', ...extra },
  { kind: 'messages', allOutgoing: true },
];
const withResolution = statusRule({ screenFields: { resolution: { default: 'Done' } } });

function world(rules: ConnectionInput['rules'], workflow = PARTNER_WORKFLOW): World {
  return makeWorld({ rules }, { remote: { workflow } });
}
const pairOf = (w: World) => w.store.all(w.connection.id)[0];
const statusOf = (fields: Record<string, unknown> | undefined) =>
  (fields?.status as { name?: string } | undefined)?.name;

describe('shortestStatusPath', () => {
  const t = (id: string, from: string[] | 'any', to: string): WorkflowTransition => ({
    id,
    name: id,
    from,
    to,
  });
  it('finds the shortest chain, not the first one it meets', () => {
    const wf = {
      transitions: [
        t('a', ['Open'], 'Triage'),
        t('b', ['Triage'], 'Review'),
        t('c', ['Review'], 'Closed'),
        t('d', ['Open'], 'Fixing'),
        t('e', ['Fixing'], 'Closed'),
      ],
    };
    expect(shortestStatusPath(wf, 'Open', 'Closed')?.map((x) => x.id)).toEqual(['d', 'e']);
  });
  it('uses global transitions, compares names without case, and answers [] when already there', () => {
    const wf = { transitions: [t('g', 'any', 'Cancelled'), t('a', ['open'], 'Done')] };
    expect(shortestStatusPath(wf, 'Done', 'cancelled')?.map((x) => x.id)).toEqual(['g']);
    expect(shortestStatusPath(wf, 'Open', 'DONE')?.map((x) => x.id)).toEqual(['a']);
    expect(shortestStatusPath(wf, 'Done', 'done')).toEqual([]);
  });
  it('answers undefined when no chain exists', () => {
    expect(shortestStatusPath({ transitions: [t('a', ['Open'], 'Done')] }, 'Done', 'Open')).toBeUndefined();
  });
});

describe('status by path', () => {
  it('walks a new copy To Do → In Progress → Done, with the resolution the status rule gives', async () => {
    const w = world(withResolution);
    const l = w.local.userCreate({ summary: 'Shipped', status: { name: 'Done' } });
    await w.cycle();
    const copy = partnerOf(w, l.id);
    expect(statusOf(copy?.fields)).toBe('Done');
    expect(w.remote.transitionsTaken.map((s) => s.split(':')[1])).toEqual(['In Progress', 'Done']);
    expect(pairOf(w)?.status).toEqual({ state: 'ok' });
  });

  it('records an error naming the transition and the field no rule fills, and never calls the pair ok', async () => {
    const w = world(statusRule());
    const l = w.local.userCreate({ summary: 'Shipped', status: { name: 'Done' } });
    await w.cycle();
    const status = pairOf(w)?.status;
    expect(status?.state).toBe('error');
    expect(status?.state === 'error' && status.message).toMatch(
      /transition "Finish" \(In Progress → Done\) requires "resolution"/,
    );
    // The copy got as far as it could; the next cycles keep saying so instead of settling on "ok".
    expect(statusOf(partnerOf(w, l.id)?.fields)).toBe('In Progress');
    await w.cycle();
    await w.cycle();
    expect(pairOf(w)?.status.state).toBe('error');
    expect(statusOf(w.local.snapshot()[0]?.fields)).toBe('Done');
  });

  it('goes on from where the issue is once the rules fill the field', async () => {
    const w = world(statusRule());
    const l = w.local.userCreate({ summary: 'Shipped', status: { name: 'Done' } });
    await w.cycle();
    const fixed = makeWorld({ rules: withResolution });
    Object.assign(w.connection, { rules: fixed.connection.rules });
    await w.cycle();
    expect(statusOf(partnerOf(w, l.id)?.fields)).toBe('Done');
    expect(w.remote.transitionsTaken.map((s) => s.split(':')[1])).toEqual(['In Progress', 'Done']);
    expect(pairOf(w)?.status).toEqual({ state: 'ok' });
    expect(statusOf(w.local.snapshot()[0]?.fields)).toBe('Done');
  });

  it('records an error naming both statuses when no chain reaches the status, and loses neither side', async () => {
    const w = world(withResolution);
    const l = w.local.userCreate({ summary: 'Dropped', status: { name: "Won't Do" } });
    w.local.userComment(l.id, 'not worth it');
    await w.cycle();
    const status = pairOf(w)?.status;
    expect(status?.state === 'error' && status.message).toMatch(/from "To Do" to "Won't Do"/);
    // The rest of the pair still syncs: the copy exists, with its comment.
    const copy = partnerOf(w, l.id);
    expect(copy?.comments?.map((c) => c.body)).toEqual(['not worth it']);
    for (let i = 0; i < 3; i++) await w.cycle();
    expect(pairOf(w)?.status.state).toBe('error');
    expect(statusOf(w.local.snapshot()[0]?.fields)).toBe("Won't Do");
    expect(statusOf(partnerOf(w, l.id)?.fields)).toBe('To Do');
  });

  it('a chain killed halfway goes on from where the issue is, and the halfway status is not taken for an edit', async () => {
    const w = world(withResolution);
    const l = w.local.userCreate({ summary: 'Work', status: { name: 'To Do' } });
    await w.cycle();
    w.local.userEdit(l.id, { 'status.name': 'Done' });
    w.remote.crashAfterTransitions = 1;
    await expect(w.cycle()).rejects.toThrow(CrashError);
    expect(statusOf(partnerOf(w, l.id)?.fields)).toBe('In Progress');
    await w.cycle();
    expect(statusOf(partnerOf(w, l.id)?.fields)).toBe('Done');
    expect(statusOf(w.local.snapshot()[0]?.fields)).toBe('Done');
    expect(w.remote.transitionsTaken.map((s) => s.split(':')[1])).toEqual(['In Progress', 'Done']);
    expect(pairOf(w)?.status).toEqual({ state: 'ok' });
    expect(pairOf(w)?.inflight).toEqual({});
  });

  it('a copy created in a workflow it cannot walk (no workflow read) takes the direct transitions it is offered', async () => {
    const w = world(withResolution, { ...PARTNER_WORKFLOW, readable: false });
    w.local.userCreate({ summary: 'Started', status: { name: 'In Progress' } });
    await w.cycle();
    expect(pairOf(w)?.status).toEqual({ state: 'ok' });
    const l2 = w.local.userCreate({ summary: 'Shipped', status: { name: 'Done' } });
    await w.cycle();
    const pair = w.store.all(w.connection.id).find((p) => p.local?.id === l2.id);
    expect(pair?.status.state === 'error' && pair.status.message).toMatch(/workflow could not be read/);
  });
});
