/**
 * Redmine's REST API (JSON, `X-Redmine-API-Key`) over an injected fetch: Forge's egress-checked fetch on
 * the platform, Node's in tests. Failures become TrackerErrors with Redmine's own `errors` list.
 */
import type { z } from 'zod';
import { TrackerError } from '../../core/errors';
import { httpError, unreachable } from '../common/http-error';
import type { FetchLike } from '../jira/remote-transport';
import type { ResponseLike } from '../jira/jira-transport';
import { RedmineErrorsSchema } from './redmine-schemas';

export interface RedmineCall {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  bytes?: Uint8Array;
}

export class RedmineClient {
  readonly root: string;

  constructor(
    baseUrl: string,
    private readonly apiKey: string,
    private readonly fetchImpl: FetchLike,
    readonly label: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.root = baseUrl.replace(/\/+$/, '');
  }

  async json<S extends z.ZodType>(path: string, schema: S, call: RedmineCall = {}): Promise<z.infer<S>> {
    const text = await (await this.send(path, call)).text();
    let body: unknown;
    try {
      body = JSON.parse(text);
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

  /** For writes Redmine answers with 204 and no body. */
  async empty(path: string, call: RedmineCall): Promise<void> {
    await (await this.send(path, call)).text();
  }

  async bytes(path: string): Promise<Uint8Array> {
    return new Uint8Array(await (await this.send(path, {})).arrayBuffer());
  }

  private async send(path: string, call: RedmineCall): Promise<ResponseLike> {
    const method = call.method ?? 'GET';
    const url = new URL(`${this.root}${path}`);
    for (const [k, v] of Object.entries(call.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { 'X-Redmine-API-Key': this.apiKey, Accept: 'application/json' };
    let body: string | Uint8Array | undefined;
    if (call.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.bytes) {
      // /uploads.json takes the raw bytes; anything else is refused with 406.
      headers['Content-Type'] = 'application/octet-stream';
      body = call.bytes;
    }
    let res: ResponseLike;
    try {
      res = await this.fetchImpl(url.toString(), {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
    } catch (err) {
      throw unreachable(this.label, err);
    }
    if (res.status >= 400) {
      const text = await res.text().catch(() => '');
      throw httpError(
        this.label,
        `${method} ${path}`,
        res.status,
        res.headers,
        redmineMessage(text),
        this.now(),
      );
    }
    return res;
  }
}

function redmineMessage(text: string): string {
  try {
    const parsed = RedmineErrorsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.errors.join('; ');
  } catch {
    // Not JSON: an HTML error page; its start is enough to recognise it.
  }
  return text.slice(0, 200);
}
