/**
 * The consumer's round over in-memory fakes of its ports: Jira's per-entity refusals and unknown issue keys
 * end in each delivery's audit record; a rate limit leaves every delivery in the inbox for the retry; any
 * other refusal is recorded and does not block the inbox.
 */
import type { StorePayload, StoreResult } from '../../src/core/devinfo/devinfo-payload';
import type { ParsedDelivery } from '../../src/core/devinfo/git-event';
import type { DeliveryResult, InboxDelivery } from '../../src/core/devinfo/ports';
import { processInboxRound, type InboxDeps } from '../../src/core/devinfo/process-inbox';
import { TrackerError } from '../../src/core/errors';
import type { DevInfoSink } from '../../src/core/ports';

const delivery = (n: number): InboxDelivery => ({
  ref: `d${n}`,
  integrationId: 'gh-1',
  deliveryId: `id-${n}`,
  event: 'push',
  receivedAtMs: 1_700_000_000_000 + n,
  auditRef: `a${n}`,
  bodyBytes: 10,
});

const pushOf = (message: string): ParsedDelivery => {
  const head = {
    id: 'f'.repeat(40),
    message,
    author: { name: 'A', email: 'a@x' },
    timestamp: '2025-01-01T00:00:00.000Z',
    url: 'u',
    files: [],
    fileCount: 0,
    isMerge: false,
  };
  return {
    ok: true,
    events: [
      {
        kind: 'branch-push',
        repository: { id: '1', name: 'r', url: 'u' },
        branch: 'main',
        branchUrl: 'u',
        commits: [head],
      },
    ],
  };
};

function world(sink: DevInfoSink, messages: string[]) {
  const waiting = messages.map((_, i) => delivery(i));
  const results = new Map<string, DeliveryResult>();
  const deps: InboxDeps = {
    inbox: {
      peek: (limit) => Promise.resolve(waiting.slice(0, limit)),
      body: (d) => Promise.resolve(messages[Number(d.ref.slice(1))] ?? ''),
      remove: (done) => {
        for (const d of done) waiting.splice(waiting.indexOf(d), 1);
        return Promise.resolve();
      },
    },
    audit: { complete: (d, r) => Promise.resolve(void results.set(d.deliveryId, r)) },
    projects: { projectKeys: () => Promise.resolve(new Set(['DEMO'])) },
    sink,
    parse: (_d, raw) => Promise.resolve(raw === 'garbage' ? { ok: false, error: 'not a push' } : pushOf(raw)),
  };
  return { deps, waiting, results };
}

const sinkAnswering = (
  answer: (payload: StorePayload) => StoreResult | Error,
): DevInfoSink & { calls: StorePayload[] } => {
  const calls: StorePayload[] = [];
  return {
    calls,
    store(payload) {
      calls.push(payload);
      const result = answer(payload);
      return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
    },
    deleteBranch: () => Promise.resolve(),
  };
};

it('records unknown issue keys and refused entities on the deliveries that sent them', async () => {
  const sink = sinkAnswering((p) => ({
    unknownIssueKeys: ['DEMO-999'],
    failedDevinfoEntities: {
      [p.repositories[0]?.id ?? '']: {
        commits: [{ id: 'f'.repeat(40), errorMessages: [{ message: 'too old' }] }],
      },
    },
  }));
  const w = world(sink, ['DEMO-999 one', 'garbage']);
  expect(await processInboxRound(w.deps)).toMatchObject({ deliveries: 2, requests: 1 });
  expect(sink.calls[0]?.properties).toEqual({ tandemIntegration: 'gh-1' });
  expect(w.results.get('id-0')).toMatchObject({
    outcome: 'failed',
    unknownIssueKeys: ['DEMO-999'],
    detail: expect.stringContaining('too old') as unknown,
  });
  expect(w.results.get('id-1')).toEqual({ outcome: 'failed', detail: 'not a push' });
  expect(w.waiting).toEqual([]);
});

it('leaves every delivery in the inbox when Jira rate-limits, so the retry sends them again', async () => {
  const sink = sinkAnswering(() => new TrackerError('rate_limited', '429', { retryAfterMs: 30_000 }));
  const w = world(sink, ['DEMO-1 a', 'DEMO-2 b']);
  await expect(processInboxRound(w.deps)).rejects.toMatchObject({
    code: 'rate_limited',
    retryAfterMs: 30_000,
  });
  expect(w.waiting).toHaveLength(2);
  expect(w.results.size).toBe(0);
});

it('records a refusal that a retry cannot fix and moves on', async () => {
  const sink = sinkAnswering(() => new TrackerError('invalid_request', 'Jira said 400'));
  const w = world(sink, ['DEMO-1 a']);
  await processInboxRound(w.deps);
  expect(w.results.get('id-0')).toMatchObject({
    outcome: 'failed',
    detail: expect.stringContaining('Jira said 400') as unknown,
  });
  expect(w.waiting).toEqual([]);
});
