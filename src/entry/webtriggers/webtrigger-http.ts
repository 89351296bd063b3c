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
 * Bytes as a web trigger's `body`, one character per byte (U+0000–U+00FF).
 *
 * What Forge documents (checked for the analytics export's Parquet files): the response `body` is a string,
 * "HTTP response body sent back to the caller", and a result that is not of the documented JSON shape is a
 * 500 (developer.atlassian.com/platform/forge/runtime-reference/web-trigger/ and events-reference/web-trigger/,
 * "Response"). Nothing says how that string becomes bytes on the wire, and there is no binary or base64 flag:
 * no `isBase64Encoded` as AWS Lambda proxy responses have (@forge/api 8.3.0 `WebTriggerResponse` declares
 * statusCode, statusText, body and headers only), while ECO-563 (jira.atlassian.com/browse/ECO-563, open) asks
 * Atlassian to support content types other than JSON in web triggers at all. So Forge documents no binary-safe
 * path. Of the readings left, this is the only one under which a binary file can arrive intact at all: a
 * string written as ISO-8859-1 is these bytes; written as UTF-8, no string is a Parquet file (UTF-8 output is
 * always valid UTF-8, Parquet is not), and a base64 body reaches the reader as base64 text DuckDB cannot read.
 * Every text answer of the export is ASCII, the same bytes under either writing. The export serves
 * `wire-check.bin` (core/analytics/wire-check.ts) so the assumption is checked with one `curl | sha256sum`
 * on a deployed app before anyone relies on it.
 */
export const byteBody = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
