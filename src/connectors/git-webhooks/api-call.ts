/** JSON calls to a git server's REST API for hook installation, failures carrying the server's message. */
import type { z } from 'zod';
import type { FetchLike } from '../jira/remote-transport';
import { HookInstallError } from './hook-installer';

export interface ApiCall {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  headers: Record<string, string>;
  json?: unknown;
}

/** GitHub says `{message}`, GitLab `{message}` or `{error}`; anything else is shown clipped. */
function serverMessage(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null) {
      if ('message' in body)
        return typeof body.message === 'string' ? body.message : JSON.stringify(body.message);
      if ('error' in body && typeof body.error === 'string') return body.error;
    }
  } catch {
    // not JSON: fall through to the text itself
  }
  return text.slice(0, 300);
}

export async function apiJson<S extends z.ZodType>(
  fetch: FetchLike,
  url: string,
  call: ApiCall,
  schema: S,
): Promise<z.output<S>> {
  const res = await fetch(url, {
    method: call.method,
    headers: {
      Accept: 'application/json',
      ...call.headers,
      ...(call.json === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(call.json === undefined ? {} : { body: JSON.stringify(call.json) }),
  });
  const text = await res.text();
  if (res.status >= 400) {
    throw new HookInstallError(
      `${call.method} ${new URL(url).pathname} answered ${res.status}: ${serverMessage(text)}`,
      res.status,
      retryAfterMsOf(res.headers.get('retry-after')),
    );
  }
  let body: unknown;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    throw new HookInstallError(`${call.method} ${new URL(url).pathname} did not answer JSON`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new HookInstallError(`${call.method} ${new URL(url).pathname} answered an unexpected shape`);
  return parsed.data;
}

/** Retry-After in seconds (RFC 9110 §10.2.3; GitHub and GitLab send seconds); a date form is left to backoff. */
function retryAfterMsOf(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim()) * 1000;
}
