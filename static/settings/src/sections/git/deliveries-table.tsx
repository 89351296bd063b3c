/**
 * An integration's last deliveries, newest first: when, which event, what became of it and why. The
 * reason is the receiver's own words when it refused or ignored one, else what the upload counted.
 */
import Lozenge from '@atlaskit/lozenge';
import type { DeliveryOutcome, DeliveryRecord } from '../../../../../src/core/devinfo/integration';
import { exactTime, relativeTime } from '../../ui/time';

const APPEARANCE: Readonly<Record<DeliveryOutcome, 'success' | 'inprogress' | 'default' | 'removed'>> = {
  queued: 'inprogress',
  processed: 'success',
  ignored: 'default',
  duplicate: 'default',
  rejected: 'removed',
  failed: 'removed',
};

const plural = (n: number, one: string, many: string): string => `${String(n)} ${n === 1 ? one : many}`;

function reasonOf(d: DeliveryRecord): string {
  const parts: string[] = [];
  if (d.detail !== undefined) parts.push(d.detail);
  if (d.counts) {
    const c = d.counts;
    const counted = [
      c.commits > 0 ? plural(c.commits, 'commit', 'commits') : '',
      c.branches > 0 ? plural(c.branches, 'branch', 'branches') : '',
      c.pullRequests > 0 ? plural(c.pullRequests, 'pull request', 'pull requests') : '',
      c.deletedBranches > 0 ? plural(c.deletedBranches, 'branch deleted', 'branches deleted') : '',
      c.withoutKeys > 0 ? `${String(c.withoutKeys)} without an issue key` : '',
    ].filter((p) => p !== '');
    parts.push(counted.length > 0 ? counted.join(', ') : 'nothing naming an issue');
  }
  if (d.unknownIssueKeys && d.unknownIssueKeys.length > 0)
    parts.push(`unknown issue keys: ${d.unknownIssueKeys.join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : `HTTP ${String(d.httpStatus)}`;
}

export function DeliveriesTable({ deliveries }: { deliveries: DeliveryRecord[] }) {
  if (deliveries.length === 0)
    return <p className="table-empty">No delivery yet. Deliveries show here as the git server sends them.</p>;
  return (
    <table className="jira">
      <thead>
        <tr>
          <th>Received</th>
          <th>Event</th>
          <th>Outcome</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={`${d.deliveryId}-${d.receivedAt}`}>
            <td title={exactTime(d.receivedAt)}>{relativeTime(d.receivedAt)}</td>
            <td className="mono">{d.event}</td>
            <td>
              <Lozenge appearance={APPEARANCE[d.outcome]}>{d.outcome}</Lozenge>
            </td>
            <td>{reasonOf(d)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
