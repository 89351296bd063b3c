import { z } from 'zod';
import type { Json } from '../state';
import { badRequest } from './reply';

/** Parses a JSON request body with a zod schema; anything malformed is Jira's 400, never a thrown 500. */
export function parseJsonBody<T extends z.ZodType>(body: Buffer | undefined, schema: T): z.output<T> {
  let value: unknown;
  try {
    value = JSON.parse(body?.toString('utf8') ?? '');
  } catch {
    throw badRequest('Unexpected character in the request body: it is not valid JSON.');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw badRequest(`Invalid request payload. ${detail}`);
  }
  return parsed.data;
}

/** A body that may be any JSON value (entity properties). */
export function parseAnyJson(body: Buffer | undefined): Json {
  return parseJsonBody(body, z.json());
}
