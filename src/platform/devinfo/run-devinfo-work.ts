/** The consumer's dispatch for `devinfo` work: drain the inbox, or take an installation's next step. */
import type { InboxDeps } from '../../core/devinfo/process-inbox';
import type { WorkQueue } from '../../core/ports';
import type { DevInfoWork } from '../../core/work/work-items';
import { forgeClock } from '../forge-clock';
import { runInstallStep } from './auto-install';
import { kvsDeliveryAudit } from './delivery-audit';
import { KvsDeliveryInbox } from './delivery-inbox';
import { drainInbox } from './drain-inbox';
import { jiraDevInfoSink } from './jira-devinfo-sink';
import { parseQueued } from './parse-queued';
import { jiraProjectDirectory } from './project-directory';

const inboxDeps = (): InboxDeps => ({
  inbox: new KvsDeliveryInbox(),
  audit: kvsDeliveryAudit,
  projects: jiraProjectDirectory(),
  sink: jiraDevInfoSink(),
  parse: parseQueued,
});

export async function runDevInfoWork(queue: WorkQueue, work: DevInfoWork): Promise<void> {
  const body = work.body;
  if (body.task === 'drain') await drainInbox(inboxDeps(), queue, forgeClock, body.busyRetries);
  else await runInstallStep(queue, body.integrationId);
}
