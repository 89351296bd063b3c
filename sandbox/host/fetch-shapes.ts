/** Conversions between fetch's Request/Response and the plain shapes the emulators take and give. */
import { STATUS_CODES } from 'node:http';

export interface PlainRequest {
  method: string;
  /** Lower-case names; repeated headers joined with `, ` as fetch does. */
  headers: Record<string, string>;
  body: Buffer | undefined;
}

/**
 * Reads method, headers and body the way fetch would send them, whatever form `init` takes (string, FormData,
 * URLSearchParams, Blob). FormData gets its multipart boundary here, exactly as on the wire.
 */
export async function readRequest(url: string, init: RequestInit | undefined): Promise<PlainRequest> {
  const request = new Request(url, init);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const bytes = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
  return {
    method: request.method,
    headers,
    body: bytes !== undefined && bytes.length > 0 ? bytes : undefined,
  };
}

/** Repeated query parameters become arrays, as the Jira emulator expects. */
export function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return query;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function bytesResponse(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: Buffer | string | null,
): Response {
  const content =
    NULL_BODY_STATUSES.has(status) || body === null
      ? null
      : typeof body === 'string'
        ? body
        : new Uint8Array(body);
  return new Response(content, { status, statusText: STATUS_CODES[status] ?? '', headers });
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return bytesResponse(
    status,
    { 'content-type': 'application/json', 'x-trace-id': 'sandbox', ...headers },
    body === undefined ? null : JSON.stringify(body),
  );
}

/** Parses a JSON request body; `undefined` when there is none, a `SyntaxError` result when it does not parse. */
export function parseJsonBody(body: Buffer | undefined): { ok: true; value: unknown } | { ok: false } {
  if (body === undefined) return { ok: true, value: undefined };
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}
