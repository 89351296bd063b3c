/**
 * Each rule kind and flag, in trackersync's semantics, on the pure planner: two issues and a base in,
 * patches, base, conflicts and messages out.
 */
import type { CanonicalIssue, JsonObject } from '../../src/core/model';
import { planAttributes, type AttributeInput } from '../../src/core/rules/plan-attributes';
import type { ConnectionInput } from '../../src/core/schema/connection';
import { RuleSchema } from '../../src/core/schema/rules';
import type { Base } from '../../src/core/state';
import { makeConnection, STATUS_MAP } from './harness';

const issue = (fields: JsonObject, updated = '2026-11-24T08:00:00.000Z'): CanonicalIssue => ({
  id: '1',
  key: 'X-1',
  url: 'https://x/browse/X-1',
  fields,
  updated,
  created: '2026-11-20T08:00:00.000Z',
});

function plan(
  ruleList: ConnectionInput['rules'],
  opts: {
    local?: JsonObject;
    remote?: JsonObject;
    base?: Base;
    creating?: 'local' | 'remote';
    self?: string;
    times?: [string, string];
  },
) {
  const connection = makeConnection({
    rules: ruleList,
    remote: { kind: 'jira', project: 'REM', ...(opts.self ? { self: opts.self } : {}) },
  });
  const input: AttributeInput = {
    connection,
    local: opts.local ? issue(opts.local, opts.times?.[0]) : undefined,
    remote: opts.remote ? issue(opts.remote, opts.times?.[1]) : undefined,
    base: opts.base ?? { local: {}, remote: {} },
    creating: opts.creating,
    now: '2026-11-24T09:00:00.000Z',
  };
  return planAttributes(input);
}

describe('one-way (remote → local)', () => {
  const r: ConnectionInput['rules'] = [{ kind: 'one-way', local: 'customer', remote: 'title' }];
  it('sets the local value to the remote one, whatever the local side did', () => {
    const out = plan(r, { local: { customer: 'edited here' }, remote: { title: 'theirs' } });
    expect(out.patch.local).toEqual({ customer: 'theirs' });
    expect(out.patch.remote).toEqual({});
  });
  it('writes nothing when they already agree, and remembers both values', () => {
    const out = plan(r, { local: { customer: 'same' }, remote: { title: 'same' } });
    expect(out.patch.local).toEqual({});
    expect(out.baseNow).toEqual({ local: { customer: 'same' }, remote: { title: 'same' } });
  });
});

describe('default', () => {
  const r: ConnectionInput['rules'] = [
    { kind: 'default', local: 'priority.name', remote: 'severity', default: 'Medium' },
  ];
  it('fills an empty local value from the remote one', () => {
    expect(plan(r, { local: {}, remote: { severity: 'High' } }).patch.local).toEqual({
      'priority.name': 'High',
    });
  });
  it('uses the default when the remote value is empty', () => {
    expect(plan(r, { local: {}, remote: {} }).patch.local).toEqual({ 'priority.name': 'Medium' });
  });
  it('leaves a local value alone once it is set', () => {
    expect(
      plan(r, { local: { priority: { name: 'Low' } }, remote: { severity: 'High' } }).patch.local,
    ).toEqual({});
  });
});

describe('to-remote', () => {
  const r: ConnectionInput['rules'] = [{ kind: 'to-remote', local: 'key', remote: 'supplierRef' }];
  it('copies the local value to the remote side', () => {
    expect(plan(r, { local: { key: 'DEMO-7' }, remote: {} }).patch.remote).toEqual({ supplierRef: 'DEMO-7' });
  });
  it('never writes to the local side, even when the remote value differs', () => {
    const out = plan(r, { local: { key: 'DEMO-7' }, remote: { supplierRef: 'changed remotely' } });
    expect(out.patch.local).toEqual({});
    expect(out.patch.remote).toEqual({ supplierRef: 'DEMO-7' });
  });
  it('uses the remote default for an empty local value', () => {
    const withDefault: ConnectionInput['rules'] = [
      { kind: 'to-remote', local: 'team', remote: 'owner', remoteDefault: 'triage' },
    ];
    expect(plan(withDefault, { local: {}, remote: {} }).patch.remote).toEqual({ owner: 'triage' });
  });
});

describe('multi-to-remote', () => {
  const r: ConnectionInput['rules'] = [
    {
      kind: 'multi-to-remote',
      locals: ['status.name', 'resolution'],
      remote: 'state',
      table: [
        { match: ['Done', 'Fixed'], value: 'closed-fixed' },
        { match: ['Done', null], value: 'closed' },
        { match: [null, null], value: 'open' },
      ],
    },
  ];
  it('takes the first row that matches', () => {
    expect(
      plan(r, { local: { status: { name: 'Done' }, resolution: 'Fixed' }, remote: {} }).patch.remote,
    ).toEqual({ state: 'closed-fixed' });
  });
  it('treats null as a wildcard', () => {
    expect(
      plan(r, { local: { status: { name: 'Done' }, resolution: "Won't do" }, remote: {} }).patch.remote,
    ).toEqual({ state: 'closed' });
    expect(plan(r, { local: { status: { name: 'To Do' } }, remote: {} }).patch.remote).toEqual({
      state: 'open',
    });
  });
});

describe('two-way', () => {
  const rule = (
    conflict: 'remote-wins' | 'local-wins' | 'newest-wins' | 'manual',
  ): ConnectionInput['rules'] => [{ kind: 'two-way', local: 'summary', remote: 'title', conflict }];
  const base: Base = { local: { summary: 'old' }, remote: { title: 'old' } };

  it('sends the side that changed', () => {
    expect(
      plan(rule('remote-wins'), { local: { summary: 'new' }, remote: { title: 'old' }, base }).patch.remote,
    ).toEqual({ title: 'new' });
    expect(
      plan(rule('remote-wins'), { local: { summary: 'old' }, remote: { title: 'new' }, base }).patch.local,
    ).toEqual({ summary: 'new' });
  });

  it('does nothing when neither changed (echo of our own write)', () => {
    const out = plan(rule('remote-wins'), { local: { summary: 'old' }, remote: { title: 'old' }, base });
    expect(out.patch).toEqual({ local: {}, remote: {} });
  });

  const both = { local: { summary: 'mine' }, remote: { title: 'theirs' }, base };
  it('remote-wins when both changed', () => {
    const out = plan(rule('remote-wins'), both);
    expect(out.patch).toEqual({ local: { summary: 'theirs' }, remote: {} });
  });
  it('local-wins when both changed', () => {
    const out = plan(rule('local-wins'), both);
    expect(out.patch).toEqual({ local: {}, remote: { title: 'mine' } });
  });
  it('newest-wins by the issues’ updated times', () => {
    const localNewer = plan(rule('newest-wins'), {
      ...both,
      times: ['2026-11-24T08:05:00.000Z', '2026-11-24T08:01:00.000Z'],
    });
    expect(localNewer.patch.remote).toEqual({ title: 'mine' });
    const remoteNewer = plan(rule('newest-wins'), {
      ...both,
      times: ['2026-11-24T08:01:00.000Z', '2026-11-24T08:05:00.000Z'],
    });
    expect(remoteNewer.patch.local).toEqual({ summary: 'theirs' });
  });
  it('manual records a conflict with both values and overwrites nothing', () => {
    const out = plan(rule('manual'), both);
    expect(out.patch).toEqual({ local: {}, remote: {} });
    expect(out.conflicts).toEqual([
      expect.objectContaining({
        localPath: 'summary',
        remotePath: 'title',
        localValue: 'mine',
        remoteValue: 'theirs',
      }),
    ]);
    expect(out.baseNow).toEqual({ local: {}, remote: {} });
    expect(out.baseOnWrite).toEqual({ local: { local: {}, remote: {} }, remote: { local: {}, remote: {} } });
  });
  it('both changed to the same value is no conflict', () => {
    const out = plan(rule('manual'), { local: { summary: 'same' }, remote: { title: 'same' }, base });
    expect(out.conflicts).toEqual([]);
    expect(out.baseNow).toEqual({ local: { summary: 'same' }, remote: { title: 'same' } });
  });
  it('merges label sets when both sides added and removed', () => {
    const r: ConnectionInput['rules'] = [
      { kind: 'two-way', local: 'labels', remote: 'labels', mergeSets: true },
    ];
    const out = plan(r, {
      local: { labels: ['a', 'b', 'local-new'] },
      remote: { labels: ['b', 'c', 'remote-new'] },
      base: { local: { labels: ['a', 'b', 'c'] }, remote: { labels: ['a', 'b', 'c'] } },
    });
    expect(new Set(out.patch.local.labels as string[])).toEqual(new Set(['b', 'local-new', 'remote-new']));
    expect(new Set(out.patch.remote.labels as string[])).toEqual(new Set(['b', 'local-new', 'remote-new']));
  });
  it('translates values through the map in both directions', () => {
    const r: ConnectionInput['rules'] = [
      { kind: 'two-way', local: 'status.name', remote: 'state', map: STATUS_MAP },
    ];
    const b: Base = { local: { 'status.name': 'To Do' }, remote: { state: 'open' } };
    expect(
      plan(r, { local: { status: { name: 'Done' } }, remote: { state: 'open' }, base: b }).patch.remote,
    ).toEqual({ state: 'closed' });
    expect(
      plan(r, { local: { status: { name: 'To Do' } }, remote: { state: 'closed' }, base: b }).patch.local,
    ).toEqual({ 'status.name': 'Done' });
  });
  it('treats In Progress ↔ open as agreement, not a change to send', () => {
    const r: ConnectionInput['rules'] = [
      { kind: 'two-way', local: 'status.name', remote: 'state', map: STATUS_MAP },
    ];
    const b: Base = { local: { 'status.name': 'To Do' }, remote: { state: 'open' } };
    const out = plan(r, { local: { status: { name: 'In Progress' } }, remote: { state: 'open' }, base: b });
    expect(out.patch).toEqual({ local: {}, remote: {} });
  });
  it('a pair linked just now (no base) follows the conflict policy', () => {
    const out = plan(rule('local-wins'), { local: { summary: 'mine' }, remote: { title: 'theirs' } });
    expect(out.patch.remote).toEqual({ title: 'mine' });
  });
});

describe('value maps', () => {
  it('a wildcard row maps every other value', () => {
    const r: ConnectionInput['rules'] = [
      {
        kind: 'to-remote',
        local: 'priority.name',
        remote: 'severity',
        map: [
          { local: 'Highest', remote: 'S1' },
          { local: '*', remote: 'S3' },
        ],
      },
    ];
    expect(plan(r, { local: { priority: { name: 'Highest' } }, remote: {} }).patch.remote).toEqual({
      severity: 'S1',
    });
    expect(plan(r, { local: { priority: { name: 'Low' } }, remote: {} }).patch.remote).toEqual({
      severity: 'S3',
    });
  });
  it('maps list elements one by one', () => {
    const r: ConnectionInput['rules'] = [
      { kind: 'one-way', local: 'labels', remote: 'tags', map: [{ local: 'bug', remote: 'defect' }] },
    ];
    expect(plan(r, { local: { labels: [] }, remote: { tags: ['defect', 'ui'] } }).patch.local).toEqual({
      labels: ['bug', 'ui'],
    });
  });
});

describe('message-from-field', () => {
  const r: ConnectionInput['rules'] = [
    { kind: 'message-from-field', remote: 'analysis', headline: 'Analysis:' },
  ];
  it('turns a changed remote field into a local comment with the headline', () => {
    const out = plan(r, {
      local: {},
      remote: { analysis: 'Root cause found' },
      base: { local: {}, remote: { analysis: 'Looking' } },
    });
    expect(out.messages.map((m) => m.text)).toEqual(['Analysis:\nRoot cause found']);
  });
  it('says nothing when the field did not change', () => {
    const out = plan(r, {
      local: {},
      remote: { analysis: 'Looking' },
      base: { local: {}, remote: { analysis: 'Looking' } },
    });
    expect(out.messages).toEqual([]);
  });
});

describe('flags', () => {
  const toRemote = (flags: Record<string, boolean>): ConnectionInput['rules'] => [
    { kind: 'to-remote', local: 'key', remote: 'ref', ...flags },
  ];
  it('onlyCreate runs only while the remote issue is created', () => {
    expect(
      plan(toRemote({ onlyCreate: true }), { local: { key: 'A-1' }, creating: 'remote' }).patch.remote,
    ).toEqual({ ref: 'A-1' });
    expect(plan(toRemote({ onlyCreate: true }), { local: { key: 'A-1' }, remote: {} }).patch.remote).toEqual(
      {},
    );
  });
  it('onlyUpdate never runs while the remote issue is created', () => {
    expect(
      plan(toRemote({ onlyUpdate: true }), { local: { key: 'A-1' }, creating: 'remote' }).patch.remote,
    ).toEqual({});
    expect(plan(toRemote({ onlyUpdate: true }), { local: { key: 'A-1' }, remote: {} }).patch.remote).toEqual({
      ref: 'A-1',
    });
  });
  const oneWay = (flags: Record<string, boolean>): ConnectionInput['rules'] => [
    { kind: 'one-way', local: 'customer', remote: 'org', ...flags },
  ];
  it('localOnlyCreate runs only while the local issue is created', () => {
    expect(
      plan(oneWay({ localOnlyCreate: true }), { remote: { org: 'ACME' }, creating: 'local' }).patch.local,
    ).toEqual({ customer: 'ACME' });
    expect(
      plan(oneWay({ localOnlyCreate: true }), { local: {}, remote: { org: 'ACME' } }).patch.local,
    ).toEqual({});
  });
  it('localOnlyUpdate never runs while the local issue is created', () => {
    expect(
      plan(oneWay({ localOnlyUpdate: true }), { remote: { org: 'ACME' }, creating: 'local' }).patch.local,
    ).toEqual({});
    expect(
      plan(oneWay({ localOnlyUpdate: true }), { local: {}, remote: { org: 'ACME' } }).patch.local,
    ).toEqual({ customer: 'ACME' });
  });
  it('onlyAssigned runs only while the remote issue is assigned to the connection’s account', () => {
    const r = oneWay({ onlyAssigned: true });
    const mine = plan(r, {
      local: {},
      remote: { org: 'ACME', assignee: { id: 'u-tandem' } },
      self: 'u-tandem',
    });
    expect(mine.patch.local).toEqual({ customer: 'ACME' });
    const theirs = plan(r, {
      local: {},
      remote: { org: 'ACME', assignee: { id: 'someone' } },
      self: 'u-tandem',
    });
    expect(theirs.patch.local).toEqual({});
  });
  it('afterCreate marks the rule to run again once the remote issue exists', () => {
    const out = plan([{ kind: 'one-way', local: 'remoteKey', remote: 'key', afterCreate: true }], {
      local: {},
      creating: 'remote',
    });
    expect(out.afterCreate).toHaveLength(1);
  });
});

describe('rule schema', () => {
  it('names the field that is wrong', () => {
    const result = RuleSchema.safeParse({ kind: 'two-way', local: 'status/name', remote: 'state' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['local']);
  });
  it('refuses unknown keys and unknown kinds', () => {
    expect(RuleSchema.safeParse({ kind: 'two-way', local: 'a', remote: 'b', colour: 'red' }).success).toBe(
      false,
    );
    expect(RuleSchema.safeParse({ kind: 'sometimes', local: 'a', remote: 'b' }).success).toBe(false);
  });
});
