/**
 * The HTTP shapes of a Forge web trigger: the request Forge passes in and the response it expects back.
 * Header values are arrays of strings in both directions.
 */
import { z } from 'zod';
import { parseInput } from '../shared/parse-input';

const HeadersSchema = z.record(z.string(), z.array(z.string()));

const WebTriggerRequestSchema = z.looseObject({
  method: z.string().min(1),
  path: z.string(),
  /** Path segments after the web trigger id (`/x1/{id}/a/b` → `/a/b`); absent on older runtimes. */
  userPath: z.string().default(''),
  headers: HeadersSchema.default({}),
  queryParameters: HeadersSchema.default({}),
  body: z.string().optional(),
});

export type WebTriggerRequest = z.output<typeof WebTriggerRequestSchema>;

export interface WebTriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

export const parseWebTriggerRequest = (request: unknown): WebTriggerRequest =>
  parseInput(WebTriggerRequestSchema, request, 'web trigger request');

export const jsonResponse = (
  statusCode: number,
  body: unknown,
  extraHeaders: Record<string, string[]> = {},
): WebTriggerResponse => ({
  statusCode,
  headers: { 'Content-Type': ['application/json'], ...extraHeaders },
  body: JSON.stringify(body),
});

export const errorResponse = (
  statusCode: number,
  reason: string,
  extraHeaders: Record<string, string[]> = {},
): WebTriggerResponse => jsonResponse(statusCode, { error: reason }, extraHeaders);

/** First value of a header, matched case-insensitively as HTTP requires. */
export function headerValue(request: WebTriggerRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(request.headers)) {
    if (key.toLowerCase() === wanted) return values[0];
  }
  return undefined;
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: WebTriggerResponse };

const isJsonMediaType = (contentType: string): boolean => {
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return mediaType === 'application/json' || mediaType.endsWith('+json');
};

/** Parses the body as JSON, or says in a 4xx response why the sender's request cannot be read. */
export function readJsonBody(request: WebTriggerRequest): JsonBody {
  const contentType = headerValue(request, 'content-type');
  if (contentType !== undefined && !isJsonMediaType(contentType)) {
    return {
      ok: false,
      response: errorResponse(415, `expected Content-Type application/json, got ${contentType}`),
    };
  }
  const raw = request.body ?? '';
  if (raw.trim() === '') {
    return { ok: false, response: errorResponse(400, 'request body is empty; expected a JSON document') };
  }
  try {
    const value: unknown = JSON.parse(raw);
    return { ok: true, value };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, response: errorResponse(400, `request body is not valid JSON: ${detail}`) };
  }
}

/**
 * Bytes as a web trigger's `body`, one character per byte (U+0000–U+00FF). Forge documents the response body
 * only as a string (events-reference/web-trigger, runtime-reference/web-trigger); it says nothing of how
 * that string becomes bytes on the wire, and nothing about binary bodies at all. One character per byte
 * arrives intact only where the platform writes each character as one byte (ISO-8859-1); a platform that
 * writes UTF-8 turns every byte from 0x80 up into two. The analytics export depends on the first: it is
 * an assumption, not a documented behaviour, and must be checked on a deployed app (README, "Analytics
 * export": compare a downloaded file's SHA-256 with the manifest's) before anyone relies on it.
 */
export const byteBody = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
