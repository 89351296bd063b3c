/**
 * The emulator's public vocabulary. `handle` takes a transport-neutral request so the same code serves the local
 * HTTP server (identity from basic auth) and the Forge host's `requestJira` (identity from the invocation context).
 */

/** Who is calling. The caller resolves it: basic auth gives a user, the Forge host says app or user. */
export type Identity = { readonly kind: 'app' } | { readonly kind: 'user'; readonly accountId: string };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface EmulatorRequest {
  /** Site name, e.g. `local` or `partner`. */
  readonly site: string;
  readonly method: string;
  /** Path below the site, starting with `/rest/...`, without the query string. */
  readonly path: string;
  /** Query parameters; a repeated parameter is an array. */
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  /** Header names in any case; the emulator lower-cases them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | undefined;
  /**
   * Traffic of an app (Forge's `requestJira`, as app or as user), which Jira's points quota counts; API-token
   * traffic (basic auth) meets only the burst and per-issue limits ("Rate limiting", developer.atlassian.com).
   */
  readonly fromApp?: boolean;
}

export interface EmulatorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The bytes on the wire; empty for 204. */
  readonly body: Buffer;
}

export type JiraEventType =
  | 'avi:jira:created:issue'
  | 'avi:jira:updated:issue'
  | 'avi:jira:deleted:issue'
  | 'avi:jira:commented:issue'
  | 'avi:jira:deleted:comment'
  | 'avi:jira:created:attachment'
  | 'avi:jira:deleted:attachment'
  | 'avi:jira:created:issuelink'
  | 'avi:jira:deleted:issuelink';

/**
 * One product event after a change. `payload` is what a Forge trigger receives (fields per the Forge events
 * reference); the envelope around it is what the sandbox host needs to route it and to honour `ignoreSelf`.
 */
export interface JiraProductEvent {
  readonly site: string;
  readonly eventType: JiraEventType;
  /** The identity that made the change. */
  readonly actor: Identity;
  /** True when the app made the change: the host drops such events for triggers with `ignoreSelf: true`. */
  readonly byApp: boolean;
  /** Account id of the actor (the app's own account when `byApp`). */
  readonly atlassianId: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export type JiraEventListener = (event: JiraProductEvent) => void | Promise<void>;

export interface FaultSettings {
  /** Added to every request, in milliseconds. */
  readonly latencyMs: number;
  /** Probability in [0, 1] that a request fails with 503 before it is handled. */
  readonly errorRate: number;
  /** Seed for the error-rate RNG, so a failing run can be replayed. */
  readonly seed: number;
}

export interface ContractViolation {
  readonly site: string;
  readonly method: string;
  readonly path: string;
  readonly operationId: string | null;
  readonly phase: 'request' | 'response' | 'unknown-operation';
  readonly status: number | null;
  readonly errors: readonly string[];
}
