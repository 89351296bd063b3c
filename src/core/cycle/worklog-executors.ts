/**
 * The writes of rule kind `worklogs`: a copy is booked once (journalled, found again by its origin
 * marker after a kill), edited from its original, and deleted with it. See execute-plan.ts for the rules.
 */
import { TrackerError } from '../errors';
import { otherSide, type Side } from '../model';
import { worklogMutationKey, worklogOrigin } from '../identity';
import type { TrackerPort } from '../ports';
import { worklogHash } from '../rules/plan-worklogs';
import type { Executor, ExecutorContext } from './executors';
import { endJournal } from './journal';
import { ignoreMissing, targetId } from './write-helpers';

/** The tracker's worklog methods; a tracker without them was never given a worklog to write. */
function worklogsOf(tracker: TrackerPort, side: Side) {
  const t = tracker;
  if (!t.capabilities.worklogs || !t.listWorklogs || !t.addWorklog || !t.updateWorklog || !t.deleteWorklog)
    throw new TrackerError('invalid_request', `the ${side} tracker (${tracker.kind}) has no work logs`);
  return {
    list: t.listWorklogs.bind(t),
    add: t.addWorklog.bind(t),
    update: t.updateWorklog.bind(t),
    remove: t.deleteWorklog.bind(t),
  };
}

const addWorklog: Executor<'add-worklog'> = async ({ connection, pair, tracker, journal }, m) => {
  const sourceSide = otherSide(m.side);
  const links = (pair.worklogs ??= []);
  if (links.some((l) => l[sourceSide] === m.sourceWorklogId)) return []; // booked by an earlier run
  const worklogs = worklogsOf(tracker, m.side);
  const issueId = targetId(pair, m.side);
  const origin = worklogOrigin(connection.id, sourceSide, m.sourceWorklogId);
  const { value: copy, sent } = await journal.run(
    async () => (await worklogs.list(issueId)).find((w) => w.origin === origin),
    () => worklogs.add(issueId, m.worklog, origin, m.attribution),
    { sourceHash: m.sourceHash },
  );
  const sourceHash = sent.sourceHash ?? m.sourceHash;
  const copyHash = worklogHash(copy);
  links.push(
    m.side === 'local'
      ? {
          local: copy.id,
          remote: m.sourceWorklogId,
          localHash: copyHash,
          remoteHash: sourceHash,
          origin: 'remote',
        }
      : {
          local: m.sourceWorklogId,
          remote: copy.id,
          localHash: sourceHash,
          remoteHash: copyHash,
          origin: 'local',
        },
  );
  journal.done();
  return [];
};

const updateWorklog: Executor<'update-worklog'> = async ({ pair, tracker }, m) => {
  await worklogsOf(tracker, m.side).update(targetId(pair, m.side), m.worklogId, m.worklog, m.attribution);
  const link = pair.worklogs?.find((l) => l[m.side] === m.worklogId);
  if (link) {
    if (m.side === 'remote') link.localHash = m.sourceHash;
    else link.remoteHash = m.sourceHash;
  }
  return [];
};

const deleteWorklog: Executor<'delete-worklog'> = async ({ pair, tracker }: ExecutorContext, m) => {
  const worklogs = worklogsOf(tracker, m.side);
  await ignoreMissing(() => worklogs.remove(targetId(pair, m.side), m.worklogId));
  pair.worklogs = (pair.worklogs ?? []).filter((l) => l[m.side] !== m.worklogId);
  // An orphan copy (its add's answer was lost, then its original deleted) ends its add's journal entry here.
  endJournal(pair, worklogMutationKey(pair.pairId, 'add-worklog', m.side, m.sourceWorklogId));
  return [];
};

export const WORKLOG_EXECUTORS = {
  'add-worklog': addWorklog,
  'update-worklog': updateWorklog,
  'delete-worklog': deleteWorklog,
};
