/**
 * How @gitbeaker/rest reaches GitLab: through the FetchLike the platform gives (Forge's egress-checked
 * fetch), not the global fetch gitbeaker would use. gitbeaker's own options handler builds the URL, query
 * and JSON body; this answers its requests. Unlike gitbeaker's default requester it does not retry 429s
 * on its own within milliseconds: a limit becomes a retryable TrackerError with GitLab's reset time, and
 * the queue decides when to try again.
 */
import { createRequesterFn, type ResourceOptions, type RequesterType } from '@gitbeaker/requester-utils';
import { z } from 'zod';
import { TrackerError } from '../../core/errors';
import { httpError, unreachable } from '../common/http-error';
import type { ResponseLike } from '../jira/jira-transport';
import type { FetchLike } from '../jira/remote-transport';

const RequestSchema = z.object({
  method: z.string(),
  prefixUrl: z.string(),
  searchParams: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
});

/** The headers gitbeaker reads for pagination, and the ones errors are built from. */
const KEPT_HEADERS = [
  'content-type',
  'link',
  'x-next-page',
  'x-page',
  'x-per-page',
  'x-prev-page',
  'x-total',
  'x-total-pages',
  'retry-after',
  'ratelimit-remaining',
  'ratelimit-reset',
];

export function gitlabRequester(
  fetchImpl: FetchLike,
  label: string,
  now: () => Date,
): (options: ResourceOptions) => RequesterType {
  return createRequesterFn(
    (_service, options) => Promise.resolve(options),
    async (endpoint, raw) => {
      const opts = RequestSchema.parse(raw);
      const url = new URL(endpoint, opts.prefixUrl.endsWith('/') ? opts.prefixUrl : `${opts.prefixUrl}/`);
      if (opts.searchParams) url.search = opts.searchParams;
      let res: ResponseLike;
      try {
        res = await fetchImpl(url.toString(), {
          method: opts.method,
          headers: { Accept: 'application/json', ...opts.headers },
          ...(opts.body === undefined ? {} : { body: opts.body }),
        });
      } catch (err) {
        throw unreachable(label, err);
      }
      const text = await res.text();
      if (res.status >= 400) {
        throw httpError(
          label,
          `${opts.method} ${url.pathname}`,
          res.status,
          res.headers,
          gitlabMessage(text),
          now(),
        );
      }
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = res.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      return { status: res.status, headers, body: parseBody(text, label, url.pathname) };
    },
  );
}

const BodySchema = z.union([
  z.record(z.string(), z.unknown()),
  z.array(z.record(z.string(), z.unknown())),
  z.null(),
]);

function parseBody(text: string, label: string, path: string) {
  if (text.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TrackerError('unknown', `${label} answered ${path} with something that is not JSON`);
  }
  const body = BodySchema.safeParse(parsed);
  if (!body.success) throw new TrackerError('unknown', `${label} answered ${path} in an unexpected shape`);
  return body.data;
}

/** GitLab's error bodies: `{message: "..." | {field: [..]}}` or `{error: "..."}`. */
function gitlabMessage(text: string): string {
  try {
    const body = z
      .object({ message: z.unknown().optional(), error: z.string().optional() })
      .safeParse(JSON.parse(text));
    if (body.success) {
      const m = body.data.message ?? body.data.error;
      return typeof m === 'string' ? m : JSON.stringify(m);
    }
  } catch {
    // Not JSON: an HTML error page from a proxy; its start says enough.
  }
  return text.slice(0, 200);
}
