/**
 * Forge KVS limits and validation, as documented for the Key-Value and Custom Entity Store
 * (developer.atlassian.com/platform/forge/limits-kvs-ce, storage-reference/handling-errors-kvs,
 * transactions, batchops). Enforcing them here makes code that would fail on Forge fail in the sandbox.
 */

export const KVS_LIMITS = {
  maxKeyLength: 500,
  /** 240 KiB per persisted value, measured here on its JSON. */
  maxValueBytes: 240 * 1024,
  maxObjectDepth: 31,
  /** Batch operations take at most 25 keys; transactions at most 25 operations. */
  maxBatchItems: 25,
  maxTransactionOps: 25,
  /** Batch and transaction payloads are limited to 4 MB. */
  maxPayloadBytes: 4 * 1024 * 1024,
  /**
   * Query page sizes. The documentation does not state them for @forge/kvs; 10 and 100 match what apps
   * assume. Asking for more than the maximum fails here rather than being silently clamped.
   */
  defaultQueryLimit: 10,
  maxQueryLimit: 100,
  minEntityNameLength: 3,
  maxEntityNameLength: 60,
} as const;

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

/** A failure that becomes an HTTP error response with Forge's `{ code, message }` body. */
export class KvsHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KvsHttpError';
  }
}

export function checkKey(key: string): void {
  if (key.length === 0) throw new KvsHttpError(400, 'KEY_TOO_SHORT', 'The provided key must not be empty');
  if (key.length > KVS_LIMITS.maxKeyLength) {
    throw new KvsHttpError(
      400,
      'KEY_TOO_LONG',
      `The provided key has ${key.length} characters, over the maximum ${KVS_LIMITS.maxKeyLength}`,
    );
  }
  if (!KEY_PATTERN.test(key)) {
    throw new KvsHttpError(
      400,
      'INVALID_KEY',
      `The provided key does not match ${KEY_PATTERN.source}: ${key}`,
    );
  }
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}

export function checkValue(key: string, value: unknown): void {
  if (value === undefined) throw new KvsHttpError(400, 'BAD_REQUEST', `No value given for key ${key}`);
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > KVS_LIMITS.maxValueBytes) {
    throw new KvsHttpError(
      400,
      'MAX_SIZE',
      `The value for key ${key} is ${bytes} bytes, over the maximum ${KVS_LIMITS.maxValueBytes} (240 KiB)`,
    );
  }
  const depth = depthOf(value);
  if (depth > KVS_LIMITS.maxObjectDepth) {
    throw new KvsHttpError(
      400,
      'MAX_DEPTH',
      `The value for key ${key} is nested ${depth} deep, over the maximum ${KVS_LIMITS.maxObjectDepth}`,
    );
  }
}

export function checkEntityName(entityName: string): void {
  if (entityName.length < KVS_LIMITS.minEntityNameLength) {
    throw new KvsHttpError(
      400,
      'ENTITY_TYPE_TOO_SHORT',
      `Entity name ${entityName} is shorter than 3 characters`,
    );
  }
  if (entityName.length > KVS_LIMITS.maxEntityNameLength) {
    throw new KvsHttpError(
      400,
      'ENTITY_TYPE_TOO_LARGE',
      `Entity name ${entityName} is longer than 60 characters`,
    );
  }
}

export function checkPayload(body: unknown): void {
  // JSON.stringify(undefined) is undefined at run time, whatever its declared type says.
  const bytes = Buffer.byteLength(JSON.stringify(body ?? null), 'utf8');
  if (bytes > KVS_LIMITS.maxPayloadBytes) {
    throw new KvsHttpError(413, 'PAYLOAD_TOO_LARGE', `The request is ${bytes} bytes, over the 4 MB maximum`);
  }
}

const UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;
export type TtlUnit = keyof typeof UNIT_MS;

export const ttlToMs = (ttl: { value: number; unit: TtlUnit }): number => ttl.value * UNIT_MS[ttl.unit];

/** What an endpoint answers: a status and, unless it is 204 or similar, a JSON body. */
export interface KvsResult {
  status: number;
  body?: unknown;
}

export const errorResult = (err: KvsHttpError): KvsResult => ({
  status: err.status,
  body: { code: err.code, message: err.message },
});

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return KVS_LIMITS.defaultQueryLimit;
  if (limit < 1 || limit > KVS_LIMITS.maxQueryLimit) {
    throw new KvsHttpError(
      400,
      'INVALID_LIMIT',
      `limit must be from 1 to ${KVS_LIMITS.maxQueryLimit}, got ${limit}`,
    );
  }
  return limit;
}

/**
 * One request's keys, as batches and transactions both check them: at least one, at most `max`, none named
 * twice (per entity), and the whole body within the payload limit. `what` names it: "A batch".
 */
export function checkKeyList(
  what: string,
  keys: readonly { key: string; entityName?: string | undefined }[],
  max: number,
  body: unknown,
): void {
  if (keys.length === 0) throw new KvsHttpError(400, 'BAD_REQUEST', `${what} needs at least one key`);
  if (keys.length > max)
    throw new KvsHttpError(400, 'BAD_REQUEST', `${what} can contain at most ${max} keys, got ${keys.length}`);
  const seen = new Set<string>();
  for (const k of keys) {
    const id = `${k.entityName ?? ''}\u0000${k.key}`;
    if (seen.has(id)) throw new KvsHttpError(400, 'BAD_REQUEST', `${what} names key ${k.key} more than once`);
    seen.add(id);
  }
  checkPayload(body);
}
