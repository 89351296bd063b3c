/**
 * JSON over a JiraTransport, paced by the site's rate governor, with Jira's failures turned into TrackerErrors that say whether a retry helps
 * (429 with Retry-After, 5xx) and what Jira said (its `errorMessages` and `errors`).
 */
import { z } from 'zod';
import { codeForStatus, TrackerError, type TrackerErrorCode } from '../../core/errors';
import { inMemoryEffects, RateGovernor, readJiraRateHeaders } from '../../core/rate';
import type { JiraRequestInit, JiraTransport, ResponseLike } from './jira-transport';
import { encodeMultipart, type MultipartFile } from './multipart';

export interface JiraCall {
  method?: JiraRequestInit['method'];
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  file?: MultipartFile;
  /** Error statuses whose body is the answer (a bulk create's 400 lists why each element failed). */
  accept?: readonly number[];
}

export class JiraClient {
  /**
   * Every call goes through the site's rate governor (core/rate): one 429 pauses every caller of what it
   * names in this invocation (the pairs run side by side), not only the request that got it, and the quota
   * headers of every answer pace what follows. Without one given, the client keeps its own.
   */
  readonly governor: RateGovernor;

  constructor(
    private readonly transport: JiraTransport,
    /** "local Jira" or "remote Jira (partner.example.com)", for error messages. */
    readonly label: string,
    governor?: RateGovernor,
  ) {
    this.governor = governor ?? new RateGovernor(label, 'live', inMemoryEffects(readJiraRateHeaders));
  }

  async json<S extends z.ZodType>(path: string, schema: S, call: JiraCall = {}): Promise<z.infer<S>> {
    const res = await this.send(path, call);
    const text = await res.text();
    let body: unknown;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      throw new TrackerError('unknown', `${this.label} answered ${path} with something that is not JSON`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
      throw new TrackerError('unknown', `${this.label} answered ${path} in an unexpected shape (${where})`);
    }
    return parsed.data;
  }

  /** JSON when the answer has a body, undefined when it has none (a 204). */
  async jsonOrNothing<S extends z.ZodType>(
    path: string,
    schema: S,
    call: JiraCall = {},
  ): Promise<z.infer<S> | undefined> {
    const res = await this.send(path, call);
    const text = await res.text();
    if (text === '') return undefined;
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success)
      throw new TrackerError('unknown', `${this.label} answered ${path} in an unexpected shape`);
    return parsed.data;
  }

  async empty(path: string, call: JiraCall = {}): Promise<void> {
    const res = await this.send(path, call);
    await res.text();
  }

  async bytes(path: string): Promise<Uint8Array> {
    const res = await this.send(path, {});
    return new Uint8Array(await res.arrayBuffer());
  }

  private async send(path: string, call: JiraCall): Promise<ResponseLike> {
    const url = withQuery(path, call.query);
    const headers: Record<string, string> = { Accept: 'application/json' };
    let body: string | Uint8Array | undefined;
    if (call.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.file) {
      const encoded = encodeMultipart(call.file);
      // Jira refuses multipart uploads without this header (XSRF protection).
      headers['X-Atlassian-Token'] = 'no-check';
      headers['Content-Type'] = encoded.contentType;
      body = encoded.body;
    }
    const init: JiraRequestInit = {
      method: call.method ?? 'GET',
      headers,
      ...(body === undefined ? {} : { body }),
    };
    const endpoint = `${init.method} ${endpointOf(path)}`;
    const res = await this.governor.run(
      { endpoint, issueId: writtenIssueOf(init.method, path) },
      async () => {
        try {
          return await this.transport(url, init);
        } catch (err) {
          // A transport that refuses with its own TrackerError has said how to handle it already.
          if (err instanceof TrackerError) throw err;
          const reason = err instanceof Error ? err.message : String(err);
          throw new TrackerError('unavailable', `${this.label} could not be reached: ${reason}`);
        }
      },
    );
    if (res.status < 400 || call.accept?.includes(res.status)) return res;
    throw await toError(this.label, init.method, path, res);
  }
}

/**
 * The issue a write goes to (`/rest/api/3/issue/DEMO-1/comment`), for Jira's per-issue write limit. Only an
 * id or a key names an issue: `/issue/bulk` and `/issue/bulkfetch` write to (or read) no one issue.
 */
export function writtenIssueOf(method: string, path: string): string | undefined {
  if (method === 'GET') return undefined;
  return /^\/rest\/api\/[23]\/issue\/(\d+|[A-Z][A-Z0-9_]*-\d+)(?:[/?]|$)/.exec(path)?.[1];
}

/** `/rest/api/3/issue/10042/comment` → `/rest/api/3/issue/{}/comment`: the endpoint Jira's limit counts. */
export function endpointOf(path: string): string {
  const segments = path.split('/');
  return segments
    .map((seg, i) => (segments[i - 1] !== 'api' && /^(?:\d+|[A-Z][A-Z0-9_]*-\d+)$/.test(seg) ? '{}' : seg))
    .join('/');
}

function withQuery(path: string, query: JiraCall['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toError(
  label: string,
  method: string,
  path: string,
  res: ResponseLike,
): Promise<TrackerError> {
  const text = await res.text().catch(() => '');
  const detail = jiraMessage(text);
  const retryAfter = Number(res.headers.get('retry-after'));
  const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
  const message = `${label}: ${method} ${path} failed with ${res.status}${detail ? `: ${detail}` : ''}`;
  return new JiraRefusal(
    codeForStatus(res.status),
    message,
    { status: res.status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
    fieldErrorsOf(text),
  );
}

/**
 * A refusal with Jira's per-field reasons (`errors` of an `ErrorCollection`), so a write can tell which of
 * its fields Jira would not take, and write the others.
 */
export class JiraRefusal extends TrackerError {
  constructor(
    code: TrackerErrorCode,
    message: string,
    opts: { status?: number; retryAfterMs?: number },
    readonly fieldErrors: Readonly<Record<string, string>>,
  ) {
    super(code, message, opts);
    this.name = 'JiraRefusal';
  }
}

const ErrorCollectionSchema = z.object({ errors: z.record(z.string(), z.string()) });

function fieldErrorsOf(text: string): Record<string, string> {
  const parsed = ErrorCollectionSchema.safeParse(safeJson(text));
  return parsed.success ? parsed.data.errors : {};
}

/** Jira's error bodies: `{errorMessages: [...], errors: {field: message}}`. */
function jiraMessage(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return '';
    const parts: string[] = [];
    if ('errorMessages' in body && Array.isArray(body.errorMessages)) {
      parts.push(...body.errorMessages.filter((m): m is string => typeof m === 'string'));
    }
    if ('errors' in body && typeof body.errors === 'object' && body.errors !== null) {
      for (const [field, msg] of Object.entries(body.errors))
        if (typeof msg === 'string') parts.push(`${field}: ${msg}`);
    }
    return parts.join('; ');
  } catch {
    return text.slice(0, 200);
  }
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
