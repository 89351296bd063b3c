/**
 * Starting a host for the tests: the test manifest and handlers (fixtures/) unless a test asks for the real app,
 * queue waits scaled down (Forge's 1 s minimum retry wait becomes 10 ms), logs kept quiet.
 * The host import comes first: it installs the platform globals before any @forge package loads.
 */
import { createHost, type SandboxHost, type SandboxHostOptions } from '../../sandbox/host';
import path from 'node:path';
import { z } from 'zod';

export const FIXTURES = path.join(__dirname, 'fixtures');

export function startTestHost(options: SandboxHostOptions = {}): Promise<SandboxHost> {
  return createHost({
    manifestPath: path.join(FIXTURES, 'test-manifest.yml'),
    handlersModule: path.join(FIXTURES, 'index.ts'),
    queueDelayScale: 0.01,
    ...options,
  });
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Calls the host over HTTP, as tools do; JSON in, JSON (or text) out. */
export async function call(
  host: SandboxHost,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const res = await fetch(`${host.url}${urlPath}`, {
    method,
    ...(body !== undefined
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
      : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

const ResultSchema = z.looseObject({ ok: z.literal(true), result: z.unknown() });

/** Invokes a resolver of the test panel through the control API and returns its result. */
export async function resolve(
  host: SandboxHost,
  functionKey: string,
  payload?: unknown,
  extra: Record<string, unknown> = {},
): Promise<unknown> {
  const answer = await call(host, 'POST', `/_sandbox/api/invoke/${functionKey}`, { payload, ...extra });
  if (answer.status !== 200)
    throw new Error(`invoke ${functionKey}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return ResultSchema.parse(answer.body).result;
}

/** Values of the plain KVS keys that start with `prefix`, straight from the host's store. */
export function kvsValues(host: SandboxHost, prefix: string): unknown[] {
  const plain = host.kvs.toJSON().spaces.kvs ?? {};
  return Object.entries(plain)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, entry]) => entry.value);
}

export function basicAuth(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
}
