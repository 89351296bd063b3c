/**
 * Deliveries refused before their sender was verified (wrong or missing secret, body too large), apart
 * from the audit: anyone who knows the URL can send them, so they are counted and a few are sampled.
 * Every string in a sample was chosen by that unverified sender; React renders each as text.
 */
import type { RefusedDeliveries } from '../../../../../src/core/devinfo/integration';
import { exactTime, relativeTime } from '../../ui/time';

export function RefusedDeliveriesList({ refused }: { refused: RefusedDeliveries }) {
  if (refused.count === 0) return <p className="table-empty">No delivery refused for its secret or size.</p>;
  const since = refused.firstAt;
  return (
    <section aria-label="Refused deliveries">
      <p>
        {`${String(refused.count)} ${refused.count === 1 ? 'delivery' : 'deliveries'} refused before the sender was verified`}
        {since !== undefined && <span title={exactTime(since)}>{` since ${relativeTime(since)}`}</span>}
        {`. The last ${String(refused.samples.length)}, as their senders named them:`}
      </p>
      <table className="jira">
        <thead>
          <tr>
            <th>Received</th>
            <th>Event (as sent)</th>
            <th>Delivery id (as sent)</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {refused.samples.map((d, i) => (
            <tr key={`${String(i)}-${d.receivedAt}`}>
              <td title={exactTime(d.receivedAt)}>{relativeTime(d.receivedAt)}</td>
              <td className="mono">{d.event}</td>
              <td className="mono">{d.deliveryId}</td>
              <td>{`HTTP ${String(d.httpStatus)}: ${d.detail ?? ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
