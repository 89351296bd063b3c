import {
  JiraEmulator,
  seedDemo,
  serveJiraEmulator,
  type Identity,
  type JiraEmulatorOptions,
  type JiraHttpServer,
} from '../../sandbox/jira';

/** A seeded, contract-checked emulator on a random 127.0.0.1 port. */
export interface Harness {
  readonly emulator: JiraEmulator;
  readonly server: JiraHttpServer;
  close(): Promise<void>;
}

export async function startSeeded(options: JiraEmulatorOptions = {}): Promise<Harness> {
  const emulator = new JiraEmulator({ contract: true, ...options });
  seedDemo(emulator);
  const server = await serveJiraEmulator(emulator);
  return { emulator, server, close: () => server.close() };
}

export function seededEmulator(options: JiraEmulatorOptions = {}): JiraEmulator {
  const emulator = new JiraEmulator({ contract: true, ...options });
  seedDemo(emulator);
  return emulator;
}

export interface JsonAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly json: unknown;
}

/** Calls `handle` directly (the Forge path) with a JSON body, and parses a JSON answer. */
export async function callJson(
  emulator: JiraEmulator,
  identity: Identity,
  site: string,
  method: string,
  path: string,
  options: {
    query?: Record<string, string | string[]>;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<JsonAnswer> {
  const hasBody = options.body !== undefined;
  const answer = await emulator.handle(
    {
      site,
      method,
      path,
      query: options.query ?? {},
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: hasBody ? Buffer.from(JSON.stringify(options.body)) : undefined,
    },
    identity,
  );
  const text = answer.body.toString('utf8');
  const json: unknown =
    text.length > 0 && (answer.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : text;
  return { status: answer.status, headers: answer.headers, json };
}

export function basicAuth(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
}

/** Narrows a parsed JSON value for assertions without casting. */
export function obj(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`not an object: ${JSON.stringify(value)}`);
  return Object.fromEntries(Object.entries(value));
}

export function arr(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`not an array: ${JSON.stringify(value)}`);
  return value.map((v: unknown) => v);
}

export const APP: Identity = { kind: 'app' };
