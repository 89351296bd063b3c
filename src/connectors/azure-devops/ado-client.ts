/**
 * JSON and bytes over the platform's FetchLike to one Azure DevOps organization, with a personal access
 * token over basic auth (the spec's `accessToken` security scheme: "Use any value for the user name and
 * the token as the password"), every call paced by the organization's rate governor, and failures turned
 * into TrackerErrors that say whether a retry helps.
 *
 * Why not Microsoft's `azure-devops-node-api` here: its transport (typed-rest-client) speaks node:http
 * directly, which would bypass Forge's egress-checked fetch and the governor, and its interfaces write JSON
 * Patch `op` as a numeric enum that the wire does not take; the answers are parsed with zod instead.
 */
import { RateGovernor, inMemoryEffects } from '../../core/rate';
import { TrackerError } from '../../core/errors';
import { httpError, unreachable } from '../common/http-error';
import type { ResponseLike } from '../jira/jira-transport';
import type { FetchLike } from '../jira/remote-transport';
import type { z } from 'zod';
import { readAzureDevOpsRateHeaders } from './ado-rate-headers';
import { AdoErrorSchema } from './ado-schemas';

export const API_VERSION = '7.1';
/** The comments API is still a preview in 7.1 (spec parameter `api-Version-preview.4`). */
export const COMMENTS_API_VERSION = '7.1-preview.4';

export interface AdoCall {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  query?: Record<string, string | undefined>;
  json?: unknown;
  /** JSON Patch documents go as `application/json-patch+json`, which the work item endpoints require. */
  patch?: unknown;
  bytes?: Uint8Array;
  apiVersion?: string;
}

export interface AzureDevOpsClientOptions {
  /** `https://dev.azure.com/fabrikam` */
  organizationUrl: string;
  pat: string;
  fetch: FetchLike;
  now: () => Date;
  label: string;
  governor?: RateGovernor;
}

export class AzureDevOpsClient {
  readonly label: string;
  readonly root: string;
  private readonly governor: RateGovernor;
  private readonly auth: string;

  constructor(private readonly opts: AzureDevOpsClientOptions) {
    this.label = opts.label;
    this.root = opts.organizationUrl.replace(/\/+$/, '');
    this.auth = `Basic ${Buffer.from(`:${opts.pat}`).toString('base64')}`;
    this.governor =
      opts.governor ?? new RateGovernor(opts.label, 'live', inMemoryEffects(readAzureDevOpsRateHeaders));
  }

  async json<S extends z.ZodType>(path: string, schema: S, call: AdoCall = {}): Promise<z.infer<S>> {
    const res = await this.send(path, call);
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new TrackerError('unknown', `${this.label} answered ${path} with something that is not JSON`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new TrackerError(
        'unknown',
        `${this.label} answered ${path} in an unexpected shape: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    return parsed.data;
  }

  async empty(path: string, call: AdoCall): Promise<void> {
    await (await this.send(path, call)).text();
  }

  async bytes(path: string, call: AdoCall = {}): Promise<Uint8Array> {
    return new Uint8Array(await (await this.send(path, call)).arrayBuffer());
  }

  private async send(path: string, call: AdoCall): Promise<ResponseLike> {
    const method = call.method ?? 'GET';
    const url = new URL(`${this.root}${path}`);
    url.searchParams.set('api-version', call.apiVersion ?? API_VERSION);
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: this.auth };
    let body: string | Uint8Array | undefined;
    if (call.patch !== undefined) {
      headers['Content-Type'] = 'application/json-patch+json';
      body = JSON.stringify(call.patch);
    } else if (call.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.bytes) {
      headers['Content-Type'] = 'application/octet-stream';
      body = call.bytes;
    }
    const endpoint = `${method} ${endpointOf(url.pathname)}`;
    const issueId = method === 'GET' ? undefined : /\/workitems\/(\d+)/i.exec(url.pathname)?.[1];
    const res = await this.governor.run({ endpoint, issueId }, async () => {
      try {
        return await this.opts.fetch(url.toString(), {
          method,
          headers,
          ...(body === undefined ? {} : { body }),
        });
      } catch (err) {
        if (err instanceof TrackerError) throw err;
        throw unreachable(this.label, err);
      }
    });
    if (res.status < 400) return res;
    const text = await res.text();
    const detail = adoMessage(text);
    // A failed `test` on /rev: someone else changed the work item since it was read.
    if (res.status === 409 || res.status === 412)
      throw new TrackerError('conflict', `${this.label}: ${method} ${url.pathname}: ${detail}`, {
        status: res.status,
      });
    throw httpError(
      this.label,
      `${method} ${url.pathname}`,
      res.status,
      res.headers,
      detail,
      this.opts.now(),
    );
  }
}

/** `/fabrikam/Fabrikam/_apis/wit/workitems/12/comments/3` → `…/workitems/{}/comments/{}`. */
export const endpointOf = (path: string): string =>
  path.replace(/\/(\d+|[0-9a-f]{8}-[0-9a-f-]{27})(?=\/|$)/gi, '/{}');

function adoMessage(text: string): string {
  try {
    const body = AdoErrorSchema.safeParse(JSON.parse(text));
    if (body.success) return body.data.message;
  } catch {
    // Not JSON: a sign-in page or a proxy's error; its start says enough.
  }
  return text.slice(0, 200);
}
