/**
 * The writes of rule kind `hierarchy` besides a create's own parent (which travels in the create's fields):
 * moving an issue under another parent, or out from under one. An update, idempotent by nature, so it is
 * simply repeated on a retry; the parent it leaves is stored on the pair once the write has landed.
 */
import { PARENT_PATH } from '../model';
import type { Executor } from './executors';
import { targetId } from './write-helpers';

const setParent: Executor<'set-parent'> = async ({ pair, tracker }, m) => {
  await tracker.updateIssue(targetId(pair, m.side), { [PARENT_PATH]: m.parentId });
  pair.hierarchy = m.synced;
  return [];
};

export const HIERARCHY_EXECUTORS = { 'set-parent': setParent };
