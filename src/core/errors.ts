import type { Json } from './model';

/**
 * Errors carry their handling: whether a retry can help and when. Connectors translate HTTP failures into
 * these, so the queue consumer decides backoff in one place.
 */
export type TrackerErrorCode =
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'invalid_request'
  | 'conflict'
  | 'transition_missing'
  | 'field_required'
  | 'user_unmapped'
  | 'too_large'
  | 'unknown';

const RETRYABLE: ReadonlySet<TrackerErrorCode> = new Set(['rate_limited', 'unavailable', 'timeout']);

export class TrackerError extends Error {
  readonly code: TrackerErrorCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    code: TrackerErrorCode,
    message: string,
    opts: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'TrackerError';
    this.code = code;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
  }

  get isRetryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

/** Maps an HTTP status to an error code; 429 and 5xx are retryable, other 4xx are not. */
export function codeForStatus(status: number): TrackerErrorCode {
  if (status === 429) return 'rate_limited';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too_large';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'unavailable';
  if (status >= 400) return 'invalid_request';
  return 'unknown';
}

/**
 * The one failure contract. Any error that knows its handling says so with `isRetryable` (and, when the
 * other side named a time, `retryAfterMs`): TrackerError here, StorageError and QueueError in the platform
 * (which classifies Forge's own KVS and queue errors into them), HookInstallError in the git connectors.
 * Everything else (a bug, a bad record) is permanent: a retry would fail the same way.
 */
export interface HandledError extends Error {
  readonly code: string;
  readonly isRetryable: boolean;
  readonly retryAfterMs?: number | undefined;
}

export interface FailureHandling {
  retryable: boolean;
  /** When the failing side asked for a wait; otherwise the consumer picks its backoff. */
  retryAfterMs: number | undefined;
  code: string;
  message: string;
}

const isHandledError = (err: unknown): err is HandledError =>
  err instanceof Error &&
  typeof (err as Partial<HandledError>).isRetryable === 'boolean' &&
  typeof (err as Partial<HandledError>).code === 'string';

export function handlingOf(err: unknown): FailureHandling {
  if (isHandledError(err)) {
    const after = err.retryAfterMs;
    return {
      retryable: err.isRetryable,
      retryAfterMs: typeof after === 'number' && Number.isFinite(after) && after >= 0 ? after : undefined,
      code: err.code,
      message: err.message,
    };
  }
  return { retryable: false, retryAfterMs: undefined, code: 'unexpected', message: errorMessage(err) };
}

/** A field the write could not set, and why, in words a person can act on. */
export interface UnwrittenField {
  path: string;
  message: string;
}

/**
 * Part of a write landed and part could not (a status no transition reaches, a transition screen whose
 * required field no rule fills). `held` answers what the tracker now holds at the written paths, as
 * `updateIssue` does; `unwritten` names what was not written. Not retryable: the same write would fail the
 * same way until a person changes the workflow or the rules.
 */
export class PartialWriteError extends TrackerError {
  readonly held: Record<string, Json>;
  readonly unwritten: UnwrittenField[];

  constructor(held: Record<string, Json>, unwritten: UnwrittenField[], code: TrackerErrorCode) {
    super(code, unwritten.map((u) => u.message).join('; '));
    this.name = 'PartialWriteError';
    this.held = held;
    this.unwritten = unwritten;
  }
}

export function isRetryable(err: unknown): boolean {
  return handlingOf(err).retryable;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
