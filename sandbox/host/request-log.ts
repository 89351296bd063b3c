/** Every call the app made to the platform or the outside world, for `GET /_sandbox/api/requests`. */
import { SeqLog } from './seq-log';

export type RequestTarget = 'kvs' | 'jira' | 'queue' | 'graphql' | 'fetch' | 'other';

export interface OutboundRequest {
  seq: number;
  at: string;
  invocationId: string;
  functionKey: string;
  target: RequestTarget;
  /** Jira emulator site for `jira`; host (with port) for `fetch`. */
  site?: string;
  host?: string;
  method: string;
  path: string;
  /** `null` when the call never got an answer: refused, or failed on the network. */
  status: number | null;
  /** Why the host refused the call: egress allowlist, or the invocation had ended. */
  refused?: 'egress' | 'timeout' | 'returned';
  error?: string;
  ms: number;
  /** Jira identity: `app` for asApp calls, `user` for asUser calls; `null` for other targets. */
  identity: 'app' | 'user' | null;
  accountId?: string;
  /** The KVS endpoint, e.g. `batch/get`. */
  kvsOp?: string;
}

export type RequestInput = Omit<OutboundRequest, 'seq' | 'at'>;

export class RequestLog {
  private readonly log: SeqLog<OutboundRequest>;

  constructor(capacity?: number) {
    this.log = new SeqLog<OutboundRequest>(capacity);
  }
  private readonly kvsOps = new Map<string, number>();

  record(input: RequestInput): OutboundRequest {
    if (input.kvsOp !== undefined) this.kvsOps.set(input.kvsOp, (this.kvsOps.get(input.kvsOp) ?? 0) + 1);
    return this.log.append((seq) => ({ seq, at: new Date().toISOString(), ...input }));
  }

  since(seq: number): OutboundRequest[] {
    return this.log.since(seq);
  }

  get lastSeq(): number {
    return this.log.lastSeq;
  }

  /** KVS calls by endpoint since the host started, refused ones included. */
  kvsOpCounts(): Record<string, number> {
    return Object.fromEntries(this.kvsOps);
  }
}
