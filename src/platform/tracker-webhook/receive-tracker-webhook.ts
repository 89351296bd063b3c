/**
 * A remote tracker's issue webhook (GitHub `issues` / `issue_comment`, GitLab issue and note hooks, a partner
 * Jira's admin webhook), in
 * the order that keeps refusing cheap: the connection by the URL's last segment (404), a body over the
 * webhook limit (413, before any byte of it is hashed or parsed, as for git webhooks), its kind's verifier
 * with the connection's webhook secrets, in constant time, the previous secret too during a rotation (401,
 * nothing read or recorded; a connection with no secret set refuses every delivery), the event's shape
 * (422). A verified issue event marks the issue pending and queues one cycle for it (202); a burst on one
 * issue finds the mark and queues nothing more.
 */
import { kvs } from '@forge/kvs';
import { CONNECTORS } from '../../connectors/registry';
import { webhookCycle } from '../../core/work/run-work-item';
import type { ConnectionRepository, WorkQueue } from '../../core/ports';
import { ConnectionIdSchema } from '../../core/schema/connection';
import { keys } from '../kvs/keys';
import { overBodyLimit } from '../webhook-body-limit';
import { markOnce } from '../kvs/mark-once';

/** Long enough to gather a burst, short enough that a lost queue event costs no more than the schedule. */
const PENDING_TTL_S = 60;
/** A second's delay lets GitHub's `edited` + `labeled` + `commented` for one save arrive first. */
const GATHER_DELAY_S = 1;

export interface TrackerWebhookDeps {
  connections: ConnectionRepository;
  queue: WorkQueue;
  credential(connectionId: string, name: string): Promise<string | undefined>;
}

export interface TrackerWebhookRequest {
  /** Path segments after the web trigger id: `/<connectionId>`. */
  userPath: string;
  headers: Readonly<Record<string, readonly string[]>>;
  rawBody: string;
}

export interface TrackerWebhookAnswer {
  status: 200 | 202 | 401 | 404 | 413 | 422;
  body: { accepted: boolean; reason?: string; issues?: string[] } | { error: string };
}

const refuse = (status: 401 | 404 | 413 | 422, error: string): TrackerWebhookAnswer => ({
  status,
  body: { error },
});

export async function receiveTrackerWebhook(
  deps: TrackerWebhookDeps,
  request: TrackerWebhookRequest,
): Promise<TrackerWebhookAnswer> {
  const id = ConnectionIdSchema.safeParse(request.userPath.split('/').find((s) => s !== ''));
  const connection = id.success ? await deps.connections.get(id.data) : undefined;
  if (!connection) return refuse(404, 'no connection at this URL');
  const verify = CONNECTORS[connection.remote.kind].verifyWebhook;
  if (!verify) return refuse(404, `${connection.remote.kind} connections take no webhooks`);
  const tooLarge = overBodyLimit(request.rawBody);
  if (tooLarge !== undefined) return refuse(413, tooLarge);

  const secrets = (
    await Promise.all(
      ['webhookSecret', 'previousWebhookSecret'].map((name) => deps.credential(connection.id, name)),
    )
  ).filter((s): s is string => s !== undefined && s !== '');
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, v[0]]));
  const check = verify({ connection, secrets, headers, rawBody: request.rawBody });
  if (!check.ok) return refuse(check.status, check.reason);
  if ('ignored' in check) return { status: 200, body: { accepted: false, reason: check.ignored } };
  if (!connection.enabled) return { status: 200, body: { accepted: false, reason: 'connection disabled' } };

  const fresh: string[] = [];
  for (const issueId of check.issueIds) if (await markPending(connection.id, issueId)) fresh.push(issueId);
  if (fresh.length > 0) {
    try {
      await deps.queue.push([webhookCycle(connection.id, fresh)], GATHER_DELAY_S);
    } catch (err) {
      // Unmark, so the next delivery tries again; the schedule's listing finds the change meanwhile.
      await clearPending(connection.id, fresh);
      throw err;
    }
  }
  return { status: 202, body: { accepted: true, issues: check.issueIds } };
}

/** True when this call set the mark, false when a queued cycle already covers the issue. */
const markPending = (connectionId: string, issueId: string): Promise<boolean> =>
  markOnce(keys.trackerWebhookPending(connectionId, issueId), PENDING_TTL_S);

/** The queued cycle clears its marks before it reads, so an event arriving meanwhile queues again. */
export async function clearPending(connectionId: string, issueIds: readonly string[]): Promise<void> {
  for (const issueId of issueIds) await kvs.delete(keys.trackerWebhookPending(connectionId, issueId));
}
