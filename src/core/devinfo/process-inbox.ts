/**
 * The consumer's side of dev info: take what waits in the inbox, oldest first, build the entities of all
 * of it, merge them, and upload them in as few bulk requests as Jira's limits allow; then record each
 * delivery's outcome and remove it from the inbox. Removal comes last, so a crash or a rate limit
 * anywhere before it only means the same deliveries are processed again, which the update sequence
 * makes harmless.
 */
import type { DevInfoSink } from '../ports';
import { buildChange, type DevInfoChange } from './build-entities';
import { errorMessage, isRetryable } from '../errors';
import { describeFailures } from './devinfo-payload';
import { mergeChanges } from './merge-changes';
import { planBatches } from './plan-batches';
import type {
  DeliveryAudit,
  DeliveryInbox,
  DeliveryResult,
  InboxDelivery,
  ParseQueued,
  ProjectDirectory,
} from './ports';
import { sequencesInOrder } from './update-sequence';

export interface InboxDeps {
  inbox: DeliveryInbox;
  audit: DeliveryAudit;
  projects: ProjectDirectory;
  sink: DevInfoSink;
  parse: ParseQueued;
}

/** Deliveries taken per round, and the body bytes one round holds in memory at most. */
export const ROUND_DELIVERIES = 200;
export const ROUND_BYTES = 24 * 1024 * 1024;

export interface RoundReport {
  deliveries: number;
  requests: number;
  /** More deliveries were waiting than one round takes. */
  more: boolean;
}

interface Built {
  delivery: InboxDelivery;
  change?: DevInfoChange;
  error?: string;
  note?: string;
}

function takeWithinBytes(deliveries: readonly InboxDelivery[]): InboxDelivery[] {
  const out: InboxDelivery[] = [];
  let bytes = 0;
  for (const d of deliveries) {
    if (out.length > 0 && bytes + d.bodyBytes > ROUND_BYTES) break;
    out.push(d);
    bytes += d.bodyBytes;
  }
  return out;
}

export async function processInboxRound(deps: InboxDeps): Promise<RoundReport> {
  const waiting = await deps.inbox.peek(ROUND_DELIVERIES);
  if (waiting.length === 0) return { deliveries: 0, requests: 0, more: false };
  const round = takeWithinBytes(waiting);
  const knownProjects = await deps.projects.projectKeys();
  const sequences = sequencesInOrder(round.map((d) => d.receivedAtMs));

  const built: Built[] = [];
  for (const [i, delivery] of round.entries()) {
    const parsed = await deps.parse(delivery, await deps.inbox.body(delivery));
    if (!parsed.ok) {
      built.push({ delivery, error: parsed.error });
      continue;
    }
    const change = buildChange(
      { integrationId: delivery.integrationId, sequence: sequences[i] ?? 0, knownProjects },
      parsed.events,
    );
    built.push({ delivery, change, ...(parsed.note ? { note: parsed.note } : {}) });
  }

  let requests = 0;
  const byIntegration = new Map<string, Built[]>();
  for (const b of built) {
    const group = byIntegration.get(b.delivery.integrationId) ?? [];
    group.push(b);
    byIntegration.set(b.delivery.integrationId, group);
  }
  for (const [integrationId, group] of byIntegration) {
    const changes = group.flatMap((b) => (b.change ? [b.change] : []));
    const uploaded = await upload(deps.sink, integrationId, changes);
    requests += uploaded.requests;
    for (const b of group) await deps.audit.complete(b.delivery, resultOf(b, uploaded));
  }
  await deps.inbox.remove(round);
  return {
    deliveries: round.length,
    requests,
    more: waiting.length > round.length || waiting.length === ROUND_DELIVERIES,
  };
}

interface Uploaded {
  requests: number;
  unknownIssueKeys: Set<string>;
  failures: string[];
}

async function upload(
  sink: DevInfoSink,
  integrationId: string,
  changes: readonly DevInfoChange[],
): Promise<Uploaded> {
  const merged = mergeChanges(changes);
  const out: Uploaded = { requests: 0, unknownIssueKeys: new Set(), failures: [] };
  for (const repositories of planBatches(merged.repositories)) {
    out.requests++;
    const ids = repositories.map((r) => r.id);
    const result = await unlessRefused(out, ids, () =>
      sink.store({ repositories, properties: { tandemIntegration: integrationId } }),
    );
    if (!result) continue;
    for (const key of result.unknownIssueKeys ?? []) out.unknownIssueKeys.add(key);
    out.failures.push(...describeFailures(result));
  }
  // Deletions after uploads: within one round a branch is either kept or deleted (see merge-changes).
  for (const d of merged.deletions) {
    out.requests++;
    await unlessRefused(out, [d.repositoryId], () =>
      sink.deleteBranch(d.repositoryId, d.branchId, d.updateSequenceId),
    );
  }
  return out;
}

/**
 * A rate limit or an outage propagates: nothing leaves the inbox and the drain retries later. Any other
 * refusal would refuse again, so it is recorded against the repositories it names and the round goes on;
 * otherwise one bad delivery would block the inbox for good.
 */
async function unlessRefused<T>(
  out: Uploaded,
  repositoryIds: readonly string[],
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (isRetryable(err)) throw err;
    for (const id of repositoryIds) out.failures.push(`repository ${id}: ${errorMessage(err)}`);
    return undefined;
  }
}

function keysOf(change: DevInfoChange): Set<string> {
  const keys = new Set<string>();
  for (const u of change.upserts)
    for (const e of [...u.commits, ...u.branches, ...u.pullRequests])
      for (const k of e.issueKeys) keys.add(k);
  return keys;
}

function resultOf(b: Built, uploaded: Uploaded): DeliveryResult {
  if (b.error !== undefined || !b.change) return { outcome: 'failed', detail: b.error ?? 'not parsed' };
  const change = b.change;
  const counts = {
    commits: change.upserts.reduce((n, u) => n + u.commits.length, 0),
    branches: change.upserts.reduce((n, u) => n + u.branches.length, 0),
    pullRequests: change.upserts.reduce((n, u) => n + u.pullRequests.length, 0),
    deletedBranches: change.deletions.length,
    withoutKeys: change.withoutKeys,
  };
  const repos = new Set(change.upserts.map((u) => u.repository.id));
  const failures = uploaded.failures.filter((line) => [...repos].some((r) => line.includes(r)));
  const unknown = [...keysOf(change)].filter((k) => uploaded.unknownIssueKeys.has(k)).slice(0, 100);
  const detail = [
    b.note,
    counts.commits + counts.branches + counts.pullRequests + counts.deletedBranches === 0
      ? 'nothing names an issue of a project on this site'
      : undefined,
    ...failures,
  ].filter((s): s is string => s !== undefined);
  return {
    outcome: failures.length > 0 ? 'failed' : 'processed',
    counts,
    ...(detail.length > 0 ? { detail: detail.join('; ').slice(0, 2000) } : {}),
    ...(unknown.length > 0 ? { unknownIssueKeys: unknown } : {}),
  };
}
