/**
 * Gropius' GraphQL API through graphql-request, over the injected fetch (Forge's egress-checked fetch on the
 * platform, Node's in tests), with the bearer token Gropius' public API expects. Answers are parsed with
 * zod, never cast; failures become TrackerErrors that say whether a retry helps:
 * - HTTP errors by status and the `Retry-After` / rate-limit headers (common/http-error);
 * - GraphQL errors (HTTP 200 with `errors`) by their message: Gropius words a refused permission and a
 *   missing node in the message only.
 */
import { ClientError, GraphQLClient } from 'graphql-request';
import type { z } from 'zod';
import { TrackerError, type TrackerErrorCode } from '../../core/errors';
import { httpError, unreachable } from '../common/http-error';
import type { FetchLike } from '../jira/remote-transport';

/** Answer headers a connector reads: the content type for graphql-request, the waits for the governor. */
const PASSED = ['content-type', 'retry-after', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

/** Marks a failure of the fetch itself, so it is not mistaken for an answer. */
class Unreachable extends Error {}

/** FetchLike as the standard fetch graphql-request calls, with nothing but the headers it needs. */
function asFetch(fetchImpl: FetchLike): typeof fetch {
  return async (url, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body = typeof init?.body === 'string' ? init.body : undefined;
    let res;
    try {
      const target = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
      res = await fetchImpl(target, {
        method: init?.method ?? 'POST',
        headers,
        ...(body === undefined ? {} : { body }),
      });
    } catch (err) {
      throw new Unreachable(err instanceof Error ? err.message : String(err));
    }
    const out = new Headers();
    for (const name of PASSED) {
      const value = res.headers.get(name);
      if (value !== null) out.set(name, value);
    }
    const text = await res.text();
    return new Response(res.status === 204 ? null : text, { status: res.status, headers: out });
  };
}

function graphqlCode(message: string): TrackerErrorCode {
  if (/permission|not allowed|may not/i.test(message)) return 'forbidden';
  if (/not found/i.test(message)) return 'not_found';
  return 'invalid_request';
}

export class GropiusClient {
  private readonly client: GraphQLClient;

  constructor(
    readonly endpoint: string,
    token: string,
    fetchImpl: FetchLike,
    readonly label: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.client = new GraphQLClient(endpoint, {
      fetch: asFetch(fetchImpl),
      headers: { authorization: `Bearer ${token}` },
    });
  }

  async request<S extends z.ZodType>(
    document: string,
    variables: Record<string, unknown>,
    schema: S,
  ): Promise<z.infer<S>> {
    const operation = /(?:query|mutation)\s+(\w+)/.exec(document)?.[1] ?? 'a request';
    let data: unknown;
    try {
      data = await this.client.request(document, variables);
    } catch (err) {
      throw this.failure(operation, err);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
      throw new TrackerError(
        'unknown',
        `${this.label} answered ${operation} in an unexpected shape (${where})`,
      );
    }
    return parsed.data;
  }

  private failure(operation: string, err: unknown): TrackerError {
    if (err instanceof Unreachable) return unreachable(this.label, err);
    if (!(err instanceof ClientError)) return unreachable(this.label, err);
    const { status, headers, errors } = err.response;
    const first = errors?.[0]?.message ?? '';
    if (status >= 400)
      return httpError(
        this.label,
        operation,
        status,
        headers,
        first || bodyMessage(err.response.body),
        this.now(),
      );
    return new TrackerError(
      graphqlCode(first),
      `${this.label}: ${operation} was refused: ${first.slice(0, 300)}`,
    );
  }
}

function bodyMessage(body: unknown): string {
  if (typeof body !== 'string') return '';
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string')
      return parsed.message;
  } catch {
    // not JSON: an HTML error page; its start is enough to recognise it
  }
  return body.slice(0, 200);
}
