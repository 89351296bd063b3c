/**
 * A failure of Forge's async events queue, carrying its handling like StorageError does for KVS. A push that
 * failed is retryable when the platform was busy or down; a push the platform refused (too big, too many
 * events, a bad delay) would be refused again.
 */
export type QueueErrorCode = 'rate_limited' | 'unavailable' | 'partial' | 'refused';

const RETRYABLE: ReadonlySet<QueueErrorCode> = new Set(['rate_limited', 'unavailable', 'partial']);

export class QueueError extends Error {
  readonly code: QueueErrorCode;

  constructor(code: QueueErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QueueError';
    this.code = code;
  }

  get isRetryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}
