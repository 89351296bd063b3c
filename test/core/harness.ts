/**
 * A connection between two fake trackers, an in-memory store and a manual clock: the ground the core's
 * tests stand on.
 */
import type { EngineDeps } from '../../src/core/cycle/engine-deps';
import { runCycle } from '../../src/core/cycle/run-cycle';
import { ConnectionSchema, type Connection, type ConnectionInput } from '../../src/core/schema/connection';
import type { Rule } from '../../src/core/schema/rules';
import { FakeTracker, type FakeTrackerOptions } from '../fakes/fake-tracker';
import { MemoryStateStore } from '../fakes/memory-state-store';

export class TestClock {
  private t = Date.parse('2026-11-24T08:00:00.000Z');
  remaining = Number.POSITIVE_INFINITY;
  now = (): Date => new Date(this.t);
  ms = (): number => this.t;
  advance(ms = 1000): void {
    this.t += ms;
  }
}

export const STATUS_MAP = [
  { local: 'Done', remote: 'closed' },
  { local: 'To Do', remote: 'open' },
  { local: 'In Progress', remote: 'open' },
];

export const DEFAULT_RULES: ConnectionInput['rules'] = [
  { kind: 'two-way', local: 'summary', remote: 'title' },
  { kind: 'two-way', local: 'description', remote: 'body' },
  { kind: 'two-way', local: 'status.name', remote: 'state', map: STATUS_MAP },
  { kind: 'two-way', local: 'labels', remote: 'labels', mergeSets: true },
  { kind: 'messages', allOutgoing: true },
  { kind: 'files' },
];

export function makeConnection(overrides: Partial<ConnectionInput> = {}): Connection {
  return ConnectionSchema.parse({
    id: 'c1',
    name: 'Test connection',
    localProject: 'LOC',
    remote: { kind: 'jira', project: 'REM' },
    rules: DEFAULT_RULES,
    ...overrides,
  });
}

export function rules(...list: ConnectionInput['rules']): Rule[] {
  return makeConnection({ rules: list }).rules;
}

export interface TrackerOverrides {
  local?: FakeTrackerOptions;
  remote?: FakeTrackerOptions;
}

export function makeWorld(overrides: Partial<ConnectionInput> = {}, trackers: TrackerOverrides = {}) {
  const clock = new TestClock();
  let ids = 0;
  const local = new FakeTracker({
    project: 'LOC',
    host: 'local.example.com',
    now: clock.now,
    ...trackers.local,
  });
  const remote = new FakeTracker({
    project: 'REM',
    host: 'remote.example.com',
    now: clock.now,
    ...trackers.remote,
  });
  const store = new MemoryStateStore(clock.ms);
  const deps: EngineDeps = {
    local,
    remote,
    store,
    clock: { now: clock.now, remainingMs: () => clock.remaining },
    newId: () => `plan-${++ids}`,
  };
  const connection = makeConnection(overrides);
  const cycle = async (opts: { dryRun?: boolean } = {}) => {
    clock.advance(1000);
    const result = await runCycle(deps, connection, opts);
    clock.advance(1000);
    return result;
  };
  return { clock, local, remote, store, deps, connection, cycle };
}

export type World = ReturnType<typeof makeWorld>;

/** Local issue id → remote issue, through the stored pairs. */
export function partnerOf(world: World, localId: string) {
  const pair = world.store.all(world.connection.id).find((p) => p.local?.id === localId);
  if (!pair?.remote) return undefined;
  return world.remote.snapshot().find((i) => i.id === pair.remote?.id);
}
