/**
 * Reads and writes a site as a person would: over the host's own `/sites/<site>/rest/...` with the person's
 * API token. Going through HTTP rather than calling the emulator directly keeps the host in the loop: it saves
 * the emulator's state after writes, and the emulator fires product events for them (so the app syncs).
 */
import { z } from 'zod';
import type { Account } from '../accounts';
import { ErrorBodySchema } from './jira-schemas';

export interface JiraAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export class JiraRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'JiraRequestError';
  }
}

export interface JiraCall {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (a body the app already serialised), with the caller's content-type. */
  bodyText?: string;
  headers?: Readonly<Record<string, string>>;
}

/** Jira's error body in one line: `errorMessages` and `errors` joined. */
export function describeJiraError(status: number, text: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return `HTTP ${status}: ${text.slice(0, 200)}`;
  }
  const parsed = ErrorBodySchema.safeParse(json);
  if (!parsed.success) return `HTTP ${status}`;
  const parts = [
    ...parsed.data.errorMessages,
    ...Object.entries(parsed.data.errors).map(([k, v]) => `${k}: ${v}`),
  ];
  return parts.length > 0 ? parts.join('; ') : `HTTP ${status}`;
}

export class JiraClient {
  constructor(private readonly baseUrl: () => string) {}

  /** The raw answer; `path` starts with `/rest/`. */
  async send(site: string, account: Account, path: string, call: JiraCall = {}): Promise<JiraAnswer> {
    if (account.apiToken === undefined)
      throw new JiraRequestError(401, `${account.email} has no API token on ${site}`);
    const url = new URL(`${this.baseUrl()}/sites/${encodeURIComponent(site)}${path}`);
    for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
    const auth = Buffer.from(`${account.email}:${account.apiToken}`).toString('base64');
    // The caller's headers first: whatever they say, the request is authenticated as `account`.
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...call.headers,
      authorization: `Basic ${auth}`,
    };
    const init: RequestInit = { method: call.method ?? 'GET', headers };
    if (call.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(call.body);
    } else if (call.bodyText !== undefined) {
      init.body = call.bodyText;
    }
    const res = await fetch(url, init);
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  /** A 2xx answer parsed with `schema`; anything else throws `JiraRequestError` with Jira's message. */
  async json<S extends z.ZodType>(
    site: string,
    account: Account,
    path: string,
    schema: S,
    call: JiraCall = {},
  ): Promise<z.output<S>> {
    const answer = await this.send(site, account, path, call);
    if (answer.status < 200 || answer.status > 299)
      throw new JiraRequestError(answer.status, describeJiraError(answer.status, answer.text));
    const parsed = schema.safeParse(answer.text === '' ? undefined : JSON.parse(answer.text));
    if (!parsed.success) throw new Error(`unexpected answer from ${path}: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }

  /** A write whose answer body does not matter (204, 201). */
  async write(site: string, account: Account, path: string, call: JiraCall): Promise<void> {
    const answer = await this.send(site, account, path, call);
    if (answer.status < 200 || answer.status > 299)
      throw new JiraRequestError(answer.status, describeJiraError(answer.status, answer.text));
  }
}
