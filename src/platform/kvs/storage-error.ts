/**
 * Storage failures that carry their handling, like TrackerError does for trackers: the queue consumer asks
 * `isRetryable` and backs off; anything else is a bug or a record that needs a human.
 */
import { ForgeKvsAPIError } from '@forge/kvs';

export type StorageErrorCode =
  /** A value over the Forge size limit: retrying cannot help; the record must shrink. */
  | 'value_too_large'
  /** A stored record that does not parse: written by another version, or damaged. */
  | 'corrupt_record'
  /** Some items of a batch or transaction failed; `failures` says which and why. */
  | 'write_failed'
  | 'rate_limited'
  | 'unavailable';

const RETRYABLE: ReadonlySet<StorageErrorCode> = new Set(['rate_limited', 'unavailable']);

export interface ItemFailure {
  key: string;
  code: string;
  message: string;
}

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  readonly failures: readonly ItemFailure[];

  constructor(code: StorageErrorCode, message: string, failures: readonly ItemFailure[] = []) {
    super(message);
    this.name = 'StorageError';
    this.code = code;
    this.failures = failures;
  }

  get isRetryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

/** Maps a per-item KVS error code (as batch calls report them) to how we handle it. */
export function codeForItemError(code: string): StorageErrorCode {
  if (code === 'RATE_LIMIT_EXCEEDED' || code === 'TOO_MANY_REQUESTS') return 'rate_limited';
  if (code === 'MAX_SIZE') return 'value_too_large';
  if (code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE') return 'unavailable';
  return 'write_failed';
}

/** A KVS answer of 409 on a FAIL_IF_EXISTS write: the key is held by someone else. */
export function isKeyConflict(err: unknown): boolean {
  return (
    err instanceof ForgeKvsAPIError && (err.responseDetails.status === 409 || err.code === 'KEY_CONFLICT')
  );
}

/** Forge KVS stores at most 240 KiB per value, measured on the JSON we send. */
export const MAX_VALUE_BYTES = 240 * 1024;

/** Fails before the write, naming the record, instead of a bare MAX_SIZE from KVS after it. */
export function assertValueFits(key: string, value: unknown): void {
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > MAX_VALUE_BYTES) {
    throw new StorageError(
      'value_too_large',
      `record ${key} is ${(bytes / 1024).toFixed(1)} KiB; Forge KVS stores at most ${MAX_VALUE_BYTES / 1024} KiB per value`,
    );
  }
}
