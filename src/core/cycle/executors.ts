/**
 * Mutation kinds whose writes live in a table, one executor per kind, rather than in apply-mutation's
 * switch: a new kind of write is a new entry here and a module of its own.
 */
import type { UnwrittenField } from '../errors';
import type { HierarchyMutation, Mutation, WorklogMutation } from '../plan';
import type { TrackerPort } from '../ports';
import type { Connection } from '../schema/connection';
import type { LinkedPair } from '../state';
import type { EngineDeps } from './engine-deps';
import type { Journal } from './journal';
import { HIERARCHY_EXECUTORS } from './hierarchy-executors';
import { WORKLOG_EXECUTORS } from './worklog-executors';

export interface ExecutorContext {
  deps: EngineDeps;
  connection: Connection;
  pair: LinkedPair;
  /** The tracker of the side the mutation writes to. */
  tracker: TrackerPort;
  journal: Journal;
}

type MutationOf<K extends Mutation['kind']> = Extract<Mutation, { kind: K }>;

/** Applies one mutation; answers the fields it could not write, as applyMutation does. */
export type Executor<K extends Mutation['kind']> = (
  ctx: ExecutorContext,
  m: MutationOf<K>,
) => Promise<UnwrittenField[]>;

type TabledKind = WorklogMutation['kind'] | HierarchyMutation['kind'];
type ExecutorTable = { [K in TabledKind]: Executor<K> };

const EXECUTORS: ExecutorTable = { ...WORKLOG_EXECUTORS, ...HIERARCHY_EXECUTORS };

export const isTabled = (m: Mutation): m is MutationOf<TabledKind> => Object.hasOwn(EXECUTORS, m.kind);

export function runTabled<K extends TabledKind>(ctx: ExecutorContext, kind: K, m: MutationOf<K>) {
  const executor: Executor<K> = EXECUTORS[kind];
  return executor(ctx, m);
}
