/** Every finished invocation, for `GET /_sandbox/api/invocations`. */
import type { ModuleKind } from './manifest';
import { SeqLog } from './seq-log';

/**
 * `retried`: a consumer asked for a retry (InvocationError) and will be delivered again. A consumer that timed
 * out is recorded `timeout` even though the queue retries it, because the limit is what a reader looks for.
 */
export type InvocationOutcome = 'ok' | 'error' | 'timeout' | 'retried';

export interface InvocationRecord {
  seq: number;
  id: string;
  functionKey: string;
  moduleKey: string;
  moduleKind: ModuleKind;
  startedAt: string;
  ms: number;
  limitMs: number;
  outcome: InvocationOutcome;
  error?: string;
  /** Set when fault injection stopped the invocation before its limit. */
  killed?: boolean;
  /** Queue deliveries: the event and how many times it was retried before this attempt. */
  eventId?: string;
  retryCount?: number;
  /** Resident set size sampled at start and end, the larger of the two. Process-wide, so only a hint. */
  rssPeakBytes: number;
}

export type InvocationInput = Omit<InvocationRecord, 'seq'>;

export class InvocationLog {
  private readonly log: SeqLog<InvocationRecord>;

  constructor(capacity?: number) {
    this.log = new SeqLog<InvocationRecord>(capacity);
  }

  record(input: InvocationInput): InvocationRecord {
    return this.log.append((seq) => ({ seq, ...input }));
  }

  since(seq: number): InvocationRecord[] {
    return this.log.since(seq);
  }

  get lastSeq(): number {
    return this.log.lastSeq;
  }
}
