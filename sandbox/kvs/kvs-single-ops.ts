/**
 * get / set / delete on one key of one namespace; plain keys, secrets and entities share them.
 * Status codes follow what @forge/kvs expects: 404 KEY_NOT_FOUND for a missing get or delete (the package
 * turns it into `undefined`), 204 for a set with nothing to return, 409 KEY_CONFLICT when FAIL_IF_EXISTS
 * meets a live key.
 */
import type { MetadataField, SetOptions } from './kvs-requests';
import { checkKey, checkValue, KvsHttpError, ttlToMs, type KvsResult } from './kvs-rules';
import type { Entry, KvsTable } from './kvs-table';

/** Forge reports createdAt/updatedAt in epoch seconds and expireTime as an ISO string. */
export function itemBody(
  key: string,
  entry: Entry,
  fields: readonly MetadataField[] = [],
): Record<string, unknown> {
  // A copy, so a caller of handle() cannot change stored data by mutating a response.
  const body: Record<string, unknown> = { key, value: structuredClone(entry.value) };
  if (fields.includes('CREATED_AT')) body['createdAt'] = Math.floor(entry.createdAt / 1000);
  if (fields.includes('UPDATED_AT')) body['updatedAt'] = Math.floor(entry.updatedAt / 1000);
  if (fields.includes('EXPIRE_TIME') && entry.expiresAt !== undefined) {
    body['expireTime'] = new Date(entry.expiresAt).toISOString();
  }
  return body;
}

export const keyNotFound = (key: string): KvsHttpError =>
  new KvsHttpError(404, 'KEY_NOT_FOUND', `Provided key does not exist: ${key}`);

export function getOp(
  table: KvsTable,
  space: string,
  key: string,
  fields?: readonly MetadataField[],
): KvsResult {
  checkKey(key);
  const entry = table.get(space, key);
  if (entry === undefined) throw keyNotFound(key);
  return { status: 200, body: itemBody(key, entry, fields) };
}

/** Validates everything a set needs, so a transaction can check all its writes before applying any. */
export function checkSet(
  table: KvsTable,
  space: string,
  key: string,
  value: unknown,
  options?: SetOptions,
): void {
  checkKey(key);
  checkValue(key, value);
  if (options?.keyPolicy === 'FAIL_IF_EXISTS' && table.get(space, key) !== undefined) {
    throw new KvsHttpError(409, 'KEY_CONFLICT', `Key already exists: ${key}`);
  }
  if (options?.returnValue !== undefined && options.keyPolicy !== 'OVERRIDE') {
    throw new KvsHttpError(400, 'BAD_REQUEST', 'returnValue requires keyPolicy OVERRIDE');
  }
}

export function setOp(
  table: KvsTable,
  space: string,
  key: string,
  value: unknown,
  options?: SetOptions,
): KvsResult {
  checkSet(table, space, key, value, options);
  const previous = table.get(space, key);
  const latest = table.put(space, key, value, options?.ttl === undefined ? undefined : ttlToMs(options.ttl));
  const fields = options?.returnMetadataFields;
  if (options?.returnValue === 'LATEST') return { status: 200, body: itemBody(key, latest, fields) };
  if (options?.returnValue === 'PREVIOUS' && previous !== undefined) {
    return { status: 200, body: itemBody(key, previous, fields) };
  }
  return { status: 204 };
}

export function deleteOp(table: KvsTable, space: string, key: string): KvsResult {
  checkKey(key);
  if (!table.delete(space, key)) throw keyNotFound(key);
  return { status: 204 };
}
